"""The latest grades on the real record (load_demo): how current it is, reorganised councils carrying their
predecessors' inspections, and post-reform councils once their 2026 reports are in it. Read only."""

import csv
import datetime
import io

import pytest

from inspections.models import Document, Inspection
from tests.inspections.dashboard_world import signed_in, staff  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_the_statistics_are_current_to_31_march_2025(national_record, client, staff):
    currency = Document.objects.record_complete_to()
    assert currency.statistics_to == D(2025, 3, 31)
    assert currency.complete_to >= currency.statistics_to
    html = " ".join(signed_in(client, staff).get("/").content.decode().split())
    assert f"Record complete to {currency.complete_to:%-d %B %Y}" in html
    assert "statistics to 31 March 2025" in html


def test_a_day_after_the_record_is_refused(national_record, client, staff):
    after = Document.objects.record_complete_to().complete_to + datetime.timedelta(days=1)
    response = signed_in(client, staff).get(f"/?as_at={after.isoformat()}")
    assert response.status_code == 200 and "ages" not in response.context
    assert "are not known yet" in response.content.decode()


def test_every_current_council_is_counted_once_by_region(national_record, client, staff):
    response = signed_in(client, staff).get("/")
    assert sum(row[-1] for row in response.context["regions"].rows) == 153


@pytest.mark.parametrize(("ons_code", "predecessor", "mark"), [
    ("E06000061", "Northamptonshire", "Northamptonshire, before 2021"),  # North Northamptonshire
    ("E06000062", "Northamptonshire", "Northamptonshire, before 2021"),  # West Northamptonshire
    ("E06000063", "Cumbria", "Cumbria, before 2023"),  # Cumberland
    ("E06000064", "Cumbria", "Cumbria, before 2023"),  # Westmorland and Furness
    ("E06000058", "Bournemouth", "Bournemouth, before 2019"),  # Bournemouth, Christchurch and Poole
])
def test_a_successor_shows_its_predecessors_inspections_marked(national_record, client, staff, ons_code,
                                                                predecessor, mark):
    response = signed_in(client, staff).get(f"/authorities/{ons_code}/")
    theirs = [i for i in response.context["inspections"] if i.authority.name == predecessor]
    assert theirs, f"no inspection of {predecessor} on the page"
    html = response.content.decode()
    assert f'<span class="govuk-body-s app-predecessor">{mark}</span>' in html
    assert any(row[5] == mark for row in response.context["timeline"].rows)


def test_north_and_west_northamptonshire_are_in_the_2019_cohort_through_northamptonshire(national_record, client,
                                                                                       staff):
    response = signed_in(client, staff).get("/cohorts/?inadequate_in=2019")
    members = {m.authority.name: m for m in response.context["cohort"].members}
    assert "Northamptonshire" not in members
    for name in ("North Northamptonshire", "West Northamptonshire"):
        assert members[name].via.name == "Northamptonshire"
        assert members[name].inadequate.inspection.start_date == D(2019, 6, 17)
    rows = {r["Council"]: r for r in csv_rows(client.get("/cohorts/?inadequate_in=2019&_export=csv"))}
    assert rows["North Northamptonshire"]["Authority inspected inadequate"] == "Northamptonshire, before 2021"


def test_the_journeys_csv_of_a_successor_names_the_council_inspected(national_record, client, staff):
    rows = csv_rows(signed_in(client, staff).get("/journeys/export.csv?authority=E06000061"))
    assert {r["authority"] for r in rows} == {"North Northamptonshire"}
    assert {"Northamptonshire", "North Northamptonshire"} <= {r["inspected_authority"] for r in rows}


@pytest.mark.parametrize("ons_code", ["E09000005", "E08000009"])  # Brent, Trafford
def test_a_council_inspected_under_the_2026_framework_has_no_overall_grade(national_record, client, staff, ons_code):
    reformed = Inspection.objects.filter(authority__ons_code=ons_code, framework="ilacs",
                                         start_date__gte=D(2026, 4, 1))
    if not reformed.exists():
        pytest.skip("its 2026 report is not in this record (load_demo imports the national corpus on main)")
    row = csv_rows(signed_in(client, staff).get(f"/authorities/?_export=csv&name={reformed[0].authority.name}"))[0]
    assert row["Overall effectiveness"] == "No overall grade (2026 framework)"
    assert row["Previous overall grade (superseded)"]
    assert all(row[name] for name in ("Help and protection", "Children in care", "Care leavers", "Leadership"))
