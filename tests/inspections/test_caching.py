"""Pages are cached per user until the record changes: a change anywhere shows at once."""

import pytest
from django.urls import reverse

from inspections.caching import record_version
from inspections.models import Judgement
from tests.inspections.dashboard_world import leeds_user, signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_second_visit_is_served_from_the_cache(client, world, staff, django_assert_num_queries):
    client = signed_in(client, staff)
    url = reverse("inspections:authority", args=["E06000016"])
    first = client.get(url)
    with django_assert_num_queries(3):  # session, user, record version
        second = client.get(url)
    assert second.content == first.content


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


def test_one_users_page_is_never_served_to_another(client, world, staff, leeds_user):
    url = reverse("inspections:authority", args=["E10000018"])
    as_staff = signed_in(client, staff).get(url).content.decode()
    assert "Leicestershire self-evaluation 2018" in as_staff
    client.logout()
    as_leeds = signed_in(client, leeds_user).get(url).content.decode()
    assert "Leicestershire self-evaluation 2018" not in as_leeds
