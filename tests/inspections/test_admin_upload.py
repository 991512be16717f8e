"""The admin upload: preview what would be created, with the passages facts come from; save only on confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import Authority, Document, Finding, Inspection
from tests.conftest import seed_path
from tests.inspections.upload_world import leicester, staff_client  # noqa: F401 - the fixtures


def upload(client, *files):
    return client.post(reverse("inspections_import_reports"), {"files": list(files)})


def letter():
    return SimpleUploadedFile("letter.txt", seed_path("004").read_bytes(), content_type="text/plain")


def test_the_upload_page_renders_for_staff(staff_client):
    response = staff_client.get(reverse("inspections_import_reports"))
    assert response.status_code == 200
    assert b"Preview" in response.content


def test_the_document_list_links_to_the_upload(staff_client):
    response = staff_client.get(reverse("admin:inspections_document_changelist"))
    assert reverse("inspections_import_reports").encode() in response.content


def test_a_preview_shows_the_facts_and_their_passages_and_writes_nothing(staff_client, leicester):
    response = upload(staff_client, letter())
    text = response.content.decode()
    assert "monitoring_visit" in text and "E06000016" in text
    assert "steady progress" in text
    assert text.count("Finding (finding)") == 14
    assert "bullet 1" in text
    assert Document.objects.count() == 0 and Inspection.objects.count() == 0


def test_confirm_saves_what_the_preview_showed(staff_client, leicester):
    token = upload(staff_client, letter()).context["token"]
    response = staff_client.post(reverse("inspections_import_reports"), {"step": "confirm", "token": token}, follow=True)
    assert response.status_code == 200
    visit = Inspection.objects.get(kind="monitoring_visit")
    assert Finding.objects.filter(inspection=visit).count() == 14
    assert any("imported" in str(m) for m in response.context["messages"])


def test_a_bad_file_is_named_in_the_preview_and_not_offered_for_saving(staff_client, leicester):
    response = upload(staff_client, SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"))
    assert "empty.pdf" in response.content.decode()
    assert response.context["previews"] == []


def test_a_confirm_with_another_sessions_token_is_refused(staff_client, leicester):
    response = staff_client.post(reverse("inspections_import_reports"), {"step": "confirm", "token": "x" * 32})
    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_it_is_for_staff_only(client, leicester):
    response = client.get(reverse("inspections_import_reports"))
    assert response.status_code == 302 and "login" in response["Location"]
