"""Caching whole pages until the record changes.

The record changes only through imports and data entry, and every model keeps a change history
(django-simple-history). The newest history row of every history table is therefore a version of the
whole record: one cheap query (MAX of each primary key). A page is cached per user (pages carry the
user's CSRF token and private material), per full URL and per version, so an edit anywhere shows at once.
"""

import functools
import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection

HISTORY_APPS = ("inspections", "improvement")


@functools.cache
def _version_sql():
    tables = sorted(
        model._meta.db_table
        for app in HISTORY_APPS
        for model in apps.get_app_config(app).get_models()
        if model.__name__.startswith("Historical")
    )
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT MAX(history_id) FROM {quote(table)})" for table in tables)
    return f"SELECT {columns}"


def record_version():
    """Changes whenever any record, claim or membership is created, changed or deleted."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        return ".".join(str(value or 0) for value in cursor.fetchone())


def cached_page(view):
    """Serve a GET from the cache while the record and the user are unchanged (PAGE_CACHE_SECONDS; 0 is off)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET":
            return view(request, *args, **kwargs)
        user = request.user
        identity = f"{user.pk}:{user.is_staff}:{user.is_superuser}:{request.get_full_path()}:{record_version()}"
        key = "page:" + hashlib.sha256(identity.encode()).hexdigest()
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(lambda rendered: cache.set(key, rendered, seconds))
            else:
                cache.set(key, response, seconds)
        return response

    return wrapped
