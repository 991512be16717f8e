"""The 2012-13 looked after children parser, on the Norfolk report (July 2013)."""


import pytest

from inspections.importing.families import lac
from inspections.importing.readers.common import normalise
from inspections.importing.readers.text import read_path
from inspections.importing.records import ParseError, PartialDate
from tests.conftest import REPORTS, seed_path

NORFOLK = REPORTS / "norfolk-2013-08-16.pdf"
LAC = "Services for looked after children"

# Written out from the report's "Record of main findings" (page 23) and its graded headings.
NORFOLK_JUDGEMENTS = [
    (LAC, "Overall effectiveness", "Inadequate", "children_in_care"),
    (LAC, "Capacity to improve", "Inadequate", "none"),
    (LAC, "Outcomes for looked after children and young people", "Inadequate", "none"),
    (LAC, "Quality of provision", "Inadequate", "none"),
    (LAC, "Leadership and management", "Inadequate", "leadership"),
]


def head_of(pages):
    return normalise(" ".join(pages[:2]))


@pytest.fixture(scope="module")
def pages():
    return read_path(NORFOLK).pages


@pytest.fixture(scope="module")
def norfolk(pages):
    return lac.parse(pages, NORFOLK.name)


def test_it_detects_the_2012_13_report(pages):
    assert lac.detect(head_of(pages))


@pytest.mark.parametrize("path", [
    seed_path("000"), seed_path("001"), seed_path("002"), seed_path("003"), seed_path("004"),
    REPORTS / "leicester-2015-03-20.pdf", REPORTS / "leicester-2017-09-04.pdf", REPORTS / "leeds-2018-12-18.pdf",
], ids=lambda path: path.name)
def test_it_does_not_detect_documents_of_other_families(path):
    assert not lac.detect(head_of(read_path(path).pages))


def test_it_reads_the_cover(norfolk):
    assert (norfolk.document_type, norfolk.framework, norfolk.inspection_kind) == ("lac", "lac", "full")
    assert norfolk.authority == "Norfolk County Council"
    assert norfolk.title == "Inspection of looked after children services"
    assert (norfolk.start_date, norfolk.end_date) == (PartialDate(2013, 7, 8), PartialDate(2013, 7, 12))
    assert norfolk.published == PartialDate(2013, 8, 16)
    assert norfolk.inspectors == ["Gary Lamb"]


def test_it_reads_the_five_judgements(norfolk):
    assert [(j.section, j.area, j.grade, j.strand) for j in norfolk.judgements] == NORFOLK_JUDGEMENTS
    assert norfolk.warnings == []


def test_a_heading_wrapped_over_two_lines_is_matched_to_its_table_row(norfolk):
    # "Overall effectiveness of services for looked after children and young people" spans two lines on page 6.
    assert norfolk.judgements[0].source_ref == "page 6, paragraph 8"
    assert norfolk.judgements[2].source_ref == "page 10, paragraph 16"


def test_running_headers_are_not_read_as_content(norfolk):
    assert not any("Norfolk County Council" in a.text for a in norfolk.areas_for_improvement)


def test_it_reads_17_areas_for_improvement_by_timescale(norfolk):
    scales = [a.timescale for a in norfolk.areas_for_improvement]
    assert scales == ["immediately"] * 6 + ["within_three_months"] * 4 + ["within_six_months"] * 7
    first, last = norfolk.areas_for_improvement[0], norfolk.areas_for_improvement[-1]
    assert first.source_ref == "page 8, paragraph 15, item 1"
    assert first.theme == "leadership-corporate-parenting"
    assert last.source_ref == "page 9, paragraph 15, item 17"
    assert last.text.endswith("to inform service improvement")


def test_an_item_split_across_pages_is_one_item(norfolk):
    ninth = norfolk.areas_for_improvement[8]
    assert ninth.text.startswith("ensure that social workers always provide a written report")
    assert "wishes, feelings and aspirations" in ninth.text
    assert ninth.source_ref == "page 8, paragraph 15, item 9"


def test_it_cites_the_2011_grade_for_looked_after_children(norfolk):
    assert len(norfolk.earlier_grades) == 1
    cited = norfolk.earlier_grades[0]
    assert cited.date == PartialDate(2011)
    assert (cited.section, cited.area, cited.grade) == (LAC, "Overall effectiveness", "Adequate")
    assert (cited.strand, cited.framework) == ("children_in_care", "slac")
    assert cited.source_ref == "page 6, paragraph 11"


def test_a_truncated_report_raises_a_clear_parse_error(pages):
    with pytest.raises(ParseError, match="norfolk.pdf: could not find the inspection dates"):
        lac.parse([pages[0].split("Inspection dates")[0]], "norfolk.pdf")

