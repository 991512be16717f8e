"""The focused visit letter parser, on the seven focused visit letters in the shared reports (2018-2023)."""

import pytest

from inspections.importing.families import focused, monitoring, self_evaluation
from inspections.importing.readers.common import normalise
from inspections.importing.readers.text import read_path
from inspections.importing.records import ParseError, PartialDate
from tests.conftest import REPORTS, seed_path

RI = "Requires improvement to be good"

# Read from each letter: authority as printed, visit days, letter date, inspectors (lead first), the start of
# the theme in the letter's words, theme slug, strand, findings, items under "What needs to improve", and the
# overall grade of the earlier inspection the letter cites.
LETTERS = {
    "leeds-2018-02-22": dict(
        authority="Leeds City Council", start=(2018, 1, 30), end=(2018, 1, 31), published=(2018, 2, 22),
        inspectors=["Nigel Parkes", "Kate Malleson"], theme_text="the quality of matching, placement and decision-making",
        theme="placement-stability-sufficiency", strand="children_in_care", findings=15, areas=2, cited=[],
    ),
    "leeds-2021-08-31": dict(
        authority="Leeds", start=(2021, 7, 20), end=(2021, 7, 21), published=(2021, 8, 31),
        inspectors=["Victoria Horsefield", "Matt Reed"], theme_text="the front door, including decision-making",
        theme="early-help-front-door", strand="help_and_protection", findings=15, areas=3, cited=[],
    ),
    "leicester-2019-02-14": dict(
        authority="Leicester city council", start=(2019, 1, 22), end=(2019, 1, 22), published=(2019, 2, 14),
        inspectors=["Rachel Griffiths", "Julie Knight"], theme_text="children in need and those subject to",
        theme="children-in-need-protection", strand="help_and_protection", findings=12, areas=2, cited=[((2017, 7), RI)],
    ),
    "leicester-2023-01-30": dict(
        authority="Leicester", start=(2022, 12, 13), end=(2022, 12, 14), published=(2023, 1, 30),
        inspectors=["Rachel Griffiths", "Victoria Horsefield"], theme_text="the 'front door'",
        theme="early-help-front-door", strand="help_and_protection", findings=17, areas=3, cited=[((2021, 9), "Good")],
    ),
    "leicestershire-2018-11-02": dict(
        authority="Leicestershire", start=(2018, 10, 10), end=(2018, 10, 11), published=(2018, 11, 2),
        inspectors=["Rachel Griffiths", "Dawn Godfrey"], theme_text="children who need help and protection",
        theme="early-help-front-door", strand="help_and_protection", findings=14, areas=5, cited=[((2016,), RI)],
    ),
    "leicestershire-2022-03-02": dict(
        authority="Leicestershire County Council", start=(2022, 1, 26), end=(2022, 1, 27), published=(2022, 3, 2),
        inspectors=["Victoria Horsefield", "Julie Knight"], theme_text="children in need and those subject to",
        theme="children-in-need-protection", strand="help_and_protection", findings=15, areas=2, cited=[((2019, 9), RI)],
    ),
    "leicestershire-2023-06-16": dict(
        authority="Leicestershire", start=(2023, 5, 11), end=(2023, 5, 12), published=(2023, 6, 16),
        inspectors=["Rachel Griffiths", "Nhlanganiso Nyathi"], theme_text="children in care, with a particular focus on",
        theme="care-planning-permanence", strand="children_in_care", findings=19, areas=0, cited=[((2019, 9), RI)],
    ),
}
# Letters from 2020 on write findings as paragraphs, and PDF text keeps no blank line between them: where a
# paragraph ends on a full line, two paragraphs can read as one (or one as two). Bulleted letters are exact.
PARAGRAPH_TOLERANCE = {"leeds-2021-08-31": 1, "leicestershire-2022-03-02": 1}

_parsed = {}


def _letter(name):
    if name not in _parsed:
        path = REPORTS / f"{name}-focused-visit.pdf"
        _parsed[name] = focused.parse(read_path(path).pages, path.name)
    return _parsed[name]


def _head(path):
    return normalise(" ".join(read_path(path).pages[:2]))


@pytest.mark.parametrize("name", LETTERS)
def test_it_reads_the_letters_facts(name):
    record, expected = _letter(name), LETTERS[name]
    assert record.document_type == "focused_visit"
    assert (record.inspection_kind, record.framework) == ("focused_visit", "ilacs")
    assert record.authority == expected["authority"]
    assert record.start_date == PartialDate(*expected["start"])
    assert record.end_date == PartialDate(*expected["end"])
    assert record.published == PartialDate(*expected["published"])
    assert record.inspectors == expected["inspectors"]
    assert record.title.startswith("Focused visit to ")


@pytest.mark.parametrize("name", LETTERS)
def test_it_reads_the_theme_in_the_letters_words(name):
    record, expected = _letter(name), LETTERS[name]
    assert record.theme_text.startswith(expected["theme_text"])
    assert record.theme == expected["theme"]
    assert record.strand == expected["strand"]


@pytest.mark.parametrize("name", LETTERS)
def test_it_reads_findings_and_what_needs_to_improve(name):
    record, expected = _letter(name), LETTERS[name]
    assert abs(len(record.findings) - expected["findings"]) <= PARAGRAPH_TOLERANCE.get(name, 0)
    assert len(record.areas_for_improvement) == expected["areas"]
    assert {f.kind for f in record.findings} == {"finding"}
    assert {a.timescale for a in record.areas_for_improvement} <= {"none"}
    assert record.verdict == ""
    assert record.warnings == []


@pytest.mark.parametrize("name", LETTERS)
def test_it_records_the_earlier_grade_the_letter_cites(name):
    cited = [(g.date, g.area, g.grade) for g in _letter(name).earlier_grades]
    expected = [(PartialDate(*date), "Overall effectiveness", grade) for date, grade in LETTERS[name]["cited"]]
    assert cited == expected
    assert _letter(name).follows is None


def test_it_keeps_bullets_and_their_order_in_a_2018_letter():
    record = _letter("leeds-2018-02-22")
    assert [f.source_ref for f in record.findings][:3] == ["bullet 1", "bullet 2", "bullet 3"]
    assert record.findings[0].text.startswith("Children and young people are in regular contact")
    pep = record.areas_for_improvement[1]
    assert pep.text.startswith("Personal Education Plans are of variable quality.")
    assert pep.source_ref == "what needs to improve, item 2"
    assert pep.theme == "education-virtual-school"


def test_it_takes_an_indented_paragraph_into_the_bullet_above_it():
    record = _letter("leicester-2019-02-14")
    model = record.findings[1]
    assert model.text.startswith("Staff are enthusiastic about the model of practice")
    assert "'mapping' meetings" in model.text


def test_it_reads_the_paragraphs_of_a_pandemic_era_letter():
    record = _letter("leeds-2021-08-31")
    first = record.findings[0]
    assert first.source_ref == "page 2, paragraph 1"
    assert first.text.startswith("Leeds has experienced high rates of COVID-19")
    assert record.areas_for_improvement[1].theme == "supervision-oversight"


def test_it_joins_a_bullet_across_a_page_break_and_leaves_the_footer_out():
    record = _letter("leeds-2018-02-22")
    performance = next(f for f in record.findings if f.text.startswith("Performance management information is used"))
    assert "carefully analysed and the results are used" in performance.text
    assert performance.text.endswith("accessible to a wider audience.")
    assert not any("Piccadilly Gate" in f.text or "ofsted.gov.uk" in f.text for f in record.findings)


def test_it_lists_the_focus_bullets_in_the_theme():
    theme_text = _letter("leicestershire-2023-06-16").theme_text
    assert "permanence planning for children in care" in theme_text
    assert theme_text.endswith("the experiences of disabled children in care")


@pytest.mark.parametrize("name", LETTERS)
def test_it_recognises_each_letter_and_no_other_family_does(name):
    head = _head(REPORTS / f"{name}-focused-visit.pdf")
    assert focused.detect(head)
    assert not monitoring.detect(head)
    assert not self_evaluation.detect(head)


@pytest.mark.parametrize(
    "path",
    [seed_path("000"), seed_path("001"), seed_path("002"), seed_path("003"), seed_path("004"),
     REPORTS / "leeds-2015-03-27.pdf", REPORTS / "leeds-2022-05-09.pdf"],
    ids=lambda p: p.name,
)
def test_it_rejects_other_families(path):
    assert not focused.detect(_head(path))


def test_it_refuses_a_letter_whose_visit_dates_are_cut_out():
    pages = read_path(REPORTS / "leicestershire-2018-11-02-focused-visit.pdf").pages
    pages = [page.replace("on 10 and 11 October 2018", "") for page in pages]
    with pytest.raises(ParseError, match="visit dates"):
        focused.parse(pages, "cut.pdf")


# A pandemic "assurance visit" letter written for this test, with the headings such letters can carry.
ASSURANCE_LETTER = """5 November 2020

Dear Mr Example

Assurance visit to Borsetshire children's services

This letter summarises the findings of the assurance visit to Borsetshire children's services on 6 and 7 October 2020. Her Majesty's Inspectors for this visit were Ann Example and Ben Sample.

Inspectors looked at the local authority's arrangements for care leavers, including pathway plans.

Headline findings

Most care leavers have a personal adviser they know well.

Areas for priority action

The suitability of accommodation for care leavers aged over 18.

What needs to improve?

The quality of pathway plans.

Strengths

Personal advisers keep in touch with care leavers during lockdown.

Main findings

Too many care leavers live in unsuitable accommodation.

Yours sincerely

Ann Example
Her Majesty's Inspector
"""


def test_it_reads_an_assurance_visit_with_priority_actions_and_strengths():
    assert focused.detect(normalise(ASSURANCE_LETTER))
    record = focused.parse([ASSURANCE_LETTER], "assurance.txt")
    assert record.authority == "Borsetshire"
    assert record.start_date == PartialDate(2020, 10, 6)
    assert record.inspectors == ["Ann Example", "Ben Sample"]
    assert (record.theme, record.strand) == ("care-leavers", "care_leavers")
    assert [a.source_ref for a in record.areas_for_improvement] == [
        "areas for priority action, item 1", "what needs to improve, item 1",
    ]
    assert [(f.kind, f.text[:20]) for f in record.findings] == [
        ("strength", "Personal advisers ke"), ("finding", "Too many care leaver"),
    ]


@pytest.mark.parametrize("name, theme", [
    # "children in need and those subject to a child protection plan": the service, not the quality of plans.
    ("leicestershire-2022-03-02", "children-in-need-protection"),
    ("leicester-2019-02-14", "children-in-need-protection"),
    # "children who need help and protection. Specifically, inspectors looked at the 'front door' ...".
    ("leicestershire-2018-11-02", "early-help-front-door"),
    # "children in care, with a particular focus on: ... permanence planning ...".
    ("leicestershire-2023-06-16", "care-planning-permanence"),
])
def test_a_visit_s_theme_is_what_the_letter_says_it_looked_at(name, theme):
    record = _letter(name)
    assert record.theme == theme, record.theme_text
