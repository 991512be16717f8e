"""Sign-in throttling (django-axes): who the client is behind a proxy, and what a locked-out person is told."""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.template.response import TemplateResponse


def client_address(request):
    """The address failed sign-ins are counted against.

    Each trusted proxy in front of the app appends the address it received from to X-Forwarded-For, so with
    DJANGO_TRUSTED_PROXY_COUNT=N the client is the N-th entry from the right; anything further left was sent by
    the client itself and could be forged to dodge the per-address limit. With no proxy, the socket's address.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_message():
    minutes = math.ceil(get_cool_off().total_seconds() / 60)
    return (
        "Too many failed sign-in attempts for this account or from this address; "
        f"try again in {minutes} minute{'s' if minutes != 1 else ''} or ask an administrator to unlock it."
    )


def locked_out(request, original_response=None, credentials=None):
    """The sign-in page again, saying why and for how long (429), instead of axes' bare text."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "locked_out": lockout_message(), "next": request.POST.get("next", "")}
    response = TemplateResponse(request, "registration/login.html", context, status=429)
    return response.render()
