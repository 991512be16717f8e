"""Pages are cached per user until the record changes: a change anywhere shows at once, and nothing that belongs
to one session (its CSRF token, its messages) is served to another."""

import re
import threading

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.http import HttpRequest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from inspections.models import Judgement, Membership
from inspections.record import version as versions
from inspections.record.caching import record_version
from tests.inspections.dashboard_world import leeds_user, signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def csrf_token(response):
    return TOKEN.search(response.content.decode()).group(1)


def without_token(response):
    return TOKEN.sub("", response.content.decode())


def test_a_second_visit_is_served_from_the_cache(client, world, staff, django_assert_num_queries):
    client = signed_in(client, staff)
    url = reverse("inspections:authority", args=["E06000016"])
    first = client.get(url)
    with django_assert_num_queries(3):  # session, user, record version
        second = client.get(url)
    assert without_token(second) == without_token(first)
    assert "Leicester" in second.content.decode()


def test_a_change_to_the_record_shows_at_once(client, world, staff):
    client = signed_in(client, staff)
    url = reverse("inspections:authority", args=["E06000016"])
    client.get(url)
    before = record_version()
    judgement = Judgement.objects.filter(inspection__authority__ons_code="E06000016", strand="overall").latest("pk")
    judgement.source_ref = "page 2, paragraph 9 (corrected)"
    judgement.save()
    assert record_version() != before
    detail = client.get(reverse("inspections:inspection", args=[judgement.inspection_id]))
    assert "page 2, paragraph 9 (corrected)" in detail.content.decode()


def test_a_bulk_update_changes_the_version_too(world):
    # queryset.update() sends no signal: the database's trigger bumps the version all the same.
    before = record_version()
    Judgement.objects.filter(inspection__authority__ons_code="E06000016").update(source_ref="page 1")
    assert record_version() != before


def test_every_table_of_the_record_bumps_the_version():
    from django.apps import apps

    expected = set(versions.record_tables(apps))
    assert {"inspections_judgement", "inspections_membership", "auth_user", "auth_user_user_permissions"} <= expected
    assert not any("historical" in table for table in expected)
    assert expected <= versions.tables_with_triggers(connection)


def test_a_membership_or_a_permission_changes_the_version(world, leeds_user):
    before = record_version()
    Membership.objects.create(user=leeds_user, authority=world.leicestershire)
    after_membership = record_version()
    assert after_membership != before
    leeds_user.user_permissions.add(Permission.objects.get(codename="view_judgement"))
    assert record_version() != after_membership


def test_signing_in_does_not_empty_the_cache(client, world, leeds_user):
    before = record_version()
    client.force_login(leeds_user)  # updates last_login, which no page shows
    assert record_version() == before


def test_one_users_page_is_never_served_to_another(client, world, staff, leeds_user):
    url = reverse("inspections:authority", args=["E10000018"])
    as_staff = signed_in(client, staff).get(url).content.decode()
    assert "Leicestershire self-evaluation 2018" in as_staff
    client.logout()
    as_leeds = signed_in(client, leeds_user).get(url).content.decode()
    assert "Leicestershire self-evaluation 2018" not in as_leeds


def test_each_session_gets_its_own_csrf_token_from_a_cached_page(world, staff):
    url = reverse("inspections:authority", args=["E06000016"])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(staff)
    second.force_login(staff)
    first_token = csrf_token(first.get(url))
    second_token = csrf_token(second.get(url))  # from the cache
    secret = second.cookies["csrftoken"].value
    assert _unmask_cipher_token(second_token) == secret
    assert _unmask_cipher_token(first_token) != secret


def test_signing_out_from_a_cached_page_works_in_every_session(world, staff):
    url = reverse("inspections:overview")
    sessions = [Client(enforce_csrf_checks=True) for _ in range(4)]
    for session in sessions:
        session.force_login(staff)
    sessions[0].get(url)  # warms the cache for the other three
    for session in sessions:
        page = session.get(url)
        signed_out = session.post(reverse("logout"), {"csrfmiddlewaretoken": csrf_token(page)})
        assert signed_out.status_code == 302, signed_out.content[:200]
        assert session.get(url).status_code == 302  # signed out: to the login page


def test_a_page_is_rendered_afresh_while_a_message_waits(client, world, staff, django_assert_max_num_queries):
    client = signed_in(client, staff)
    url = reverse("inspections:authority", args=["E06000016"])
    client.get(url)
    storage = CookieStorage(HttpRequest())
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Imported 3 reports")])
    with django_assert_max_num_queries(100) as rendered:
        client.get(url)
    assert len(rendered.captured_queries) > 3  # not the cached copy: its messages are its own


def _write_in_a_thread(pk, source_ref, started, done):
    def write():
        started.set()
        try:
            with transaction.atomic():
                Judgement.objects.filter(pk=pk).update(source_ref=source_ref)
        finally:
            connection.close()
            done.set()

    return threading.Thread(target=write)


@pytest.mark.django_db(transaction=True)
def test_writers_take_versions_in_commit_order(client, world, staff):
    """Two overlapping transactions: the second writer waits for the first to commit, so no page can be cached
    under the second's version without the first's change (history ids on PostgreSQL allowed exactly that)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database does not wait for locks; tests/test_sqlite_locking.py does")
    client = signed_in(client, staff)
    first, second = Judgement.objects.filter(strand="overall").order_by("pk")[:2]
    url = reverse("inspections:inspection", args=[first.inspection_id])
    started, done = threading.Event(), threading.Event()
    with transaction.atomic():
        Judgement.objects.filter(pk=first.pk).update(source_ref="page 7 (first writer)")
        writer = _write_in_a_thread(second.pk, "page 8 (second writer)", started, done)
        writer.start()
        started.wait(5)
        assert not done.wait(1), "the second writer did not wait for the first to commit"
    writer.join(10)
    assert done.is_set()
    assert "page 7 (first writer)" in client.get(url).content.decode()
