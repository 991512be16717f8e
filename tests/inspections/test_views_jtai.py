"""A saved JTAI letter on the pages: the authority's timeline and table, the inspection page, a journey.

Hertfordshire's letter (October 2024, domestic abuse) is imported as the importer would; an ILACS inspection of
2023 before it, made with the factories, gives the journey a start the JTAI comes after.
"""

import datetime

import plotly.graph_objects as go
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.loading.files import examine, save
from inspections.models import Inspection
from tests import factories as f
from tests.national import JTAI

pytestmark = pytest.mark.django_db

HERTFORDSHIRE = "/authorities/E10000015/"
JTAI_TRACE = "Joint targeted area inspections (not graded)"
THEME_LABEL = "children who are victims of domestic abuse (Partnership working and the safeguarding board)"


@pytest.fixture
def herts(db):
    call_command("load_authorities", verbosity=0)
    outcome = save(examine(JTAI / "hertfordshire-2024-12-12-jtai.pdf"))
    authority = outcome.inspection.authority
    report = f.make_document(authority=authority, title="Hertfordshire ILACS report 2023",
                             published=datetime.date(2023, 3, 1))
    ilacs = f.make_inspection(authority, documents=[report], kind=Inspection.Kind.STANDARD, framework="ilacs",
                              start_date=datetime.date(2023, 1, 16), end_date=datetime.date(2023, 1, 27))
    f.make_judgement(ilacs, report, area="Overall effectiveness", strand="overall", grade="Good")
    f.make_area_for_improvement(ilacs, report, text="Earlier item on referrals.", theme=f.theme("early-help-front-door"))
    return outcome.inspection, outcome.document, report


@pytest.fixture
def reader(client, db):
    client.force_login(f.make_user("adviser", is_staff=True))
    return client


def traces(response):
    return {trace["name"]: trace for trace in response.context["timeline"].figure["data"]}


def test_the_authority_timeline_marks_the_jtai_as_an_ungraded_joint_inspection(reader, herts):
    inspection, _, _ = herts
    response = reader.get(HERTFORDSHIRE)
    jtai = traces(response)[JTAI_TRACE]
    assert jtai["x"] == ["2024-10-21"] and jtai["y"] == [5]
    assert jtai["customdata"] == [["Joint targeted area inspection", THEME_LABEL, ""]]
    assert "Monitoring and focused visits" not in traces(response)  # no visit of Ofsted's own
    go.Figure(response.context["timeline"].figure)  # valid Plotly, the JTAI trace's marker included
    layout = response.context["timeline"].figure["layout"]["yaxis"]
    assert dict(zip(layout["tickvals"], layout["ticktext"]))[5] == "Visits (not graded)"
    rows = response.context["timeline"].rows
    assert [datetime.date(2024, 10, 21), "Joint targeted area inspection", "", "Not graded", THEME_LABEL, ""] in rows
    html = response.content.decode()
    assert f'href="/inspections/{inspection.pk}/">Joint targeted area inspection</a>' in html
    assert "21 to 25 October 2024" in html and THEME_LABEL in html


def test_a_jtai_is_no_grade_and_leaves_the_open_areas_to_the_latest_graded_inspection(reader, herts):
    response = reader.get(HERTFORDSHIRE)
    assert [area.text for area in response.context["open_areas"]] == ["Earlier item on referrals."]
    assert "grade-tag--good" in response.content.decode()  # the 2023 overall grade is still the latest


def test_the_authority_page_query_count_does_not_grow_with_jtais(reader, herts):
    inspection, _, _ = herts
    with CaptureQueriesContext(connection) as one:
        reader.get(HERTFORDSHIRE)
    for year in (2017, 2019, 2021):
        f.make_inspection(inspection.authority, kind=Inspection.Kind.JTAI, framework="jtai",
                          start_date=datetime.date(year, 3, 6), theme=f.theme("missing-exploitation"),
                          theme_text="child exploitation", agencies=["Ofsted"])
    with CaptureQueriesContext(connection) as four:
        response = reader.get(HERTFORDSHIRE)
    assert len(traces(response)[JTAI_TRACE]["x"]) == 4
    assert len(four) == len(one)


def test_the_inspection_page_shows_theme_dates_agencies_strengths_and_areas(reader, herts):
    inspection, document, _ = herts
    html = reader.get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Joint targeted area inspection, 21 to 25 October 2024</h1>" in html
    assert "In the letter's words: children who are victims of domestic abuse" in html
    assert '<dd class="govuk-summary-list__value">Not graded</dd>' in html
    assert "Judgements</h2>" not in html
    for agency in ("Ofsted", "Care Quality Commission (CQC)", "Hertfordshire County Council", "Hertfordshire Constabulary"):
        assert f"<li>{agency}</li>" in html
    assert html.count('app-finding-kind">Strength:</span>') == 8
    assert "The inconsistent quality of domestic abuse referrals from the police" in html
    assert f'href="/documents/{document.pk}/download">Joint targeted area inspection of Hertfordshire</a>, ' \
           "page 2, What needs to improve?, bullet 1" in html


def test_the_inspection_page_query_count_does_not_grow_with_the_letters_facts(reader, herts):
    inspection, document, _ = herts
    with CaptureQueriesContext(connection) as before:
        reader.get(f"/inspections/{inspection.pk}/")
    for _ in range(5):
        f.make_finding(inspection, document, kind="strength")
        f.make_area_for_improvement(inspection, document)
    with CaptureQueriesContext(connection) as after:
        reader.get(f"/inspections/{inspection.pk}/")
    assert len(after) == len(before)


def test_a_journey_from_the_jtai_letter_starts_from_its_strengths_and_areas(reader, herts):
    inspection, document, _ = herts
    response = reader.get(f"/journeys/?authority=E10000015&start={document.pk}")
    start = response.context["start"]
    assert start.inspection == inspection and start.on == datetime.date(2024, 10, 21)
    kinds = {item.kind for section in response.context["journey"].sections for item in section.start_items}
    assert kinds == {"Strength", "Finding", "Area for improvement"}
    assert [j.grade for j in response.context["journey"].standing] == ["Good"]  # in force then, from 2023
    html = response.content.decode()
    assert f'href="/inspections/{inspection.pk}/">Joint targeted area inspection of 21 to 25 October 2024</a>' in html
    assert THEME_LABEL in html


def test_a_journey_from_an_earlier_report_shows_the_jtai_after_it_as_an_ungraded_visit(reader, herts):
    inspection, _, report = herts
    response = reader.get(f"/journeys/?authority=E10000015&start={report.pk}")
    assert [event for event, overall in response.context["journey"].later_events] == [inspection]
    html = response.content.decode()
    after = html.split('id="after"')[1].split("</table>")[0]
    assert "Joint targeted area inspection</a>" in after and THEME_LABEL in after
    assert "grade-tag" not in after
    chart = response.context["chart"]
    later = next(trace for trace in chart.figure["data"] if trace["name"] == "Later visits")
    assert later["customdata"] == [["Joint targeted area inspection", THEME_LABEL, ""]]
