"""Refusing NUL bytes before they reach a view.

PostgreSQL cannot store or compare a text containing NUL (0x00): a `%00` in a path or a parameter that reaches a
query fails inside the database driver, as a 500. No page, filter or form of the dashboard needs one, so any
request carrying one (in its path, its query string or a submitted form) is refused as a bad request (400).
"""

from django.http import HttpResponseBadRequest

NUL = "\x00"
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(query):
    return any(NUL in key or any(NUL in value for value in values) for key, values in query.lists())


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (NUL in request.path or _has_nul(request.GET)
                or (request.method == "POST" and request.content_type in FORMS and _has_nul(request.POST))):
            return HttpResponseBadRequest("The address or form holds a NUL byte (%00), which no page accepts.",
                                          content_type="text/plain; charset=utf-8")
        return self.get_response(request)
