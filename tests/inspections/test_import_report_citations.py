"""Citations: an earlier inspection a later document cites, then the report of that inspection itself."""

import io

import pytest
from django.core.management import call_command

from inspections.models import Authority, Inspection, Judgement
from tests.conftest import REPORTS, seed_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def leicester():
    return Authority.objects.create(name="Leicester", ons_code="E06000016", kind="unitary")


def imported(*paths):
    out = io.StringIO()
    call_command("import_report", *map(str, paths), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_cited_inspection_is_known_from_the_letter_with_the_month_it_gives(leicester):
    imported(seed_path("004"))
    cited = Inspection.objects.get(start_date__year=2015)
    assert (cited.date_precision, cited.start_date.month) == ("month", 3)
    assert cited.known_from.filename == seed_path("004").name
    assert cited.judgements.get().grade == "Inadequate"


def test_the_report_of_a_cited_inspection_takes_its_place_with_its_own_dates_and_grades(leicester):
    imported(seed_path("004"))
    output = imported(REPORTS / "leicester-2015-03-20.pdf")
    assert "enriched" in output
    inspection = Inspection.objects.get(start_date__year=2015)  # one inspection, not two
    assert (inspection.kind, inspection.start_date.isoformat(), inspection.date_precision) == ("full", "2015-01-14", "day")
    assert inspection.known_from is None
    overall = inspection.judgements.get(strand="overall", section="The local authority")
    assert overall.grade == "Inadequate" and overall.document.filename == "leicester-2015-03-20.pdf"
    visit = Inspection.objects.get(kind="monitoring_visit")
    assert visit.follows == inspection


def test_a_citation_after_the_report_adds_no_second_inspection(leicester):
    imported(REPORTS / "leicester-2015-03-20.pdf", seed_path("004"))
    assert Inspection.objects.filter(start_date__year=2015).count() == 1
    assert Judgement.objects.filter(inspection__start_date__year=2015, strand="overall").count() == 1
