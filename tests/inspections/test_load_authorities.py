import datetime
import re

import pytest
from django.core.management import CommandError, call_command

from inspections.models import Authority, AuthorityAlias, Document, StatisticalNeighbour
from tests.conftest import OFSTED
from tests.inspections.ofsted_files import NEIGHBOURS, copy_data, real_sheets

pytestmark = pytest.mark.django_db

LATEST = "Inspections_as_at_31_March"


def load(**options):
    call_command("load_authorities", data_dir=options.pop("data_dir", OFSTED), stdout=options.pop("stdout", None), **options)


def snapshot():
    """What a failed load must leave as it was."""
    return (
        list(Authority.objects.order_by("ons_code").values_list("ons_code", "name", "end_date", "la_number")),
        AuthorityAlias.objects.count(),
        StatisticalNeighbour.objects.count(),
        Document.objects.count(),
        Authority.history.count(),
    )


@pytest.fixture
def loaded():
    load()


def test_it_loads_the_153_current_authorities_and_those_that_ended(loaded):
    assert Authority.objects.current().count() == 153
    assert set(Authority.objects.filter(end_date__isnull=False).values_list("ons_code", flat=True)) == {
        "E10000021", "E10000006", "E06000028", "E06000029", "E10000009",
    }


def test_it_gives_leicester_its_code_kind_regions_and_la_number(loaded):
    leicester = Authority.objects.get(ons_code="E06000016")
    assert (leicester.name, leicester.kind, leicester.la_number) == ("Leicester", "unitary", "856")
    assert (leicester.ons_region, leicester.ofsted_region) == ("East Midlands", "East Midlands")


def test_it_gives_leicester_its_ten_neighbours_in_order_with_closeness(loaded):
    leicester = Authority.objects.get(ons_code="E06000016")
    assert [n.name for n in leicester.neighbours_in_order()] == [
        "Slough", "Hounslow", "Sandwell", "Wolverhampton", "Hillingdon",
        "Blackburn with Darwen", "Coventry", "Walsall", "Southampton", "Peterborough",
    ]
    links = list(leicester.neighbour_links.all())
    assert [link.closeness for link in links[5:7]] == ["Somewhat close", "Not Close"]
    assert {link.source_ref for link in links} == {"row 103"}
    assert {link.document.filename for link in links} == {NEIGHBOURS}


def test_it_keeps_leicestershire_and_the_city_apart(loaded):
    county = Authority.objects.get(ons_code="E10000018")
    assert (county.name, county.kind, county.la_number) == ("Leicestershire", "county", "855")
    assert "Leicestershire County Council" in county.aliases.values_list("name", flat=True)
    assert list(Authority.objects.matching("Leicester City Council")) == [Authority.objects.get(ons_code="E06000016")]


def test_it_puts_leeds_in_its_ons_region_and_keeps_ofsteds_region(loaded):
    leeds = Authority.objects.get(ons_code="E08000035")
    assert leeds.kind == "metropolitan_district"
    assert leeds.ons_region == "Yorkshire and The Humber"
    assert leeds.ofsted_region == "North East, Yorkshire and the Humber"
    assert leeds.la_number == "383"


def test_it_merges_inner_and_outer_london_into_london(loaded):
    assert Authority.objects.get(name="Camden").ons_region == "London"
    assert Authority.objects.get(name="Barnet").ons_region == "London"
    assert Authority.objects.get(ons_code="E09000001").kind == "london_borough"


def test_it_ends_northamptonshire_with_its_two_successors(loaded):
    county = Authority.objects.get(ons_code="E10000021")
    assert county.end_date == datetime.date(2021, 4, 1)
    assert sorted(county.successors.values_list("name", flat=True)) == ["North Northamptonshire", "West Northamptonshire"]
    assert county in Authority.objects.current(on=datetime.date(2020, 6, 1))
    assert county not in Authority.objects.current(on=datetime.date(2021, 4, 1))
    assert Authority.objects.get(name="West Northamptonshire").start_date == datetime.date(2021, 4, 1)


def test_it_records_the_2019_dorset_reorganisation(loaded):
    bcp = Authority.objects.get(ons_code="E06000058")
    assert sorted(bcp.predecessors.values_list("ons_code", flat=True)) == ["E06000028", "E06000029", "E10000009"]
    dorset_county = Authority.objects.get(ons_code="E10000009")
    assert sorted(dorset_county.successors.values_list("ons_code", flat=True)) == ["E06000058", "E06000059"]
    assert dorset_county.la_number == "835"
    assert list(Authority.objects.matching("Dorset").current(on=datetime.date(2018, 1, 1))) == [dorset_county]


def test_it_ends_cumbria_and_starts_its_successors_without_la_numbers(loaded):
    cumbria = Authority.objects.get(ons_code="E10000006")
    assert (cumbria.end_date, cumbria.la_number, cumbria.ofsted_region) == (datetime.date(2023, 4, 1), "909", "North West")
    cumberland = Authority.objects.get(ons_code="E06000063")
    assert (cumberland.la_number, cumberland.ons_region) == ("", "North West")


def test_it_keeps_every_other_spelling_as_an_alias(loaded):
    assert Authority.objects.matching("Kingston upon Hull, City of").get().ons_code == "E06000010"
    assert "Herefordshire, County of" in Authority.objects.get(ons_code="E06000019").aliases.values_list("name", flat=True)
    assert Authority.objects.matching("Bedford Borough").get().ons_code == "E06000055"
    assert "Dorset (Pre LG)" in Authority.objects.get(ons_code="E10000009").aliases.values_list("name", flat=True)


def test_it_records_each_source_file_as_a_statistics_document(loaded):
    documents = Document.objects.filter(kind="statistics")
    assert documents.count() == 4
    workbook = documents.get(filename="LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    assert workbook.published == datetime.date(2025, 9, 25)
    assert workbook.title == "Local authority inspection outcomes as at 31 March 2025"
    assert len(workbook.sha256) == 64


def test_a_second_run_changes_nothing(loaded, capsys):
    before = snapshot()
    load()
    out = capsys.readouterr().out
    assert re.search(r"Authorities loaded: 0 created, 0 updated, \d+ unchanged", out), out
    assert snapshot() == before


def test_it_loads_without_a_query_per_row(django_assert_max_num_queries):
    with django_assert_max_num_queries(80):
        load()
    assert StatisticalNeighbour.objects.count() == 1560


def test_a_dry_run_writes_nothing(capsys):
    load(dry_run=True)
    assert "158 created" in capsys.readouterr().out
    assert Authority.objects.count() == 0


def test_it_updates_a_changed_name_and_keeps_its_history(loaded, tmp_path, capsys):
    sheets = real_sheets()
    row = next(r for r in sheets[LATEST] if r[1] == "E06000016")
    row[2] = "Leicester City"
    load(data_dir=copy_data(tmp_path, sheets=sheets))
    leicester = Authority.objects.get(ons_code="E06000016")
    assert leicester.name == "Leicester City"
    assert leicester.history.first().name == "Leicester City"
    assert "Authorities: 0 created, 1 updated" in capsys.readouterr().out


# --- bad input: an error naming the file, sheet and row, and the database as it was ----------------


def test_it_names_a_missing_file(loaded, tmp_path):
    folder = copy_data(tmp_path)
    (folder / NEIGHBOURS).unlink()
    before = snapshot()
    with pytest.raises(CommandError, match="New_Statistical_Neighbour_Groupings_"):
        load(data_dir=folder)
    assert snapshot() == before


def test_it_names_a_missing_column(loaded, tmp_path):
    sheets = real_sheets()
    sheets[LATEST] = [row[:3] + row[4:] for row in sheets[LATEST]]  # without "Ofsted region"
    before = snapshot()
    with pytest.raises(CommandError, match=r"sheet Inspections_as_at_31_March, row 3: no column 'ofsted region'"):
        load(data_dir=copy_data(tmp_path, sheets=sheets))
    assert snapshot() == before


def test_it_names_a_missing_sheet(loaded, tmp_path):
    sheets = real_sheets()
    del sheets["ILACS_inspection_history"]
    with pytest.raises(CommandError, match="no sheet named ILACS_inspection_history"):
        load(data_dir=copy_data(tmp_path, sheets=sheets))


def test_it_names_the_row_of_an_unknown_ons_code(loaded, tmp_path):
    sheets = real_sheets()
    sheets[LATEST][5][1] = "E06000999"
    before = snapshot()
    with pytest.raises(CommandError, match=r"sheet Inspections_as_at_31_March, row 6: unknown ONS code E06000999"):
        load(data_dir=copy_data(tmp_path, sheets=sheets))
    assert snapshot() == before


def test_it_names_the_row_of_a_bad_date(loaded, tmp_path):
    sheets = real_sheets()
    sheets[LATEST][3][4] = "31/02/2023"
    before = snapshot()
    with pytest.raises(CommandError, match=r"row 4: '31/02/2023' is not a date"):
        load(data_dir=copy_data(tmp_path, sheets=sheets))
    assert snapshot() == before


def test_a_failure_late_in_the_load_leaves_an_empty_database_empty(tmp_path):
    text = (OFSTED / NEIGHBOURS).read_text(encoding="utf-8-sig")
    broken = text.replace("856,Leicester,856,1,East Midlands,871,", "856,Leicester,856,1,East Midlands,999,")
    assert broken != text
    with pytest.raises(CommandError, match=r"row 103: neighbour 999 is not the LA number of any row"):
        load(data_dir=copy_data(tmp_path, csv_text={NEIGHBOURS: broken}))
    assert (Authority.objects.count(), Document.objects.count(), AuthorityAlias.objects.count()) == (0, 0, 0)


# --- Ofsted's provider lookup, former codes and the names documents print --------------------------


def test_it_gives_each_council_its_ofsted_urn_from_the_provider_lookup(loaded):
    urns = dict(Authority.objects.values_list("ons_code", "ofsted_urn"))
    assert urns["E06000016"] == "80482" and urns["E10000018"] == "80483"
    assert urns["E08000016"] == "80426"  # Barnsley is filed under its former code; the lookup uses the new one
    assert urns["E10000006"] == "135513"  # Cumbria, which no longer exists, keeps its own
    assert not Authority.objects.current().filter(ofsted_urn="").exists()


def test_a_former_ons_code_finds_the_same_council(loaded):
    assert [a.name for a in Authority.objects.matching("E08000038")] == ["Barnsley"]
    assert [a.name for a in Authority.objects.matching("E06000048")] == ["Northumberland"]


@pytest.mark.parametrize("printed, ons_code", [
    ("East Riding", "E06000011"),
    ("Medway Children's Services", "E06000035"),
    ("Cheshire East Unitary Authority", "E06000049"),
    ("Rotherham MBC", "E08000018"),
    ("Sandwell Children's Trust", "E08000028"),
    ("Slough Children First", "E06000039"),
    ("Bradford Children and Families Trust", "E08000032"),
    ("Doncaster Children's Services Trust", "E08000017"),
    ("BCP", "E06000058"),  # the provider lookup's other name
])
def test_names_documents_print_find_their_council(loaded, printed, ons_code):
    assert [a.ons_code for a in Authority.objects.matching(printed)] == [ons_code]


def test_a_service_word_is_dropped_only_when_the_name_as_printed_matches_nothing(loaded):
    assert not Authority.objects.matching("Children's Services").exists()
    assert not Authority.objects.matching("Achieving for Children").exists()  # runs three councils: never guessed
