"""Caching whole pages until the record changes, without ever serving one session's page to another.

A page is cached per user (pages carry private material), per full URL and per record version
(inspections.record.version: bumped by the database in the same transaction as any change to the record, a
membership or a user's rights, in commit order), so an edit anywhere shows at once, through any process.

What belongs to a session, not to the user, never comes out of the cache:
- the CSRF token (the sign-out form on every page carries one): it is cut out of the cached copy and each
  request's own token is put back when the page is served;
- messages ("Saved", "Imported …"): a page that showed or queued one is not cached, and a request with one
  waiting is rendered afresh so that it is shown.
"""

import functools
import hashlib
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token

from inspections.record import version as versions

# A masked CSRF token: 64 of CSRF_ALLOWED_CHARS, standing alone.
_TOKEN_CANDIDATE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def record_version():
    """Changes whenever any record, claim, membership or user's rights change; one query."""
    return versions.current()


def _csrf_token_used(request):
    # get_token() flags the request so that the middleware sends the cookie: the page used the token.
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _split_at_csrf_tokens(request, content):
    """The page cut at every copy of this request's CSRF token, or None if the token was used but cannot be
    found (then the page must not be cached)."""
    if not _csrf_token_used(request):
        return [content]
    secret = request.META.get("CSRF_COOKIE", "")
    parts, start = [], 0
    for match in _TOKEN_CANDIDATE.finditer(content):
        if _unmask_cipher_token(match.group().decode()) == secret:
            parts.append(content[start : match.start()])
            start = match.end()
    if not parts:
        return None
    parts.append(content[start:])
    return parts


def _messages_pending(request):
    storage = get_messages(request)
    return storage is not None and len(storage) > 0


def _messages_shown(request):
    # used: the page iterated them; queued: the view added one (Django keeps those in _queued_messages).
    storage = get_messages(request)
    return storage is not None and (storage.used or len(storage._queued_messages) > 0)


def _store(request, key, response, seconds):
    if response.status_code != 200 or response.streaming or response.cookies or _messages_shown(request):
        return
    parts = _split_at_csrf_tokens(request, response.content)
    if parts is None:
        return
    headers = [(name, value) for name, value in response.headers.items() if name.lower() != "content-length"]
    cache.set(key, {"parts": parts, "headers": headers, "status": response.status_code}, seconds)


def _serve(request, cached):
    parts = cached["parts"]
    token = get_token(request).encode() if len(parts) > 1 else b""
    response = HttpResponse(token.join(parts), status=cached["status"])
    for name, value in cached["headers"]:
        response.headers[name] = value
    return response


def page_key(request):
    user = request.user
    identity = f"{user.pk}:{user.is_staff}:{user.is_superuser}:{request.get_full_path()}:{record_version()}"
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def cached_page(view):
    """Serve a GET from the cache while the record and the user are unchanged (PAGE_CACHE_SECONDS; 0 is off)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET" or _messages_pending(request):
            return view(request, *args, **kwargs)
        key = page_key(request)  # the version is read before the page: the page is at least that new
        cached = cache.get(key)
        if cached is not None:
            return _serve(request, cached)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.add_post_render_callback(lambda rendered: _store(request, key, rendered, seconds))
        else:
            _store(request, key, response, seconds)
        return response

    return wrapped
