"""How current the record is: the newest statistics ("as at") and the newest report or letter; pages say so,
count grade ages and years in grade to that day, and refuse to show grades for a later day."""

import datetime

import pytest

from inspections.models import Document
from inspections.models.documents import as_at_date
from tests import factories as f
from tests.inspections.dashboard_world import signed_in, staff  # noqa: F401
from tests.inspections.reform_world import graded, reform  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date
COMPLETE = "Record complete to 17 June 2026"
SOURCES = "statistics to 31 March 2025; reports and letters to 17 June 2026"


def test_a_statistics_release_is_current_to_the_day_its_title_says_it_is_as_at():
    assert as_at_date("Local authority inspection outcomes as at 31 March 2025") == D(2025, 3, 31)
    assert as_at_date("New Statistical Neighbour Groupings April 2021") is None
    assert as_at_date("Outcomes as at 31 Smarch 2025") is None


def test_the_record_knows_its_newest_statistics_and_its_newest_report(reform):
    currency = Document.objects.record_complete_to()
    assert (currency.statistics_to, currency.reports_to, currency.complete_to) == (
        D(2025, 3, 31), D(2026, 6, 17), D(2026, 6, 17))


def test_a_report_without_a_publication_date_counts_from_its_inspections_last_day(reform):
    report = f.make_document(authority=reform.brentham, title="Undated report")
    f.make_inspection(reform.brentham, documents=[report], framework="ilacs", start_date=D(2026, 9, 7),
                      end_date=D(2026, 9, 18))
    assert Document.objects.record_complete_to().reports_to == D(2026, 9, 18)


def test_a_private_self_evaluation_does_not_make_the_record_newer(reform):
    f.make_self_evaluation(reform.brentham, published=D(2026, 11, 1))
    assert Document.objects.record_complete_to().reports_to == D(2026, 6, 17)


def test_statistics_without_an_as_at_day_count_from_their_publication(db):
    f.make_document(kind=Document.Kind.STATISTICS, title="Lookup", published=D(2024, 5, 1))
    currency = Document.objects.record_complete_to()
    assert (currency.statistics_to, currency.reports_to) == (D(2024, 5, 1), None)


@pytest.mark.parametrize("url", ["/", "/authorities/", "/authorities/E09000901/", "/journeys/?authority=E09000901",
                                 "/cohorts/?inadequate_in=2019"])
def test_every_page_with_grades_says_how_complete_the_record_is(client, reform, staff, url):
    html = " ".join(signed_in(client, staff).get(url).content.decode().split())
    assert COMPLETE in html and SOURCES in html


def test_the_inspection_page_says_how_complete_the_record_is(client, reform, staff):
    assert COMPLETE in signed_in(client, staff).get(f"/inspections/{reform.after.pk}/").content.decode()


def test_the_overview_stands_on_the_day_the_record_is_complete_to_by_default(client, reform, staff):
    council = f.make_authority(name="Westham", ofsted_region="London")
    graded(council, D(2025, 7, 7), D(2025, 9, 1), [("overall", "Overall effectiveness", "Good")])
    response = signed_in(client, staff).get("/")
    assert response.context["as_at"] == D(2026, 6, 17)
    assert "as they stood on 17 June 2026" in response.content.decode()
    # Westham's grade (September 2025) is under a year old on the record's day; counted to today (December 2026
    # or later) it would be over a year.
    assert dict(response.context["ages"].rows)["Under 1 year"] == 2  # with Brentham's 2026 judgements


def test_a_day_after_the_record_is_refused_and_no_grades_are_shown(client, reform, staff):
    response = signed_in(client, staff).get("/?as_at=2026-06-18")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The record is complete only to 17 June 2026: grades on 18 June 2026 are not known yet." in html
    assert "regions" not in response.context and "ages" not in response.context
    assert "as they stood on" not in html and "app-plotly" not in html


def test_the_day_the_record_is_complete_to_is_allowed(client, reform, staff):
    response = signed_in(client, staff).get("/?as_at=2026-06-17")
    assert "regions" in response.context and "not known yet" not in response.content.decode()


def test_grade_ages_in_the_authorities_table_count_to_the_record_not_today(client, reform, staff):
    html = signed_in(client, staff).get("/authorities/?name=South+Northshire").content.decode()
    assert "3 years 3 months" in html  # 1 March 2023 to 17 June 2026


def test_years_in_grade_in_a_cohort_count_to_the_record_not_today(client, reform, staff):
    members = signed_in(client, staff).get("/cohorts/?inadequate_in=2019").context["cohort"].members
    north = next(m for m in members if m.authority == reform.north)
    assert north.as_at == D(2026, 6, 17)
    assert north.years_at[4] == round((D(2026, 6, 17) - D(2019, 6, 17)).days / 365.25, 1)
