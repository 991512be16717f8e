import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from inspections.exports.journeys import COLUMNS
from tests.factories import make_authority, make_document, make_inspection, make_judgement

pytestmark = pytest.mark.django_db


def export(*args):
    out = io.StringIO()
    call_command("export_journeys", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.fixture
def journeys():
    """Two authorities: a full inspection with three judgements, a later monitoring visit, and an
    ILACS inspection known only because a later report cites it."""
    city = make_authority(name="Riverside", ons_code="E06000901")
    county = make_authority(name="Hillshire", ons_code="E10000902", kind="county")
    report = make_document(title="Riverside SLAC report", authority=city, published=datetime.date(2012, 1, 20))
    full = make_inspection(
        city, documents=[report], start_date=datetime.date(2011, 11, 21), end_date=datetime.date(2011, 12, 2),
        published=datetime.date(2012, 1, 20),
    )
    # Created out of order: the export sorts by position.
    make_judgement(full, report, section="Services for looked after children", area="Overall effectiveness",
                   strand="children_in_care", grade="Adequate", position=2, source_ref="page 20")
    make_judgement(full, report, section="Safeguarding services", area="Overall effectiveness",
                   strand="help_and_protection", grade="Inadequate", position=1, source_ref="page 8")
    make_judgement(full, report, section="Safeguarding services", area="Capacity for improvement",
                   grade=None, position=3)
    letter = make_document(title="Riverside monitoring letter", kind="monitoring_letter", authority=city)
    make_inspection(city, documents=[letter], kind="monitoring_visit", framework="ilacs",
                    start_date=datetime.date(2012, 6, 5), date_precision="day")
    later = make_document(title="Hillshire ILACS 2024", authority=county, published=datetime.date(2024, 6, 1))
    cited = make_inspection(county, documents=[later], kind="standard", framework="ilacs",
                            start_date=datetime.date(2019, 1, 1), date_precision="year", known_from=later)
    make_judgement(cited, later, area="Overall effectiveness", strand="overall",
                   grade="Requires improvement to be good", source_ref="paragraph 1")
    return {"full": full, "cited": cited}


def test_it_writes_the_columns_in_order(journeys):
    out = io.StringIO()
    call_command("export_journeys", stdout=out)
    assert out.getvalue().splitlines()[0] == ",".join(COLUMNS)
    assert COLUMNS[0] == "ons_code" and COLUMNS[16] == "known_from" and len(COLUMNS) == 20


def test_it_writes_one_row_per_judgement_sorted_by_authority_date_and_position(journeys):
    rows = export()
    assert [(r["authority"], r["kind"], r["area"]) for r in rows] == [
        ("Hillshire", "standard", "Overall effectiveness"),
        ("Riverside", "full", "Overall effectiveness"),
        ("Riverside", "full", "Overall effectiveness"),
        ("Riverside", "full", "Capacity for improvement"),
        ("Riverside", "monitoring_visit", ""),
    ]
    assert [r["section"] for r in rows[1:3]] == ["Safeguarding services", "Services for looked after children"]


def test_it_gives_each_judgement_its_grade_rank_and_source(journeys):
    safeguarding = export()[1]
    assert safeguarding == {
        "ons_code": "E06000901", "authority": "Riverside", "inspection_id": str(journeys["full"].pk),
        "kind": "full", "framework": "slac", "start_date": "2011-11-21", "end_date": "2011-12-02",
        "published": "2012-01-20", "date_precision": "day", "section": "Safeguarding services",
        "area": "Overall effectiveness", "strand": "help_and_protection", "grade": "Inadequate", "grade_rank": "4",
        "source_document": "Riverside SLAC report", "source_ref": "page 8", "known_from": "",
        "inspected_authority": "Riverside", "framework_version": "", "overall_judgement": "",
    }


def test_an_ungraded_judgement_leaves_grade_and_rank_empty(journeys):
    capacity = export()[3]
    assert (capacity["grade"], capacity["grade_rank"]) == ("", "")


def test_a_visit_without_judgements_gives_one_row_with_its_first_document(journeys):
    visit = export()[4]
    assert visit["kind"] == "monitoring_visit"
    assert [visit[c] for c in ("section", "area", "strand", "grade", "grade_rank", "source_ref")] == [""] * 6
    assert visit["source_document"] == "Riverside monitoring letter"
    assert (visit["start_date"], visit["end_date"], visit["published"]) == ("2012-06-05", "", "")


def test_a_cited_inspection_names_the_document_it_is_known_from(journeys):
    cited = export()[0]
    assert cited["known_from"] == "Hillshire ILACS 2024"
    assert (cited["date_precision"], cited["grade_rank"]) == ("year", "3")
    assert cited["grade"] == "Requires improvement to be good"


def test_it_exports_one_authority_by_its_ons_code(journeys):
    rows = export("--authority", "E10000902")
    assert {r["ons_code"] for r in rows} == {"E10000902"}
    assert len(rows) == 1


def test_it_refuses_an_unknown_ons_code(journeys):
    with pytest.raises(CommandError, match="E99999999"):
        call_command("export_journeys", "--authority", "E99999999", stdout=io.StringIO())


def test_it_writes_to_a_file(journeys, tmp_path):
    target = tmp_path / "journeys.csv"
    out = io.StringIO()
    call_command("export_journeys", "-o", str(target), stdout=out)
    with target.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 5 and rows[0]["authority"] == "Hillshire"
    assert "Wrote 5 rows" in out.getvalue()


def _authority_with_history(n):
    authority = make_authority(name=f"Place {n}")
    report = make_document(authority=authority)
    inspection = make_inspection(authority, documents=[report])
    for position in range(3):
        make_judgement(inspection, report, position=position, grade="Good")
    make_inspection(authority, documents=[make_document()], kind="monitoring_visit",
                    start_date=datetime.date(2012, 5, 1), known_from=report)


@pytest.mark.parametrize("authorities", [1, 5])
def test_it_runs_a_constant_number_of_queries(authorities, django_assert_num_queries):
    for n in range(authorities):
        _authority_with_history(n)
    # One for the inspections (with authority and known_from), one each for judgements and documents.
    with django_assert_num_queries(3):
        rows = export()
    assert len(rows) == 4 * authorities
