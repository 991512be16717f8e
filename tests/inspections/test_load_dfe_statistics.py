"""load_dfe_statistics on the real DfE files (data/dfe/): figures as the CSV rows print them, withheld values
kept as their symbol, the 2025 neighbour model beside the 2021 one, idempotence, and bad files refused whole."""

import csv
import shutil
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from inspections.models import Authority, Document, Measure, MeasureValue, StatisticalNeighbour
from inspections.models.authorities import neighbour_model_for
from tests.conftest import OFSTED, SHARED

pytestmark = pytest.mark.django_db

DFE = SHARED / "data" / "dfe"
CSWW = "csww_indicators_2017_to_2025.csv"
C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"


def load(**options):
    out = StringIO()
    call_command("load_dfe_statistics", data_dir=options.pop("data_dir", DFE), stdout=out, **options)
    return out.getvalue()


def figure(slug, period, code):
    return MeasureValue.objects.select_related("document", "authority").get(measure__slug=slug, period=period, code=code)


def snapshot():
    return (
        list(MeasureValue.objects.order_by("pk").values_list("pk", "value", "symbol", "document", "source_row")),
        list(Measure.objects.order_by("pk").values_list("pk", "slug", "polarity")),
        list(StatisticalNeighbour.objects.order_by("pk").values_list("pk", "model", "position", "neighbour")),
        Document.objects.count(),
    )


@pytest.fixture
def authorities():
    call_command("load_authorities", data_dir=OFSTED, stdout=StringIO())


@pytest.fixture
def loaded(authorities):
    return load()


def test_a_council_s_workforce_figures_are_those_of_its_row(loaded):
    # csww row 1204: Leicestershire (E10000018), 2018: agency rate 17.5 %, caseload 17.4 per worker.
    caseload = figure("caseload_per_worker", 2018, "E10000018")
    assert caseload.value == Decimal("17.4") and caseload.symbol == ""
    assert caseload.authority == Authority.objects.get(ons_code="E10000018")
    assert (caseload.document.filename, caseload.document.kind, caseload.source_row) == (CSWW, Document.Kind.STATISTICS, 1204)
    assert figure("agency_worker_rate_percent", 2018, "E10000018").value == Decimal("17.5")
    assert caseload.measure.unit == "cases per worker" and caseload.measure.polarity == Measure.Polarity.LOWER_IS_BETTER


def test_re_referrals_for_a_council_its_region_and_england(loaded):
    leeds = figure("re_referrals_percent", 2020, "E08000035")  # c1 row 877
    assert (leeds.value, leeds.source_row, leeds.authority.name) == (Decimal("27.1"), 877, "Leeds")
    assert (leeds.region_code, leeds.region_name) == ("E12000003", "Yorkshire and The Humber")
    england = figure("re_referrals_percent", 2025, "E92000001")
    assert (england.value, england.level, england.authority) == (Decimal("22.6"), MeasureValue.Level.ENGLAND, None)
    north_east = figure("re_referrals_percent", 2025, "E12000001")
    assert (north_east.value, north_east.level, north_east.name) == (Decimal("20.7"), MeasureValue.Level.REGION, "North East")
    assert leeds.measure.polarity == Measure.Polarity.LOWER_IS_BETTER


def test_a_withheld_value_keeps_its_symbol_and_is_never_zero(loaded):
    # csww row 25: Sunderland 2025 prints "low" for the agency rate.
    sunderland = figure("agency_worker_rate_percent", 2025, "E08000024")
    assert (sunderland.value, sunderland.symbol, sunderland.source_row) == (None, "low", 25)
    assert sunderland.withheld and "0" not in sunderland.display and "withheld" in sunderland.display
    assert not MeasureValue.objects.exclude(symbol="").filter(value__isnull=False).exists()
    # Every symbolled cell of the file is a withheld figure, none of them a number.
    with (DFE / CSWW).open(encoding="utf-8-sig") as handle:
        printed = sum(1 for row in csv.DictReader(handle) if row["agency_rate_fte"] in ("c", "x", "z", "u", "k", "low"))
    assert MeasureValue.objects.filter(measure__slug="agency_worker_rate_percent").exclude(symbol="").count() == printed


def test_a_former_code_finds_the_council(loaded):
    # Barnsley is printed under its former code E08000016; Buckinghamshire's earlier years under its county code.
    assert figure("referrals", 2025, "E08000016").authority.name == "Barnsley"
    assert figure("referrals", 2019, "E10000002").authority.ons_code == "E06000060"


def test_a_service_two_councils_share_is_kept_without_a_council(loaded):
    shared = figure("caseload_per_worker", 2025, "E06000061 / E06000062")
    assert shared.authority is None and shared.value is not None
    assert "E06000061 / E06000062" in loaded


def test_every_file_is_read(loaded):
    files = set(Document.objects.filter(kind=Document.Kind.STATISTICS).values_list("filename", flat=True))
    assert {path.name for path in DFE.glob("*.csv")} <= files
    assert set(Measure.objects.values_list("source_file", flat=True)) | {"sn_model_2025_wide.csv"} == {
        path.name for path in DFE.glob("*.csv")}


def test_the_2025_neighbours_stand_beside_the_2021_ones(loaded):
    leicestershire = Authority.objects.get(ons_code="E10000018")
    by_number = {a.la_number: a.name for a in Authority.objects.exclude(la_number="")}
    # sn_model_2025_wide.csv row 73: Leicestershire's closest is 916 (Gloucestershire); the 2021 groupings' is 803.
    assert [a.la_number for a in leicestershire.neighbours_in_order(2025)][:2] == ["916", "803"]
    assert [a.la_number for a in leicestershire.neighbours_in_order(2024)][:2] == ["803", "937"]
    assert leicestershire.neighbours_in_order() == leicestershire.neighbours_in_order(2025)
    assert by_number["916"] == "Gloucestershire"
    assert (neighbour_model_for(2024), neighbour_model_for(2025), neighbour_model_for(2030)) == ("2021", "2025", "2025")
    assert StatisticalNeighbour.objects.filter(model="2025").count() == 1530
    assert StatisticalNeighbour.objects.filter(model="2021").count() == 1560


def test_a_council_the_2025_model_leaves_out_keeps_its_2021_neighbours(authorities):
    # Without the 2025 model loaded, every council's neighbours in force are the 2021 ones.
    leicestershire = Authority.objects.get(ons_code="E10000018")
    assert [a.la_number for a in leicestershire.neighbours_in_order(2026)][:1] == ["803"]


def test_a_second_run_changes_nothing_and_says_so(loaded):
    before = snapshot()
    again = load()
    assert snapshot() == before
    assert "Nothing changed" in again and "0 created, 0 updated" in again
    assert "Nothing changed" not in loaded


def test_load_authorities_after_keeps_the_2025_model(loaded):
    before = snapshot()
    call_command("load_authorities", data_dir=OFSTED, stdout=StringIO())
    assert snapshot() == before


def test_a_dry_run_writes_nothing(authorities):
    load(dry_run=True)
    assert not MeasureValue.objects.exists() and not StatisticalNeighbour.objects.filter(model="2025").exists()


def copy_with(tmp_path, name, edit):
    """The dfe folder in tmp_path, with one file's lines passed through edit(lines)."""
    folder = tmp_path / "dfe"
    shutil.copytree(DFE, folder)
    path = folder / name
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.chmod(0o644)
    path.write_text("".join(edit(lines)), encoding="utf-8")
    return folder


def test_a_missing_column_names_the_file_and_writes_nothing(authorities, tmp_path):
    folder = copy_with(tmp_path, C1, lambda lines: [lines[0].replace("rereferral_percent", "rereferral_pct")] + lines[1:])
    documents = Document.objects.count()
    with pytest.raises(CommandError, match=rf"{C1}, row 1: no column rereferral_percent"):
        load(data_dir=folder)
    assert not MeasureValue.objects.exists() and Document.objects.count() == documents


def test_a_bad_number_names_the_file_and_row_and_writes_nothing(authorities, tmp_path):
    def spoil(lines):
        lines[876] = lines[876].replace(",27.1,", ",27..1,")  # row 877: Leeds 2020
        return lines

    folder = copy_with(tmp_path, C1, spoil)
    with pytest.raises(CommandError, match=rf"{C1}, row 877, column rereferral_percent: '27..1' is neither a number"):
        load(data_dir=folder)
    assert not MeasureValue.objects.exists() and not Measure.objects.exists()
