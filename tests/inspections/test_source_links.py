"""Sources that lead somewhere: the statistics files are stored with their Documents, so every source link on an
inspection page downloads its file (issue 10: 331 of 431 pages linked the outcomes workbook, a 404)."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections

from inspections.models import Document, Inspection
from tests.conftest import OFSTED
from tests.inspections.dashboard_world import signed_in, staff  # noqa: F401

pytestmark = pytest.mark.django_db
LINK = re.compile(r'href="(/documents/\d+/download)"')
WORKBOOK = next(OFSTED.glob("LA_Inspection_Outcomes_as_at_*.ods"))


def load_statistics():
    out = io.StringIO()
    call_command("load_authorities", stdout=out)
    call_command("load_ofsted_outcomes", stdout=out)
    return out.getvalue()


def test_the_outcomes_workbook_is_stored_and_downloads(client, staff):  # noqa: F811
    load_statistics()
    workbook = Document.objects.get(filename=WORKBOOK.name)
    assert workbook.file and workbook.file.read() == WORKBOOK.read_bytes()
    response = signed_in(client, staff).get(workbook.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == WORKBOOK.read_bytes()
    # Every statistics file the loaders cite is stored likewise.
    assert not Document.objects.filter(kind=Document.Kind.STATISTICS, file="").exists()


def test_a_workbook_held_without_its_file_gets_it_back_and_a_second_load_changes_nothing():
    load_statistics()
    Document.objects.filter(filename=WORKBOOK.name).update(file="")
    assert "Documents: 0 created, 1 updated" in load_statistics()
    assert Document.objects.get(filename=WORKBOOK.name).file
    assert "Documents: 0 created, 0 updated" in load_statistics()


def test_an_inspection_known_only_from_the_workbook_links_a_file(client, staff):  # noqa: F811
    load_statistics()
    inspection = Inspection.objects.filter(documents__filename=WORKBOOK.name).first()
    page = signed_in(client, staff).get(f"/inspections/{inspection.pk}/").content.decode()
    links = set(LINK.findall(page))
    assert links
    assert all(client.get(link).status_code == 200 for link in links)


def close_unread(response):
    """Close a download without reading it, as the test client closes one it has read: closing sends
    request_finished, whose close_old_connections would otherwise close the test's connection (it is inside
    the test's transaction), and on PostgreSQL every later query would fail with "the connection is closed"."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_every_source_link_on_every_inspection_page_resolves(national_record, client, staff):  # noqa: F811
    signed_in(client, staff)
    links, pages = {}, 0
    for pk in Inspection.objects.values_list("pk", flat=True):
        response = client.get(f"/inspections/{pk}/")
        assert response.status_code == 200, pk
        pages += 1
        for link in LINK.findall(response.content.decode()):
            links.setdefault(link, pk)
    broken = []
    for link, pk in links.items():
        response = client.get(link)
        if response.status_code not in (200, 302):
            broken.append(f"{link} (on /inspections/{pk}/): {response.status_code}")
        if response.streaming:
            close_unread(response)
    assert pages > 400 and len(links) > 400
    assert broken == []
