"""Upload previews (inspections.upload): their files are removed on confirm, on cancel and once expired
(swept on each new upload and by `clear_upload_previews`), in the admin upload; the site's self-evaluation
upload is tested in tests/improvement/test_upload_self_evaluation.py."""

import os
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from inspections.models import Authority, Document, Inspection
from inspections.upload import previews_root
from tests.conftest import seed_path
from tests.inspections.upload_world import leicester, staff_client  # noqa: F401 - the fixtures

URL = "inspections_import_reports"


def letter():
    return SimpleUploadedFile("letter.txt", seed_path("004").read_bytes(), content_type="text/plain")


def upload(client, *files):
    return client.post(reverse(URL), {"files": list(files)})


def waiting():
    root = previews_root()
    return sorted(path.name for path in root.iterdir()) if root.is_dir() else []


def age(token, seconds):
    then = time.time() - seconds
    os.utime(previews_root() / token, (then, then))


def test_a_preview_keeps_the_file_until_confirm_and_confirm_removes_it(staff_client, leicester):
    token = upload(staff_client, letter()).context["token"]
    assert waiting() == [token]
    assert [p.name for p in (previews_root() / token).iterdir()] == ["letter.txt"]
    staff_client.post(reverse(URL), {"step": "confirm", "token": token})
    assert Inspection.objects.filter(kind="monitoring_visit").count() == 1
    assert waiting() == []
    assert "report_upload_token" not in staff_client.session


def test_cancel_removes_the_files_and_saves_nothing(staff_client, leicester):
    response = upload(staff_client, letter())
    assert b"Cancel and delete the uploaded files" in response.content
    token = response.context["token"]
    response = staff_client.post(reverse(URL), {"step": "cancel", "token": token}, follow=True)
    assert waiting() == []
    assert Document.objects.count() == 0
    assert any("Upload cancelled" in str(m) for m in response.context["messages"])
    # The cancelled preview cannot be confirmed afterwards.
    staff_client.post(reverse(URL), {"step": "confirm", "token": token})
    assert Document.objects.count() == 0


def test_another_session_cannot_cancel_a_preview(staff_client, leicester, django_user_model):
    token = upload(staff_client, letter()).context["token"]
    other = django_user_model.objects.create_superuser("other", "other@example.com", "another-long-password")
    from django.test import Client

    intruder = Client()
    intruder.force_login(other)
    assert intruder.post(reverse(URL), {"step": "cancel", "token": token}).status_code == 403
    assert waiting() == [token]


def test_an_upload_with_nothing_readable_keeps_no_folder(staff_client, leicester):
    response = upload(staff_client, SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"))
    assert response.context["previews"] == []
    assert waiting() == []


def test_a_new_upload_sweeps_expired_previews_and_keeps_fresh_ones(staff_client, leicester, settings):
    settings.UPLOAD_PREVIEW_SECONDS = 3600
    old = upload(staff_client, letter()).context["token"]
    fresh = upload(staff_client, letter()).context["token"]
    age(old, 3601)
    age(fresh, 3500)
    newest = upload(staff_client, letter()).context["token"]
    assert waiting() == sorted([fresh, newest])


def test_an_expired_preview_cannot_be_confirmed_and_says_why(staff_client, leicester, settings):
    settings.UPLOAD_PREVIEW_SECONDS = 600
    token = upload(staff_client, letter()).context["token"]
    age(token, 601)
    response = staff_client.post(reverse(URL), {"step": "confirm", "token": token}, follow=True)
    assert Document.objects.count() == 0
    assert waiting() == []
    assert any("expired after 10 minutes" in str(m) for m in response.context["messages"])


def test_the_command_clears_expired_previews_for_cron(staff_client, leicester, settings):
    settings.UPLOAD_PREVIEW_SECONDS = 3600
    old = upload(staff_client, letter()).context["token"]
    fresh = upload(staff_client, letter()).context["token"]
    stray = previews_root() / "left-by-a-crash.tmp"
    stray.write_bytes(b"x")
    age(old, 7200)
    then = time.time() - 7200
    os.utime(stray, (then, then))
    out = StringIO()
    call_command("clear_upload_previews", stdout=out)
    assert waiting() == [fresh]
    assert out.getvalue().strip() == "Removed 2 expired upload previews (older than 3600 s); 1 still waiting."


def test_the_command_is_quiet_when_nothing_was_ever_uploaded(db):
    out = StringIO()
    call_command("clear_upload_previews", stdout=out)
    assert "Removed 0 expired upload previews" in out.getvalue()
