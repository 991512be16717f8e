import datetime
import re

import pytest
from django.core.management import CommandError, call_command

from inspections.models import Authority, Document, Inspection, Judgement
from tests.conftest import OFSTED
from tests.inspections.ofsted_files import copy_data, real_sheets

pytestmark = pytest.mark.django_db

HISTORY, IN_YEAR, LATEST = "ILACS_inspection_history", "In-year_inspections", "Inspections_as_at_31_March"
OVERALL = "Overall effectiveness"
LEADERS = "The impact of leaders on social work practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
IN_CARE = "The experiences and progress of children in care"
RI = "Requires improvement to be good"


def load(**options):
    call_command("load_ofsted_outcomes", data_dir=options.pop("data_dir", OFSTED), **options)


def snapshot():
    return (
        list(Inspection.objects.order_by("pk").values_list("pk", "kind", "start_date", "published", "known_from")),
        list(Judgement.objects.order_by("pk").values_list("pk", "grade", "document", "source_ref")),
        Document.objects.count(),
        Inspection.history.count(),
        Judgement.history.count(),
    )


def tiny(sheets, keep=("E10000018", "E06000016", "E08000035")):
    """The workbook with only a few authorities' rows (title and header rows kept)."""
    for name in (HISTORY, IN_YEAR, LATEST):
        sheets[name] = sheets[name][:3] + [row for row in sheets[name][3:] if row[1] in keep]
    return sheets


@pytest.fixture
def authorities():
    call_command("load_authorities", data_dir=OFSTED)


@pytest.fixture
def loaded(authorities):
    load()


def leicestershire():
    return Authority.objects.get(ons_code="E10000018")


def test_it_loads_each_sheets_inspections_once(loaded, capsys):
    assert Inspection.objects.filter(kind__in=["standard", "short"]).count() == 271  # the history's rows
    assert Inspection.objects.filter(kind="focused_visit").count() == 36  # the in-year sheet's visits
    assert Inspection.objects.filter(kind="monitoring_visit").count() == 24
    assert Inspection.objects.count() == 331  # the latest grades and the year's inspections are history rows
    assert set(Inspection.objects.values_list("framework", flat=True)) == {"ilacs"}


def test_it_gives_leicestershires_2019_ilacs_judgements_and_grades(loaded):
    inspection = Inspection.objects.get(authority=leicestershire(), start_date=datetime.date(2019, 9, 23))
    assert (inspection.kind, inspection.published) == ("standard", datetime.date(2019, 11, 4))
    grades = [(j.area, j.strand, j.grade) for j in inspection.judgements.all()]
    assert grades == [
        (OVERALL, "overall", RI),
        (LEADERS, "leadership", "Good"),
        (HELP, "help_and_protection", RI),
        (IN_CARE, "children_in_care", "Good"),
    ]  # care leavers was not judged before 2023: no judgement at all, not a blank one
    overall = inspection.overall_grade()
    assert (overall.source_ref, overall.grade_rank, overall.scale) == ("ILACS_inspection_history row 137", 3, "B")
    assert overall.document.filename == "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
    assert list(inspection.documents.values_list("kind", flat=True)) == ["statistics"]


def test_it_gives_the_2024_inspection_its_care_leavers_grade(loaded):
    inspection = Inspection.objects.get(authority=leicestershire(), start_date=datetime.date(2024, 4, 22))
    assert inspection.judgements.get(strand="care_leavers").grade == "Outstanding"
    assert inspection.judgements.get(strand="help_and_protection").grade == "Good"


def test_it_loads_focused_visits_with_their_theme(loaded):
    visit = Inspection.objects.get(authority__name="Barking and Dagenham", kind="focused_visit")
    assert visit.start_date == datetime.date(2025, 3, 26)
    assert visit.theme_text == "Children in need/subject to a plan"
    assert visit.theme.slug == "children-in-need-protection"  # the service, not the quality of plans
    assert not visit.judgements.exists()
    front_door = Inspection.objects.filter(kind="focused_visit", theme_text="Front door").first()
    assert front_door.theme.slug == "early-help-front-door"


def test_a_monitoring_visit_follows_the_inadequate_inspection_before_it(loaded):
    visit = Inspection.objects.get(authority__name="Liverpool", kind="monitoring_visit", start_date=datetime.date(2024, 7, 8))
    assert visit.theme_text == "Achieving permanence"
    assert visit.follows.authority == visit.authority
    assert visit.follows.start_date < visit.start_date
    assert visit.follows.overall_grade().grade == "Inadequate"


def test_ended_authorities_keep_their_inspections(loaded):
    inspection = Inspection.objects.get(authority__ons_code="E10000021")
    assert inspection.start_date == datetime.date(2019, 6, 17)
    assert inspection.overall_grade().grade == "Inadequate"


def test_a_second_run_changes_nothing(loaded, capsys):
    before = snapshot()
    load()
    out = capsys.readouterr().out
    assert re.search(r"Ofsted outcomes loaded: 0 created, 0 updated, \d+ unchanged", out), out
    assert snapshot() == before


def test_it_loads_without_a_query_per_row(authorities, django_assert_max_num_queries):
    with django_assert_max_num_queries(80):
        load()
    assert Judgement.objects.count() == 1187


def test_it_fails_clearly_before_the_authorities_are_loaded():
    with pytest.raises(CommandError, match="run load_authorities first"):
        load()
    assert Inspection.objects.count() == 0


def test_it_enriches_an_inspection_already_imported_from_its_report(authorities):
    report = Document.objects.create(kind="report", title="ILACS report", sha256="a" * 64, authority=leicestershire())
    inspection = Inspection.objects.create(
        authority=leicestershire(), kind="standard", framework="ilacs", start_date=datetime.date(2019, 9, 24)
    )
    inspection.documents.add(report)
    Judgement.objects.create(inspection=inspection, area="Overall effectiveness", strand="overall", grade=RI,
                             document=report, source_ref="page 1, judgement table")
    load()
    inspection.refresh_from_db()
    assert Inspection.objects.filter(authority=leicestershire(), start_date__year=2019).count() == 1
    assert inspection.start_date == datetime.date(2019, 9, 24)  # the report's own dating stands
    assert inspection.published == datetime.date(2019, 11, 4)  # a blank filled
    assert sorted(inspection.documents.values_list("kind", flat=True)) == ["report", "statistics"]
    assert inspection.judgements.get(strand="overall").source_ref == "page 1, judgement table"
    assert inspection.judgements.get(strand="leadership").source_ref == "ILACS_inspection_history row 137"


def test_it_dates_an_inspection_known_only_from_a_later_reports_citation(authorities):
    later = Document.objects.create(kind="report", title="2024 report", sha256="b" * 64, authority=leicestershire())
    cited = Inspection.objects.create(
        authority=leicestershire(), kind="standard", framework="ilacs", start_date=datetime.date(2019, 9, 1),
        date_precision="month", known_from=later,
    )
    load()
    cited.refresh_from_db()
    assert (cited.start_date, cited.date_precision, cited.known_from) == (datetime.date(2019, 9, 23), "day", None)
    assert Inspection.objects.filter(authority=leicestershire(), start_date__year=2019).count() == 1


# --- bad input: an error naming the file, sheet and row, and the database as it was ----------------


def test_it_names_the_row_of_an_unknown_ons_code(loaded, tmp_path):
    sheets = tiny(real_sheets())
    sheets[IN_YEAR][4][1] = "E06000999"
    before = snapshot()
    with pytest.raises(CommandError, match=r"sheet In-year_inspections, row 5: unknown ONS code E06000999"):
        load(data_dir=copy_data(tmp_path, sheets=sheets))
    assert snapshot() == before


def test_it_names_the_row_of_a_bad_date(loaded, tmp_path):
    sheets = tiny(real_sheets())
    sheets[HISTORY][5][5] = "next spring"
    before = snapshot()
    with pytest.raises(CommandError, match=r"LA_Inspection_Outcomes_as_at_31_March_2025.ods, sheet "
                                           r"ILACS_inspection_history, row 6: 'next spring' is not a date"):
        load(data_dir=copy_data(tmp_path, sheets=sheets))
    assert snapshot() == before


def test_it_names_a_missing_column(authorities, tmp_path):
    sheets = tiny(real_sheets())
    sheets[IN_YEAR] = [row[:12] for row in sheets[IN_YEAR]]  # without "Visit Theme"
    with pytest.raises(CommandError, match=r"sheet In-year_inspections, row 3: no column 'visit theme'"):
        load(data_dir=copy_data(tmp_path, sheets=sheets))
    assert Inspection.objects.count() == 0


def test_it_names_a_grade_that_is_not_on_the_scale(authorities, tmp_path):
    sheets = tiny(real_sheets())
    sheets[HISTORY][-1][8] = "Adequate"  # the 2009-12 word, not an ILACS grade
    with pytest.raises(CommandError, match=r"ILACS_inspection_history, row 9: 'Adequate' is not a grade of the ILACS scale"):
        load(data_dir=copy_data(tmp_path, sheets=sheets))
    assert (Inspection.objects.count(), Document.objects.filter(kind="statistics").count()) == (0, 4)


def test_a_tiny_copy_loads_only_its_rows(authorities, tmp_path):
    load(data_dir=copy_data(tmp_path, sheets=tiny(real_sheets())))
    assert set(Inspection.objects.values_list("authority__ons_code", flat=True)) == {"E10000018", "E06000016", "E08000035"}


def test_a_dry_run_reports_and_writes_nothing(authorities, capsys):
    load(dry_run=True)
    out = capsys.readouterr().out
    assert "Inspections: 331 created" in out
    assert "In-year_inspections: 112 rows, 52 of them already in the history" in out
    assert Inspection.objects.count() == 0
