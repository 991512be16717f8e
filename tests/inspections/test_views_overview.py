import datetime

import pytest

from inspections.models import Authority
from tests import factories as f
from tests.inspections.dashboard_world import add_authorities, signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db


def region_rows(response):
    """The "view as table" rows of the by-region chart:
    {region: [Outstanding, Good, A/RI, Inadequate, no overall grade (2026 framework), not yet graded, total]}."""
    return {row[0]: row[1:] for row in response.context["regions"].rows}


def age_rows(response):
    return dict(response.context["ages"].rows)


def test_it_sends_a_signed_out_visitor_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/")


def test_it_counts_latest_overall_grades_by_region(client, world, staff):
    response = signed_in(client, staff).get("/")
    assert region_rows(response) == {
        "East Midlands": [0, 1, 1, 0, 0, 0, 2],  # Leicestershire Good (2024), Leicester RI (2017)
        "Yorkshire and The Humber": [1, 0, 0, 0, 0, 0, 1],
    }
    html = response.content.decode()
    assert "The latest Ofsted grades of 3 councils" in html
    assert 'class="js-plotly-plot' not in html  # drawn by the browser, from the embedded figure
    assert '<div class="app-plotly">' in html and "plotly-basic-4.1.1.min.js" in html


def test_it_rebuilds_every_latest_grade_as_it_stood_on_a_date(client, world, staff):
    response = signed_in(client, staff).get("/?as_at=2016-01-01")
    assert region_rows(response) == {
        "East Midlands": [0, 0, 0, 1, 0, 1, 2],  # Leicester inadequate (2015); Leicestershire not yet graded
        "Yorkshire and The Humber": [0, 0, 0, 0, 0, 1, 1],
    }
    assert "as they stood on 1 January 2016" in response.content.decode()


def test_a_grade_counts_only_once_it_is_published(client, world, staff):
    # Leicester's 2015 inspection ended on 4 February and was published on 20 March.
    before = signed_in(client, staff).get("/?as_at=2015-03-19")
    after = client.get("/?as_at=2015-03-20")
    assert region_rows(before)["East Midlands"] == [0, 0, 0, 0, 0, 2, 2]
    assert region_rows(after)["East Midlands"] == [0, 0, 0, 1, 0, 1, 2]


def test_it_bands_the_age_of_each_latest_grade(client, world, staff):
    response = signed_in(client, staff).get("/?as_at=2024-07-12")  # the world's record is complete to then
    ages = age_rows(response)
    assert ages["Under 1 year"] == 1  # Leicestershire, July 2024
    assert ages["2 to 3 years"] == 1  # Leeds, May 2022
    assert ages["5 years or more"] == 1  # Leicester, September 2017
    assert ages["Not yet graded"] == 0


def test_it_leaves_out_authorities_that_did_not_exist_on_the_date(client, world, staff):
    f.make_authority(name="Newtown", ofsted_region="East Midlands", start_date=datetime.date(2019, 4, 1))
    ended = f.make_authority(name="Oldshire", ofsted_region="East Midlands", end_date=datetime.date(2019, 4, 1))
    assert Authority.objects.current().filter(pk=ended.pk).count() == 0
    signed_in(client, staff)
    assert region_rows(client.get("/?as_at=2018-01-01"))["East Midlands"][-1] == 3  # with Oldshire
    assert region_rows(client.get("/"))["East Midlands"][-1] == 3  # with Newtown


def test_it_links_the_featured_journeys(client, world, staff):
    html = signed_in(client, staff).get("/").content.decode()
    assert '<a class="govuk-link" href="/journeys/?authority=E06000016">Leicester\'s journey</a>' in html
    assert 'href="/journeys/?authority=E10000018"' in html


def test_an_impossible_date_shows_an_error_and_todays_grades(client, world, staff):
    response = signed_in(client, staff).get("/?as_at=2016-02-31")
    assert "Enter a real date" in response.content.decode()
    assert region_rows(response)["East Midlands"] == [0, 1, 1, 0, 0, 0, 2]


def test_its_query_count_does_not_grow_with_the_number_of_authorities(client, world, staff, django_assert_num_queries):
    signed_in(client, staff)
    # session, user, record currency (statistics, reports), latest grades (counted in Python), featured
    with django_assert_num_queries(6):
        client.get("/?as_at=2024-01-01")
    add_authorities(12)
    with django_assert_num_queries(6):
        response = client.get("/?as_at=2024-01-01")
    assert region_rows(response)["Yorkshire and The Humber"] == [1, 12, 0, 0, 0, 0, 13]
