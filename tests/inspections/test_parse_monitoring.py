"""The monitoring visit letter parser, on seed 004 (Leicester City, visit April 2017) and a letter in the later style."""

import pytest

from inspections.importing import focused, monitoring, self_evaluation
from inspections.importing.common import normalise
from inspections.importing.records import EarlierGrade, ParseError, PartialDate
from inspections.importing.text import read_path
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
