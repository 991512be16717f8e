"""Every page that shows overall grades, for a council last inspected under the 2026 ILACS framework: its four
judgements, "No overall grade (2026 framework)" and why, and its old overall grade marked as superseded."""

import csv
import datetime
import io

import pytest

from inspections.charts import NO_OVERALL
from tests import factories as f
from tests.inspections.dashboard_world import signed_in, staff  # noqa: F401
from tests.inspections.reform_world import FOUR, graded, reform  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date
NO_OVERALL_TEXT = "No overall grade (2026 framework)"
WHY = "ILACS inspections begun on or after 1 April 2026 make no overall effectiveness judgement"


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content if response.streaming
                                                    else [response.content]).decode())))


def test_the_overview_counts_it_apart_from_the_graded_and_the_ungraded(client, reform, staff):
    response = signed_in(client, staff).get("/")
    chart = response.context["regions"]
    assert chart.columns[1:-1] == ["Outstanding", "Good", "Adequate / Requires improvement", "Inadequate",
                                   NO_OVERALL_TEXT, "Not yet graded"]
    assert dict((row[0], row[1:]) for row in chart.rows)["London"] == [0, 0, 0, 0, 1, 0, 1]
    ages = dict(response.context["ages"].rows)
    assert ages["Under 1 year"] == 1  # from the 2026 inspection (June 2026), not the 2022 overall grade


def test_before_the_2026_report_the_overview_counts_its_old_grade(client, reform, staff):
    response = signed_in(client, staff).get("/?as_at=2026-06-16")
    assert dict((row[0], row[1:]) for row in response.context["regions"].rows)["London"] == [0, 1, 0, 0, 0, 0, 1]


def test_the_authorities_table_says_why_and_shows_the_four_grades_beside_it(client, reform, staff):
    html = signed_in(client, staff).get("/authorities/?name=Brentham").content.decode()
    assert NO_OVERALL_TEXT in html and WHY in html  # the tag's title says why
    assert "Previous overall: Good, known since May 2022 (superseded)" in html
    assert "17 Jun 2026" in html  # the date of the latest grades


def test_the_authorities_csv_names_no_overall_grade_and_the_superseded_one(client, reform, staff):
    rows = csv_rows(signed_in(client, staff).get("/authorities/?name=Brentham&_export=csv"))
    assert len(rows) == 1
    row = rows[0]
    assert row["Overall effectiveness"] == NO_OVERALL_TEXT
    assert row["Previous overall grade (superseded)"] == "Good (2022-05-09)"
    assert [row[name] for name in ("Leadership", "Help and protection", "Children in care", "Care leavers")] == [
        grade for _, _, grade in FOUR]
    assert row["Date of the latest grades"] == "2026-06-17"


def test_the_table_can_be_filtered_to_councils_with_no_overall_grade(client, reform, staff):
    signed_in(client, staff)
    names = [r["Name"] for r in csv_rows(client.get(f"/authorities/?grade={NO_OVERALL}&_export=csv"))]
    assert names == ["Brentham"]
    assert "Brentham" not in [r["Name"] for r in csv_rows(client.get("/authorities/?grade=2&_export=csv"))]
    assert "Brentham" not in [r["Name"] for r in csv_rows(client.get("/authorities/?grade=none&_export=csv"))]


def test_the_authority_page_shows_the_four_grades_and_why_there_is_no_overall_one(client, reform, staff):
    response = signed_in(client, staff).get("/authorities/E09000901/")
    html = response.content.decode()
    assert NO_OVERALL_TEXT in html and WHY in html
    assert "Previous overall: Good, known since May 2022 (superseded)" in html
    known = html[html.index("Latest grades known since"):]
    assert known.index("17 June 2026") < known.index("</dd>")
    timeline = response.context["timeline"]
    assert [row[3] for row in timeline.rows if row[0] == D(2026, 4, 27)].count(NO_OVERALL_TEXT) == 1
    assert timeline.figure["layout"]["annotations"][0]["text"] == NO_OVERALL_TEXT
    assert response.context["neighbours"].rows[0][2].startswith(NO_OVERALL_TEXT)


def test_the_inspection_page_says_why_it_has_no_overall_grade(client, reform, staff):
    html = signed_in(client, staff).get(f"/inspections/{reform.after.pk}/").content.decode()
    assert 'id="no-overall"' in html and WHY in html
    before = signed_in(client, staff).get(f"/inspections/{reform.before.pk}/").content.decode()
    assert 'id="no-overall"' not in before


def test_the_journey_shows_the_four_grades_in_place_of_an_overall_one(client, reform, staff):
    html = signed_in(client, staff).get(f"/journeys/?authority=E09000901&start={reform.before.documents.get().pk}")
    html = html.content.decode()
    events = html[html.index('id="after"'):html.index('id="themes"') if 'id="themes"' in html else None]
    assert NO_OVERALL_TEXT in events and "Care leavers: " in events


def test_a_journey_started_after_it_marks_the_overall_grade_superseded(client, reform, staff):
    response = signed_in(client, staff).get(f"/journeys/?authority=E09000901&start={reform.after.documents.get().pk}")
    assert response.context["journey"].superseded_overall.grade == "Good"
    html = " ".join(response.content.decode().split())
    assert "Previous overall: Good, from the" in html and "Standard inspection of 7 to 18 March 2022</a> (superseded)" in html


def test_the_journeys_csv_says_an_inspection_made_no_overall_judgement(client, reform, staff):
    rows = csv_rows(signed_in(client, staff).get("/journeys/export.csv?authority=E09000901"))
    after = [r for r in rows if r["start_date"] == "2026-04-27"]
    assert len(after) == 4 and {r["overall_judgement"] for r in after} == {NO_OVERALL_TEXT}
    assert "overall" not in {r["strand"] for r in after}
    assert {r["overall_judgement"] for r in rows if r["start_date"] == "2022-03-07"} == {""}


def test_a_cohort_counts_the_years_with_no_overall_grade_apart(client, reform, staff):
    council = f.make_authority(name="Trafton", ofsted_region="North West")
    graded(council, D(2019, 3, 4), D(2019, 5, 1), [("overall", "Overall effectiveness", "Inadequate")])
    graded(council, D(2026, 6, 8), D(2026, 8, 3), FOUR)
    response = signed_in(client, staff).get("/cohorts/?inadequate_in=2019")
    member = next(m for m in response.context["cohort"].members if m.authority == council)
    assert member.latest.no_overall and member.latest_overall.grade == "Inadequate"
    # Counted to the day the record is complete to (3 August 2026), not today.
    assert member.years_at[4] == round((D(2026, 6, 8) - D(2019, 3, 4)).days / 365.25, 1)
    assert member.years_at["no_overall"] == round((D(2026, 8, 3) - D(2026, 6, 8)).days / 365.25, 1)
    assert member.years_to_good is None
    html = response.content.decode()
    assert "Previous overall: Inadequate, inspected March 2019 (superseded)" in html
    rows = csv_rows(client.get("/cohorts/?inadequate_in=2019&_export=csv"))
    row = next(r for r in rows if r["Council"] == "Trafton")
    assert row["Latest overall grade"] == f"{NO_OVERALL_TEXT}; previous overall: Inadequate (superseded)"
    assert f"2026-06-08 {NO_OVERALL_TEXT} (Leadership: Good;" in row["Overall grades since"]


def test_the_figures_that_mark_the_reform_pass_plotlys_own_validation(client, reform, staff):
    import plotly.graph_objects as go

    from inspections.charts import Chart

    signed_in(client, staff)
    seen = 0
    for url in ("/", "/authorities/E09000901/", f"/journeys/?authority=E09000901&start={reform.before.documents.get().pk}",
                "/cohorts/?inadequate_in=2019", "/authorities/E06000901/"):
        response = client.get(url)
        charts = {id(response.context[key]): response.context[key] for key in response.context.keys()}
        for chart in [chart for chart in charts.values() if isinstance(chart, Chart)]:
            go.Figure(chart.figure)  # raises ValueError on any property Plotly does not know
            seen += 1
    assert seen >= 9


def test_the_table_sorts_it_after_the_graded_and_by_the_date_of_its_four_grades(client, reform, staff):
    signed_in(client, staff)

    def names(query):
        return [r["Name"] for r in csv_rows(client.get(f"/authorities/?{query}&_export=csv"))]

    assert names("sort=overall") == ["South Northshire", "North Northshire", "Brentham"]
    assert names("sort=-overall") == ["Brentham", "North Northshire", "South Northshire"]
    assert names("sort=grade_age") == ["Brentham", "South Northshire", "North Northshire"]  # youngest first
    assert names("sort=overall_on") == ["North Northshire", "South Northshire", "Brentham"]
