"""A council formed by a reorganisation carries its predecessor's record, marked as the predecessor's, on every
page and CSV that shows grades (factories: Northshire, replaced in 2021 by North and South Northshire)."""

import csv
import datetime
import io

import pytest

from tests import factories as f
from tests.inspections.dashboard_world import signed_in, staff  # noqa: F401
from tests.inspections.reform_world import graded, reform  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date
MARK = "Northshire, before 2021"


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_a_successor_not_yet_inspected_carries_its_predecessors_latest_grade_marked(client, reform, staff):
    signed_in(client, staff)
    html = client.get("/authorities/?name=North+Northshire").content.decode()
    assert "Inadequate" in html and f"From the inspection of {MARK}" in html
    row = csv_rows(client.get("/authorities/?name=North+Northshire&_export=csv"))[0]
    assert (row["Overall effectiveness"], row["Authority inspected"]) == ("Inadequate", MARK)


def test_a_successor_inspected_itself_shows_its_own_grade(client, reform, staff):
    row = csv_rows(signed_in(client, staff).get("/authorities/?name=South+Northshire&_export=csv"))[0]
    assert (row["Overall effectiveness"], row["Authority inspected"]) == ("Good", "South Northshire")


def test_the_successors_page_lists_and_charts_the_predecessors_inspections_marked(client, reform, staff):
    response = signed_in(client, staff).get("/authorities/E06000901/")
    assert reform.inadequate_2019 in list(response.context["inspections"])
    html = response.content.decode()
    assert "carries the record of the council it replaced: Northshire, before 2021" in html
    assert f'<span class="govuk-body-s app-predecessor">{MARK}</span>' in html
    notes = {row[5] for row in response.context["timeline"].rows if row[0] == D(2019, 6, 17)}
    assert notes == {MARK}
    overall = next(t for t in response.context["timeline"].figure["data"] if t["name"] == "Overall effectiveness")
    assert MARK in overall["customdata"][0][3]


def test_before_the_reorganisation_the_overview_counts_the_predecessor_not_its_successors(client, reform, staff):
    signed_in(client, staff)
    rows = {row[0]: row[1:] for row in client.get("/?as_at=2020-01-01").context["regions"].rows}
    assert rows["East Midlands"] == [0, 0, 0, 1, 0, 0, 1]  # Northshire alone
    rows = {row[0]: row[1:] for row in client.get("/").context["regions"].rows}
    assert rows["East Midlands"] == [0, 1, 0, 1, 0, 0, 2]  # North (Northshire's Inadequate), South (Good)


def test_the_successors_journey_and_its_csv_name_the_council_inspected(client, reform, staff):
    signed_in(client, staff)
    response = client.get("/journeys/?authority=E06000901")
    assert reform.inadequate_2019.documents.get() in response.context["documents"]
    rows = csv_rows(client.get("/journeys/export.csv?authority=E06000901"))
    assert {(r["ons_code"], r["authority"], r["inspected_authority"]) for r in rows} == {
        ("E06000901", "North Northshire", "Northshire")}


def test_the_national_journeys_csv_lists_each_inspection_once_under_the_council_inspected(client, reform, staff):
    rows = csv_rows(signed_in(client, staff).get("/journeys/export.csv"))
    inspected = [r for r in rows if r["start_date"] == "2019-06-17"]
    assert {(r["authority"], r["inspected_authority"]) for r in inspected} == {("Northshire", "Northshire")}


def test_successors_are_in_the_cohort_through_their_predecessor_marked(client, reform, staff):
    response = signed_in(client, staff).get("/cohorts/?inadequate_in=2019")
    members = {m.authority.name: m for m in response.context["cohort"].members}
    assert set(members) == {"North Northshire", "South Northshire"}  # not Northshire: they carry its record
    south = members["South Northshire"]
    assert south.via == reform.northshire and south.inadequate.by == reform.northshire
    assert south.years_to_good == round((D(2023, 1, 9) - D(2019, 6, 17)).days / 365.25, 1)
    assert members["North Northshire"].years_to_good is None
    html = response.content.decode()
    assert f"({MARK})" in html
    rows = {r["Council"]: r for r in csv_rows(client.get("/cohorts/?inadequate_in=2019&_export=csv"))}
    assert rows["South Northshire"]["Authority inspected inadequate"] == MARK
    assert rows["South Northshire"]["Overall grades since"] == f"2019-06-17 Inadequate, {MARK}; 2023-01-09 Good"


def test_a_successor_inadequate_itself_that_year_is_in_the_cohort_once(client, reform, staff):
    graded(reform.north, D(2019, 9, 2), D(2019, 11, 1), [("overall", "Overall effectiveness", "Inadequate")])
    members = signed_in(client, staff).get("/cohorts/?inadequate_in=2019").context["cohort"].members
    assert [m.authority.name for m in members].count("North Northshire") == 1


def test_the_pages_query_counts_do_not_grow_with_reorganisations(client, reform, staff, django_assert_max_num_queries):
    signed_in(client, staff)
    urls = ["/", "/authorities/", "/authorities/?_export=csv", "/authorities/E06000901/", "/cohorts/?inadequate_in=2019",
            "/journeys/?authority=E06000901"]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(20) as captured:
            client.get(url)
        counts[url] = len(captured)
    for n in range(6):
        old = f.make_authority(name=f"Old {n}", end_date=D(2021, 4, 1), ofsted_region="East Midlands")
        graded(old, D(2019, 2, 4), D(2019, 4, 1), [("overall", "Overall effectiveness", "Inadequate")])
        new = f.make_authority(name=f"New {n}", start_date=D(2021, 4, 1), ofsted_region="East Midlands")
        new.predecessors.add(old, reform.northshire)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)


def test_a_predecessors_inspection_page_names_the_councils_that_carry_its_record(client, reform, staff):
    html = signed_in(client, staff).get(f"/inspections/{reform.inadequate_2019.pk}/").content.decode()
    assert "Northshire was replaced in 2021; its record is carried by" in html
    assert 'href="/authorities/E06000901/">North Northshire</a>' in html
    assert 'href="/authorities/E06000902/">South Northshire</a>' in html
