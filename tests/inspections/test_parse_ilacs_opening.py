"""An ILACS report's opening: the authority above or inside the title, the inspection dates, the lead inspectors."""

import re
from functools import cache

import pytest

from inspections.importing.detect import family_of
from inspections.importing.families import ilacs, sif
from inspections.importing.families.ilacs import opening
from inspections.importing.families.ilacs.dates import inspection_dates
from inspections.importing.readers.common import normalise, written_dates
from inspections.importing.readers.text import read_path
from tests.national import REPORTS


@cache
def pages_of(name):
    return tuple(read_path(REPORTS / name).pages)


@cache
def parsed(name):
    return ilacs.parse(list(pages_of(name)), name)


@pytest.mark.parametrize("name, authority", [
    ("rochdale-2018-03-12.pdf", "Rochdale Borough Council"),  # above "Inspection of local authority ..."
    ("bradford-2018-10-29.pdf", "City of Bradford Metropolitan District Council"),  # above, on two lines
    ("tameside-2019-07-01.pdf", "Tameside metropolitan borough"),  # "... children's social care services"
    ("medway-2019-08-27.pdf", "Medway"),  # "Medway Children's Services" above the title
    ("ealing-2024-07-12.pdf", "London Borough of Ealing"),  # "Inspection of the London Borough of Ealing ..."
    ("kent-2022-07-05.pdf", "Kent County Council"),  # "Inspection of Kent County Council children's services"
    ("bournemouth-christchurch-and-poole-2025-01-29.pdf", "Bournemouth, Christchurch and Poole"),
])
def test_it_reads_the_authority_as_printed_above_or_inside_the_title(name, authority):
    assert parsed(name).authority == authority


@pytest.mark.parametrize("printed, authority", [
    ("Sandwell Children's Trust\nInspection of children's social care services", "Sandwell Children's Trust"),
    ("Inspection of Slough Children First children's services", "Slough Children First"),
    ("Inspection of Bradford Children and Families Trust local authority children's services",
     "Bradford Children and Families Trust"),
    ("Inspection of Slough Children First", "Slough Children First"),
])
def test_a_trust_named_in_the_title_is_given_whole(printed, authority):
    first = normalise(f"1\n{printed}\nInspection dates: 9 to 20 May 2022\nLead inspector: Alex Example")
    assert opening.is_opening(first)
    assert opening.authority_and_title(first)[0] == authority


def test_a_sif_report_that_mentions_childrens_services_on_page_two_is_not_taken_for_ilacs():
    pages = pages_of("hackney-2016-09-21.pdf")
    head = normalise(" ".join(pages[:2]))
    assert re.search(r"Inspection of .{0,60}children's services", head[300:], re.I)  # the phrase is there, later on
    assert not ilacs.detect(head)
    assert sif.detect(head)
    assert family_of(list(pages)) is sif


@pytest.mark.parametrize("name, dates, days", [
    ("bromley-2019-01-07.pdf", ("2018-11-19", "2018-11-30"), 12),  # "19 November–30 November 2018"
    ("nottingham-2022-09-05.pdf", ("2022-07-11", "2022-07-22"), 12),  # "11 – 22 July 2022"
    ("derbyshire-2019-09-19.pdf", ("2019-07-08", "2019-08-08"), 7),  # two periods, a short inspection
    ("devon-2025-05-13.pdf", ("2024-09-30", "2025-01-16"), 16),  # paused in October, resumed in January
])
def test_it_reads_the_inspection_dates_and_counts_the_days_on_site_period_by_period(name, dates, days):
    record = parsed(name)
    assert (record.start_date.iso(), record.end_date.iso()) == dates
    assert record.inspection_kind == ("short" if days <= 7 else "standard")
    assert f"from {days} days on site" in " ".join(record.warnings)


@pytest.mark.parametrize("printed, dates", [
    ("12/09/2019 to 20/09/2019", ("2019-09-12", "2019-09-20")),
    ("10 June 2019 \u2500 21 June 2019", ("2019-06-10", "2019-06-21")),
    ("the 15 and 16 of May 2019", ("2019-05-15", "2019-05-16")),
    ("28 December to 8 January 2021", ("2020-12-28", "2021-01-08")),
])
def test_dates_in_other_shapes_read_alike(printed, dates):
    warnings = []
    found = inspection_dates(printed, warnings)
    assert (found.start.iso(), found.end.iso(), warnings) == (*dates, [])
    assert written_dates("on the 3rd of June 2020") == "on 3rd June 2020"


def test_dates_without_a_year_take_the_running_headers_year_with_a_warning():
    warnings = []
    found = inspection_dates("13 to 24 May Lead inspector: Alex Example", warnings, year=2019)
    assert (found.start.iso(), found.end.iso(), found.days_on_site) == ("2019-05-13", "2019-05-24", 12)
    assert warnings == ["the inspection dates print no year; 2019 assumed"]


@pytest.mark.parametrize("printed, kept, warned", [
    ("8 June 2026 to 19 June 2062", ("2026-06-08", None), "2062-06-19 is not possible"),
    ("8 June 2025 to 19 June 2026", ("2025-06-08", None), "376 days after its start"),
    ("8 to 19 June 2206", (None, None), "2206-06-08 is not possible"),
    ("8 June 2014 to 19 June 2014", (None, None), "2014-06-08 is not possible"),
])
def test_a_date_with_a_typing_error_in_its_year_is_warned_about_and_not_stored(printed, kept, warned):
    warnings = []
    found = inspection_dates(printed, warnings)
    assert (found.start and found.start.iso(), found.end and found.end.iso()) == kept
    assert any(warned in w and "not stored" in w for w in warnings), warnings


def test_mistyped_dates_on_page_one_give_way_to_the_running_header_of_page_two():
    pages = list(pages_of("york-2025-04-15.pdf"))
    assert "Inspection dates: 24 February 2025 to 7 March 2025" in normalise(pages[0])
    pages[0] = pages[0].replace("24 February 2025", "24 February 2205", 1)
    record = ilacs.parse(pages, "york.pdf")
    assert (record.start_date.iso(), record.end_date.iso()) == ("2025-02-24", "2025-03-07")
    assert "inspection dates read from the running header of page 2" in record.warnings
    assert any("2205-02-24 is not possible" in w for w in record.warnings)


@pytest.mark.parametrize("printed, names", [
    ("Lead inspectors: Rebecca Quested, His Majesty's Inspector, and Matthew Reed, His Majesty's Inspector "
     "Judgement Grade", ["Rebecca Quested", "Matthew Reed"]),
    ("Lead inspector: Paula Thomson-Jones HMI Judgement Grade", ["Paula Thomson-Jones"]),
    ("Lead inspector: Alex Example, His Majesty's Inspector, and Alex Example (HMI) Judgement Grade",
     ["Alex Example"]),
    ("Lead inspector: Alex Example Senior His Majesty's Inspector The local authority has improved its services "
     "since the last inspection, when", ["Alex Example"]),
    ("Lead inspector: Children in Exampleshire are well served by the local authority's services", []),
])
def test_lead_inspectors_are_names_only_each_once(printed, names):
    assert opening.lead_inspectors(printed) == names


def test_two_lead_inspectors_are_both_read_from_a_real_report():
    assert parsed("stoke-on-trent-2022-11-25.pdf").inspectors == ["Rebecca Quested", "Matthew Reed"]
