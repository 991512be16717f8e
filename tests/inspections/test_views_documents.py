import pytest
from django.core.files.base import ContentFile

from tests import factories as f
from tests.inspections.dashboard_world import (  # noqa: F401
    east_midlands_user,
    leeds_user,
    leicestershire_user,
    signed_in,
    staff,
    world,
)

pytestmark = pytest.mark.django_db


def download(client, user, document):
    return signed_in(client, user).get(f"/documents/{document.pk}/download")


def stored(document, content=b"%PDF-1.4 test bytes", name="report.pdf"):
    document.file.save(name, ContentFile(content))
    document.filename = name
    document.save()
    return document


def test_anyone_signed_in_downloads_a_public_report(client, world):
    stored(world.report_2024, name="leicestershire-2024-07-12.pdf")
    response = download(client, f.make_user("anyone"), world.report_2024)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test bytes"
    assert response["Content-Disposition"] == 'attachment; filename="leicestershire-2024-07-12.pdf"'


def test_a_signed_out_visitor_is_sent_to_log_in(client, world):
    response = client.get(f"/documents/{world.report_2024.pk}/download")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_private_document_downloads_for_its_own_authority(client, world, leicestershire_user):
    stored(world.private_document, b"self-evaluation bytes", "self-evaluation.pdf")
    response = download(client, leicestershire_user, world.private_document)
    assert b"".join(response.streaming_content) == b"self-evaluation bytes"


def test_a_private_document_downloads_for_its_region_and_staff(client, world, east_midlands_user, staff):
    stored(world.private_document)
    assert download(client, east_midlands_user, world.private_document).status_code == 200
    assert download(client, staff, world.private_document).status_code == 200


def test_a_private_document_is_a_404_for_another_authority(client, world, leeds_user):
    stored(world.private_document)
    response = download(client, leeds_user, world.private_document)
    assert response.status_code == 404
    assert b"self-evaluation" not in response.content


def test_a_document_without_a_file_downloads_its_text(client, world, staff):
    world.report_2024.text = "Inspection of Leicestershire County Council children's services"
    world.report_2024.save()
    response = download(client, staff, world.report_2024)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("Inspection of Leicestershire")


def test_a_document_with_nothing_stored_is_a_404(client, world, staff):
    assert download(client, staff, world.report_2024).status_code == 404
