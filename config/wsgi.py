"""The WSGI application gunicorn serves (scripts/serve)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()


def application(environ, start_response):
    """Django's application, without a body in answer to HEAD.

    Django leaves dropping it to the server (runserver does); gunicorn drops it too but logs a warning for every
    HEAD, which a proxy's health check would turn into a stream of false alarms in the error log.
    """
    result = django_application(environ, start_response)
    if environ.get("REQUEST_METHOD") != "HEAD":
        return result
    if hasattr(result, "close"):
        result.close()  # releases the database connection and an open file, as the server would have
    return []
