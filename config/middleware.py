"""Responses that depend on who is signed in must not be kept by a shared cache or a browser's disk."""

from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateCacheControlMiddleware:
    """Every response to a signed-in user (pages, CSV and XLSX exports, document downloads) is marked
    `private, no-store`: it may carry a council's private self-evaluation, and a proxy or the next person at a
    shared computer must not be served it. Static files never get here (whitenoise answers them first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        return response
