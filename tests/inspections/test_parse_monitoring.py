"""The monitoring visit letter parser, on seed 004 (Leicester City, visit April 2017) and a letter in the later style."""

import textwrap

import pytest

from inspections.importing.families import focused, monitoring, self_evaluation
from inspections.importing.readers.common import normalise
from inspections.importing.readers.text import read_path
from inspections.importing.records import EarlierGrade, ParseError, PartialDate
from tests.conftest import REPORTS, seed_path


def _pages(path):
    return read_path(path).pages


def _head(path):
    return normalise(" ".join(_pages(path)[:2]))


@pytest.fixture(scope="module")
def record():
    return monitoring.parse(_pages(seed_path("004")), "004.txt")


def test_it_reads_the_letter_as_a_sif_monitoring_visit(record):
    assert record.document_type == "monitoring_visit"
    assert record.inspection_kind == "monitoring_visit"
    assert record.framework == "sif"
    assert record.title == "Monitoring visit to Leicester City Council children's services"


def test_it_reads_the_authority_as_printed(record):
    assert record.authority == "Leicester City Council"


def test_it_reads_the_letter_date_and_the_two_visit_days(record):
    assert record.published == PartialDate(2017, 6, 13)
    assert record.start_date == PartialDate(2017, 4, 26)
    assert record.end_date == PartialDate(2017, 4, 27)


def test_it_names_the_inspectors_lead_first(record):
    assert record.inspectors == ["Julie Knight", "Dawn Godfrey"]


def test_it_reads_the_focus_in_the_letters_words_and_maps_it_to_a_theme(record):
    assert record.theme_text.startswith("care planning for children")
    assert "Public Law Outline" in record.theme_text
    assert record.theme == "pre-proceedings-plo"
    assert record.strand == "help_and_protection"


def test_it_reads_the_verdict_on_progress(record):
    assert record.verdict == "steady progress"


def test_it_reads_the_fourteen_findings_bullet_by_bullet(record):
    assert len(record.findings) == 14
    assert [f.source_ref for f in record.findings] == [f"bullet {n}" for n in range(1, 15)]
    assert {f.kind for f in record.findings} == {"finding"}
    assert record.findings[0].text.startswith("The local authority continues to make steady progress")
    assert record.findings[13].text.startswith("Audit activity helps senior managers")


def test_it_joins_a_bullet_that_a_page_break_cut_in_two(record):
    workforce = record.findings[8]
    assert workforce.text.startswith("The implementation of a workforce strategy")
    assert workforce.text.endswith("filled with permanent appointments.")
    assert workforce.theme == "workforce-stability"


def test_it_gives_each_finding_its_own_theme(record):
    themes = {f.source_ref: f.theme for f in record.findings}
    assert themes["bullet 2"] == "performance-quality-assurance"
    assert themes["bullet 8"] == "caseloads"


def test_it_records_the_inadequate_inspection_the_visits_follow(record):
    expected = EarlierGrade(
        date=PartialDate(2015, 3), area="Overall effectiveness", grade="Inadequate", strand="overall",
        framework="sif", source_ref="opening",
    )
    assert record.follows == expected
    assert expected in record.earlier_grades
    assert record.warnings == []


def test_it_recognises_the_letter_and_no_other_family(record):
    assert monitoring.detect(_head(seed_path("004")))
    assert not focused.detect(_head(seed_path("004")))
    assert not self_evaluation.detect(_head(seed_path("004")))


@pytest.mark.parametrize(
    "path",
    [
        seed_path("000"),  # 2009-12 inspection
        seed_path("001"),  # safeguarding follow-up
        seed_path("002"),  # ILACS report
        seed_path("003"),  # self-evaluation
        REPORTS / "leicester-2015-03-20.pdf",  # SIF report
        REPORTS / "leicester-2021-11-12.pdf",  # ILACS report
        REPORTS / "leicester-2019-02-14-focused-visit.pdf",
    ],
    ids=lambda p: p.name,
)
def test_it_rejects_other_families(path):
    assert not monitoring.detect(_head(path))


def test_it_refuses_a_letter_whose_visit_dates_are_cut_out():
    pages = [page.replace("on 26 and 27 April 2017", "") for page in _pages(seed_path("004"))]
    with pytest.raises(ParseError, match="visit dates"):
        monitoring.parse(pages, "cut.txt")


def test_it_refuses_a_letter_without_the_authority():
    pages = [
        page.replace("Monitoring visit to Leicester City Council children's services", "")
        .replace("visit to Leicester City Council children's services on", "visit on")
        for page in _pages(seed_path("004"))
    ]
    with pytest.raises(ParseError, match="authority"):
        monitoring.parse(pages, "cut.txt")


# A letter in the ILACS style (2018 on), written for this test: findings as paragraphs, no bullets.
LATER_LETTER = """12 March 2020

Director of Children's Services
Borsetshire County Council

Dear Ms Example

Monitoring visit to Borsetshire County Council children's services

This letter summarises the findings of the monitoring visit to Borsetshire County Council children's services on 4 and 5 February 2020. This was the second monitoring visit since the local authority was judged inadequate in May 2019. The visit was carried out by Her Majesty's Inspectors Ben Sample and Ann Example.

Areas covered by the visit

Inspectors reviewed the progress made in the quality of help for children at the front door, including contacts and referrals.

Overview

The local authority has made slow progress since the last visit.

Findings and evaluation of progress

Managers now check every contact on the day it arrives.

Some referrals still wait too long for a decision.

Yours sincerely

Ann Example
Her Majesty's Inspector
"""


def test_it_reads_a_later_letter_with_paragraph_findings():
    record = monitoring.parse([LATER_LETTER], "later.txt")
    assert record.framework == "ilacs"
    assert record.authority == "Borsetshire County Council"
    assert (record.start_date, record.end_date) == (PartialDate(2020, 2, 4), PartialDate(2020, 2, 5))
    assert record.inspectors == ["Ann Example", "Ben Sample"]  # the lead signs the letter
    assert record.theme == "early-help-front-door"
    assert record.verdict == "slow progress"
    assert [f.source_ref for f in record.findings] == ["page 1, paragraph 1", "page 1, paragraph 2"]
    assert record.follows.date == PartialDate(2019, 5)
    assert record.follows.framework == "ilacs"


# ILACS-era letters (2018 on), written for these tests in the layout Ofsted uses: "Areas covered by the visit",
# "Headline findings" (where the judgement on progress lives), then "Findings and progress" as paragraphs.
ILACS_LETTER = [
    ("para", "7 December 2022"),
    ("para", "Jo Bloggs"),
    ("para", "Director of Children's Services"),
    ("para", "Barchester City Council"),
    ("salutation", "Dear Jo"),
    ("heading", "Monitoring visit to Barchester City Council children's services"),
    ("para", "This letter summarises the findings of the monitoring visit to Barchester City Council children's "
             "services on 8 and 9 November 2022. This was the third monitoring visit since the local authority "
             "was judged inadequate in February 2021. His Majesty's Inspectors for this visit were Kay Tester "
             "and Lee Sample."),
    ("heading", "Areas covered by the visit"),
    ("para", "The focus of the monitoring visit was children in need and those subject to a child protection "
             "plan. In particular, inspectors looked at these matters:"),
    ("bullet", "How well managers oversee plans."),
    ("bullet", "Whether visits to babies happen on time."),
    ("heading", "Headline findings"),
    ("para", "Senior leaders know where practice falls short and have sharpened their plans. Progress since the "
             "last visit has been slow, however, and some children still wait too long for help."),
    ("para", "A new director has steadied the service and the council has found more money for it."),
    ("heading", "Findings and progress"),
    ("para", "Social workers see children often and speak warmly about them. Most records are up to date."),
    ("para", "The quality of assessments varies a great deal between teams. Few of them weigh up risk well, "
             "and the history of each family is rarely set out in a chronology that helps the worker."),
    ("para", "Managers sign off plans, but their notes rarely say what must happen next."),
    ("para", "Caseloads have come down in most teams, and the council relies less on agency staff."),
    ("para", "Ofsted will take the findings from this monitoring visit into account when planning your next "
             "inspection or visit."),
    ("para", "Yours sincerely"),
    ("para", "Kay Tester"),
    ("para", "His Majesty's Inspector"),
]
FURNITURE = ["Ofsted", "Piccadilly Gate", "Store Street", "Manchester", "M1 2WD", "T 0300 123 1231",
             "www.gov.uk/ofsted"]


def _as_text(parts):
    """One page, a paragraph a line with blank lines between, as PDF-to-text tools give."""
    return ["\n\n".join(f"- {text}" if kind == "bullet" else text for kind, text in parts) + "\n"]


def _as_pdf(parts, width=88, split_at=15):
    """Pages as PDF text gives them: lines wrapped (a trailing space on each wrapped line), no blank lines,
    bullets in a symbol font, Ofsted's address on the first page and page numbers."""
    pages = [[], []]
    for index, (kind, text) in enumerate(parts):
        lines = textwrap.wrap(text, width - (2 if kind == "bullet" else 0))
        lines = [line + " " for line in lines[:-1]] + lines[-1:]
        if kind == "bullet":
            lines[0] = "\uf0b7 " + lines[0]
        pages[index >= split_at].extend(lines)
    pages[0] = pages[0] + FURNITURE
    pages[1] = ["2"] + pages[1]
    return ["\n".join(page) for page in pages]


def _with(parts, old, new):
    return [(kind, text.replace(old, new)) for kind, text in parts]


@pytest.fixture(scope="module", params=["text", "pdf"])
def ilacs_record(request):
    pages = _as_text(ILACS_LETTER) if request.param == "text" else _as_pdf(ILACS_LETTER)
    return monitoring.parse(pages, f"ilacs.{request.param}")


def test_it_reads_the_heading_of_an_ilacs_letter(ilacs_record):
    assert ilacs_record.framework == "ilacs"
    assert ilacs_record.authority == "Barchester City Council"
    assert ilacs_record.published == PartialDate(2022, 12, 7)
    assert (ilacs_record.start_date, ilacs_record.end_date) == (PartialDate(2022, 11, 8), PartialDate(2022, 11, 9))
    assert ilacs_record.inspectors == ["Kay Tester", "Lee Sample"]


def test_it_reads_the_focus_of_an_ilacs_letter_from_the_areas_covered(ilacs_record):
    assert ilacs_record.theme_text == "children in need and those subject to a child protection plan"
    assert ilacs_record.strand == "help_and_protection"
    assert ilacs_record.theme is not None


def test_it_reads_the_headline_and_main_findings_as_numbered_paragraphs(ilacs_record):
    findings = ilacs_record.findings
    assert len(findings) == 6
    assert [f.source_ref.split(", ")[-1] for f in findings] == [f"paragraph {n}" for n in range(1, 7)]
    assert findings[0].text.startswith("Senior leaders know where practice falls short")
    assert findings[3].text.endswith("set out in a chronology that helps the worker.")
    assert findings[5].text.endswith("relies less on agency staff.")  # the closing lines are left out
    assert {f.kind for f in findings} == {"finding"}
    assert findings[5].theme == "caseloads"


def test_it_reads_the_verdict_from_the_headline_findings(ilacs_record):
    assert ilacs_record.verdict == "progress has been slow"


def test_it_records_the_inadequate_inspection_an_ilacs_letter_follows(ilacs_record):
    assert ilacs_record.follows.date == PartialDate(2021, 2)
    assert ilacs_record.follows.grade == "Inadequate"
    assert ilacs_record.warnings == []


def test_it_numbers_pdf_paragraphs_by_page():
    record = monitoring.parse(_as_pdf(ILACS_LETTER), "ilacs.pdf")
    assert [f.source_ref.split(",")[0] for f in record.findings] == ["page 1"] * 2 + ["page 2"] * 4


def test_it_reads_inspectors_named_as_carrying_out_the_visit():
    parts = _with(
        ILACS_LETTER, "His Majesty's Inspectors for this visit were Kay Tester and Lee Sample",
        "The visit was carried out by His Majesty's Inspectors Kay Tester, Lee Sample and Sam Other",
    )
    for pages in (_as_text(parts), _as_pdf(parts)):
        assert monitoring.parse(pages, "carried.txt").inspectors == ["Kay Tester", "Lee Sample", "Sam Other"]


def test_it_reads_findings_under_findings_and_evaluation_of_progress():
    parts = _with(ILACS_LETTER, "Findings and progress", "Findings and evaluation of progress")
    for pages in (_as_text(parts), _as_pdf(parts)):
        record = monitoring.parse(pages, "evaluation.txt")
        assert len(record.findings) == 6
        assert record.verdict == "progress has been slow"


def test_it_reads_a_focus_listed_after_the_areas_inspectors_reviewed():
    parts = _with(
        ILACS_LETTER,
        "The focus of the monitoring visit was children in need and those subject to a child protection "
        "plan. In particular, inspectors looked at these matters:",
        "Inspectors reviewed the progress made by the local authority in the following areas:",
    )
    record = monitoring.parse(_as_text(parts), "areas.txt")
    assert record.theme_text == "how well managers oversee plans; whether visits to babies happen on time"


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ("Since the last visit, leaders have made steady progress.", "steady progress"),
        ("Leaders continue to make progress in most areas.", "continue to make progress"),
        ("The pace of improvement has been too slow for many children.", "pace of improvement has been too slow"),
        ("The council has made significant progress since the last visit.", "significant progress"),
        ("The local authority has not made enough progress.", "not made enough progress"),
    ],
)
def test_it_reads_the_verdict_in_the_letters_own_words(sentence, verdict):
    parts = _with(
        ILACS_LETTER, "Progress since the last visit has been slow, however, and some", f"{sentence} Some"
    )
    assert monitoring.parse(_as_text(parts), "verdict.txt").verdict == verdict
