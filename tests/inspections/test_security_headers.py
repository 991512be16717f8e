"""The headers a government service sends, private caching of everything a signed-in user sees, error logging."""

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.urls import path

from tests.conftest import REPORTS
from tests.inspections.dashboard_world import leicestershire_user, signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db


@login_not_required
def fails(request):
    raise RuntimeError("the figures did not add up")


urlpatterns = [path("fails/", fails)]  # ROOT_URLCONF for the logging tests only


def private_everywhere(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives and "Cookie" in response["Vary"]


def test_every_page_a_signed_in_user_sees_is_private(client, world, staff):
    signed_in(client, staff)
    pages = ["/", "/authorities/", "/authorities/E06000016/", f"/inspections/{world.ilacs_2024.pk}/", "/journeys/",
             "/claims/", "/cohorts/", "/admin/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert private_everywhere(response), (url, response.get("Cache-Control"))


def without_csrf_token(content):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_a_page_served_from_the_page_cache_is_private_too(client, world, staff, settings):
    settings.PAGE_CACHE_SECONDS = 600
    signed_in(client, staff)
    first, second = client.get("/authorities/"), client.get("/authorities/")
    # The second came from the cache: the same page but for the CSRF token, masked afresh for each response.
    assert without_csrf_token(first.content) == without_csrf_token(second.content)
    assert private_everywhere(first) and private_everywhere(second)


def test_every_export_is_private(client, world, leicestershire_user):
    """CSV and XLSX exports carry the council's own claims: no shared cache may keep them."""
    signed_in(client, leicestershire_user)
    exports = ["/authorities/?_export=csv", "/claims/?_export=csv", "/claims/?_export=xlsx", "/cohorts/?_export=csv",
               "/journeys/export.csv", "/authorities/E06000016/how-it-compares.csv"]
    for url in exports:
        response = client.get(url)
        assert response.status_code == 200, url
        assert private_everywhere(response), (url, response.get("Cache-Control"))
    assert client.get("/claims/?_export=xlsx")["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_document_download_is_private(client, world, leicestershire_user):
    pdf = next(REPORTS.glob("*.pdf"))
    world.report_2024.file.save(pdf.name, ContentFile(pdf.read_bytes()))
    world.report_2024.filename = pdf.name
    world.report_2024.save()
    world.private_document.text = "Leicestershire's own account of its services."
    world.private_document.save()
    for document in (world.report_2024, world.private_document):  # a stored PDF, and a self-evaluation's text
        response = signed_in(client, leicestershire_user).get(f"/documents/{document.pk}/download")
        assert response.status_code == 200
        assert private_everywhere(response), response.get("Cache-Control")
    assert b"".join(client.get(f"/documents/{world.report_2024.pk}/download").streaming_content) == pdf.read_bytes()


def test_static_files_stay_publicly_cacheable_for_a_signed_in_user(client, staff, settings):
    settings.WHITENOISE_USE_FINDERS = True  # whitenoise serves from the source folders, as collectstatic would
    settings.WHITENOISE_AUTOREFRESH = True
    response = signed_in(client, staff).get("/static/css/dashboard.css")
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "") and "no-store" not in response.get("Cache-Control", "")


def test_the_security_headers_come_with_every_page(client, world, staff, settings):
    settings.SECURE_HSTS_SECONDS = 31536000  # what production has; the tests' plain HTTP turns it off
    anonymous = client.get("/accounts/login/", secure=True)
    page = signed_in(client, staff).get("/", secure=True)
    for response in (anonymous, page):
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
        assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
        assert policy["object-src"] == policy["frame-ancestors"] == "'none'"
        assert "unsafe" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_an_inline_script_style_or_event_handler():
    """What the policy forbids, checked at the source (tests/browser/test_csp.py checks the pages themselves)."""
    offenders = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text()
        for bad in ("<script>", "<script type=\"module\">", "<style", " style=\"", " onclick=", " onload=",
                    " onchange=", " onsubmit=", "javascript:"):
            if bad in text:
                offenders.append(f"{template.relative_to(settings.BASE_DIR)}: {bad.strip()}")
    assert offenders == []


def test_a_500_is_logged_with_its_traceback(client, settings, caplog):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        assert client.get("/fails/").status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR" and record.getMessage() == "Internal Server Error: /fails/"
    assert record.exc_info[0] is RuntimeError


def test_a_500_is_mailed_to_the_admins_when_there_are_some(client, settings, mailoutbox):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    client.get("/fails/")
    assert mailoutbox == []  # DJANGO_ADMINS unset: stderr only
    settings.ADMINS = [("Service desk", "service-desk@example.gov.uk")]
    client.get("/fails/")
    [mail] = mailoutbox
    assert mail.to == ["service-desk@example.gov.uk"] and "Internal Server Error: /fails/" in mail.subject
    assert "RuntimeError at /fails/\nthe figures did not add up" in mail.body and "Traceback" in mail.body


def test_a_500_reaches_stderr_in_the_simple_format():
    """In a process of its own, with the project's real logging set-up (pytest's capture is not in the way)."""
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.test import Client\n"
        f"settings.ROOT_URLCONF = {__name__!r}; settings.ALLOWED_HOSTS = ['testserver']\n"
        "print(Client(raise_request_exception=False).get('/fails/', secure=True).status_code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=settings.BASE_DIR, capture_output=True, text=True,
                          timeout=120, env={**_plain_env(), "DJANGO_SETTINGS_MODULE": "config.settings"})
    assert done.stdout.strip() == "500", done.stderr
    assert " ERROR django.request: Internal Server Error: /fails/\nTraceback (most recent call last):" in done.stderr
    assert "RuntimeError: the figures did not add up" in done.stderr


def _plain_env():
    import os

    return {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
