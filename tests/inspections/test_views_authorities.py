import csv
import datetime
import io

import pytest

from inspections.models import Document
from tests import factories as f
from tests.inspections.dashboard_world import add_authorities, signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db


def names(response):
    return [row.record.name for row in response.context["table"].paginated_rows]


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_lists_every_current_authority_with_its_latest_grades(client, world, staff):
    f.make_authority(name="Oldshire", ofsted_region="East Midlands", end_date=datetime.date(2019, 4, 1))
    response = signed_in(client, staff).get("/authorities/")
    html = response.content.decode()
    assert names(response) == ["Leeds", "Leicester", "Leicestershire"]
    assert '<a href="/authorities/E06000016/">Leicester</a>' in html
    assert '<strong class="govuk-tag grade-tag grade-tag--outstanding">Outstanding</strong>' in html
    assert "grade-tag--requires-improvement-to-be-good" in html
    assert "3 authorities." in html


def test_it_ignores_the_safeguarding_boards_grade(client, world, staff):
    # Leicester's 2015 LSCB review was graded good; the council's own overall grade was inadequate.
    response = signed_in(client, staff).get("/authorities/?_export=csv")
    rows = {row[0]: row for row in csv_rows(response)}
    assert rows["Leicester"][4] == "Requires improvement to be good"  # 2017, not the LSCB's "Good"
    response = client.get("/authorities/?_export=csv&name=leicester&grade=4")
    assert csv_rows(response)[1:] == []


def test_it_filters_by_region_type_grade_and_name(client, world, staff):
    signed_in(client, staff)
    assert names(client.get("/authorities/?region=East+Midlands")) == ["Leicester", "Leicestershire"]
    assert names(client.get("/authorities/?kind=county")) == ["Leicestershire"]
    assert names(client.get("/authorities/?grade=1")) == ["Leeds"]
    assert names(client.get("/authorities/?grade=3")) == ["Leicester"]
    assert names(client.get("/authorities/?name=shire")) == ["Leicestershire"]
    f.make_authority(name="Newtown", ofsted_region="East Midlands")
    assert names(client.get("/authorities/?grade=none")) == ["Newtown"]


def test_it_sorts_by_grade_rank_best_first(client, world, staff):
    signed_in(client, staff)
    assert names(client.get("/authorities/?sort=overall")) == ["Leeds", "Leicestershire", "Leicester"]
    assert names(client.get("/authorities/?sort=-overall")) == ["Leicester", "Leicestershire", "Leeds"]
    assert names(client.get("/authorities/?sort=-overall_on")) == ["Leicestershire", "Leeds", "Leicester"]


def test_it_counts_the_open_areas_for_improvement_of_the_latest_graded_inspection(client, world, staff):
    header, *rows = csv_rows(signed_in(client, staff).get("/authorities/?_export=csv"))
    open_areas = header.index("Open areas for improvement")
    rows = {row[0]: row for row in rows}
    assert rows["Leicestershire"][open_areas] == "2"
    assert rows["Leicester"][open_areas] == "0"


def test_a_latest_inspection_known_only_from_the_statistics_says_no_report_is_imported(client, world, staff):
    # As Ofsted's outcomes workbook gives an inspection whose report is not (yet) in the record: grades, no list.
    workbook = f.make_document(kind=Document.Kind.STATISTICS, title="LA inspection outcomes")
    inspection = f.make_inspection(world.leicester, documents=[workbook], framework="ilacs", kind="standard",
                                   start_date=datetime.date(2025, 1, 6))
    f.make_judgement(inspection, document=workbook, strand="overall", area="Overall effectiveness", grade="Good")
    client = signed_in(client, staff)
    header, *rows = csv_rows(client.get("/authorities/?_export=csv"))
    open_areas = {row[0]: row[header.index("Open areas for improvement")] for row in rows}
    assert open_areas["Leicester"] == "No report imported"
    assert open_areas["Leicestershire"] == "2"
    html = client.get("/authorities/?sort=name").content.decode()
    assert html.count("No report imported") == 1


def test_it_pages_through_25_authorities_at_a_time(client, world, staff):
    add_authorities(30)
    signed_in(client, staff)
    first, second = client.get("/authorities/"), client.get("/authorities/?page=2")
    assert len(names(first)) == 25 and len(names(second)) == 8
    assert 'aria-label="Page 2"' in first.content.decode()


def test_its_csv_export_holds_exactly_the_filtered_rows_and_columns_shown(client, world, staff):
    response = signed_in(client, staff).get("/authorities/?region=East+Midlands&sort=overall&_export=csv")
    rows = csv_rows(response)
    assert rows[0] == [
        "Name", "ONS code", "Region", "Type", "Overall effectiveness", "Help and protection", "Children in care",
        "Care leavers", "Leadership", "Date of the latest grades", "Grade age", "Open areas for improvement",
        "Previous overall grade (superseded)", "Authority inspected",
    ]
    assert [row[:5] for row in rows[1:]] == [
        ["Leicestershire", "E10000018", "East Midlands", "County council", "Good"],
        ["Leicester", "E06000016", "East Midlands", "Unitary authority", "Requires improvement to be good"],
    ]
    assert rows[1][5:10] == ["Requires improvement to be good", "Good", "Good", "Good", "2024-07-12"]
    assert rows[2][7:10] == ["", "Inadequate", "2017-09-04"]  # no care leavers grade; leadership from 2015
    assert 'attachment; filename="authorities.csv"' == response["Content-Disposition"]


def test_its_query_count_does_not_grow_with_the_number_of_authorities(client, world, staff, django_assert_num_queries):
    signed_in(client, staff)
    # session, user, record currency (statistics, reports), region choices, count, page, predecessors
    with django_assert_num_queries(8):
        client.get("/authorities/?sort=overall")
    add_authorities(30)
    with django_assert_num_queries(8):
        response = client.get("/authorities/?sort=overall")
    assert len(names(response)) == 25
    # session, user, record currency (two), two counts (pagination, export), every row, predecessors
    with django_assert_num_queries(8):
        response = client.get("/authorities/?_export=csv")
    assert len(csv_rows(response)) == 1 + 33
