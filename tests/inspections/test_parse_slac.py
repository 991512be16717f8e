"""The 2009-12 safeguarding and looked after children parser, on seed 000 (full) and seed 001 (follow-up)."""

import textwrap

import pytest

from inspections.importing.families import slac
from inspections.importing.readers.common import normalise
from inspections.importing.readers.text import read_path
from inspections.importing.records import ParseError, PartialDate
from tests.conftest import REPORTS, seed_path

SG = "Safeguarding services"
LAC = "Services for looked after children"

# Written out from the "Record of main findings" of seed 000 (Leicester City, Nov-Dec 2011).
LEICESTER_JUDGEMENTS = [
    (SG, "Overall effectiveness", "Adequate", "help_and_protection"),
    (SG, "Capacity for improvement", "Good", "none"),
    (SG, "Children and young people are safe and feel safe", "Adequate", "none"),
    (SG, "Quality of provision", "Adequate", "none"),
    (SG, "The contribution of health agencies to keeping children and young people safe", "Good", "none"),
    (SG, "Ambition and prioritisation", "Good", "none"),
    (SG, "Leadership and management", "Good", "leadership"),
    (SG, "Performance management and quality assurance", "Adequate", "none"),
    (SG, "Partnership working", "Good", "none"),
    (SG, "Equality and diversity", "Good", "none"),
    (LAC, "Overall effectiveness", "Good", "children_in_care"),
    (LAC, "Capacity for improvement", "Good", "none"),
    (LAC, "Being healthy", "Outstanding", "none"),
    (LAC, "Staying safe", "Good", "none"),
    (LAC, "Enjoying and achieving", "Adequate", "none"),
    (LAC, "Making a positive contribution, including user engagement", "Good", "none"),
    (LAC, "Economic well-being", "Adequate", "care_leavers"),
    (LAC, "Quality of provision", "Adequate", "none"),
    (LAC, "Ambition and prioritisation", "Good", "none"),
    (LAC, "Leadership and management", "Good", "leadership"),
    (LAC, "Performance management and quality assurance", "Adequate", "none"),
    (LAC, "Equality and diversity", "Good", "none"),
]

# Seed 001 (Leeds follow-up, Sep 2011): eight graded headings in the text, plus "Equality and diversity",
# which only the findings table grades.
LEEDS_JUDGEMENTS = [
    (SG, "Overall effectiveness", "Adequate", "help_and_protection"),
    (SG, "Capacity for improvement", "Good", "none"),
    (SG, "Children and young people are safe and feel safe", "Adequate", "none"),
    (SG, "Quality of provision", "Adequate", "none"),
    (SG, "Ambition and prioritisation", "Good", "none"),
    (SG, "Leadership and management", "Good", "leadership"),
    (SG, "Performance management and quality assurance", "Good", "none"),
    (SG, "Partnership working", "Adequate", "none"),
    (SG, "Equality and diversity", "Good", "none"),
]

# The December 2009 full inspection's grades, as the follow-up cites them: (section, area, grade, strand, paragraph).
LEEDS_EARLIER = [
    (SG, "Overall effectiveness", "Inadequate", "help_and_protection", 1),
    (LAC, "Overall effectiveness", "Adequate", "children_in_care", 1),
    (SG, "Quality of provision", "Inadequate", "none", 32),
    (SG, "Ambition and prioritisation", "Adequate", "none", 44),
    (SG, "Leadership and management", "Inadequate", "leadership", 47),
    (SG, "Performance management and quality assurance", "Inadequate", "none", 52),
]


def seed_text(prefix):
    return seed_path(prefix).read_text(encoding="utf-8")


def head_of(pages):
    return normalise(" ".join(pages[:2]))


def judgements_of(record):
    return [(j.section, j.area, j.grade, j.strand) for j in record.judgements]


def pdf_like(text, running_header, width=70, per_page=45):
    """The seed laid out as a PDF extraction gives it: wrapped paragraphs, Wingdings bullets, page furniture."""
    lines = []
    for raw in text.splitlines():
        bullet = raw.startswith("- ")
        body = raw[2:] if bullet else raw
        wrapped = (textwrap.wrap(body, width) if bullet or body[:1].isdigit() else [body]) or [""]
        if bullet:
            wrapped[0] = "\uf0a7 " + wrapped[0]
        lines.extend(wrapped)
    pages = []
    for number, start in enumerate(range(0, len(lines), per_page), start=1):
        header = [f"{running_header} {number}"] if number > 1 else []
        pages.append("\n".join(header + lines[start:start + per_page] + [str(number)]))
    return pages


@pytest.fixture(scope="module")
def leicester():
    return slac.parse(read_path(seed_path("000")).pages, "000.txt")


@pytest.fixture(scope="module")
def leeds():
    return slac.parse(read_path(seed_path("001")).pages, "001.txt")


def test_it_detects_the_full_inspection_and_the_follow_up():
    assert slac.detect(head_of(read_path(seed_path("000")).pages))
    assert slac.detect(head_of(read_path(seed_path("001")).pages))


@pytest.mark.parametrize("path", [
    seed_path("002"), seed_path("003"), seed_path("004"),
    REPORTS / "norfolk-2013-08-16.pdf", REPORTS / "leeds-2015-03-27.pdf", REPORTS / "leeds-2022-05-09.pdf",
    REPORTS / "leeds-2018-02-22-focused-visit.pdf",
], ids=lambda path: path.name)
def test_it_does_not_detect_documents_of_other_families(path):
    assert not slac.detect(head_of(read_path(path).pages))


def test_it_reads_the_cover_of_the_full_inspection(leicester):
    assert leicester.document_type == "safeguarding_lac"
    assert (leicester.framework, leicester.inspection_kind) == ("slac", "full")
    assert leicester.authority == "Leicester City"
    assert leicester.title == "Inspection of safeguarding and looked after children services"
    assert leicester.start_date == PartialDate(2011, 11, 28)
    assert leicester.end_date == PartialDate(2011, 12, 9)
    assert leicester.published == PartialDate(2012, 1, 25)
    assert leicester.inspectors == ["Sheena Doyle"]


def test_it_reads_all_22_judgements_of_both_sections(leicester):
    assert judgements_of(leicester) == LEICESTER_JUDGEMENTS
    assert leicester.warnings == []


def test_area_names_are_unique_within_each_section(leicester):
    pairs = [(j.section, j.area) for j in leicester.judgements]
    assert len(pairs) == len(set(pairs))


def test_each_judgement_points_at_the_paragraph_that_explains_it(leicester):
    refs = {(j.section, j.area): j.source_ref for j in leicester.judgements}
    assert refs[(SG, "Overall effectiveness")] == "page 1, paragraph 11"
    assert refs[(LAC, "Being healthy")] == "page 1, paragraph 76"
    # The extraction lost this paragraph's number; it sits between 57 and 59.
    assert refs[(SG, "Leadership and management")] == "page 1, paragraph 58"
    assert refs[(LAC, "Equality and diversity")] == "page 1, record of main findings"


def test_it_reads_17_areas_for_improvement_by_timescale(leicester):
    scales = [a.timescale for a in leicester.areas_for_improvement]
    assert scales == (
        ["immediately"] * 3 + ["within_three_months"] * 5 + ["within_six_months"] * 3  # safeguarding
        + ["immediately"] + ["within_three_months"] * 5  # looked after children
    )
    refs = [a.source_ref for a in leicester.areas_for_improvement]
    assert refs[0] == "page 1, paragraph 20, item 1"
    assert refs[11] == "page 1, paragraph 75, item 1"


def test_an_item_whose_bullet_was_lost_is_still_an_item(leicester):
    third = leicester.areas_for_improvement[2]
    assert third.text.startswith("ensure that all investigations overseen by the LADO")
    assert third.timescale == "immediately"
    assert leicester.areas_for_improvement[1].text.endswith("continues to meet the child's needs")


def test_areas_for_improvement_get_a_theme_from_their_words(leicester):
    def theme_of(start):
        return next(a.theme for a in leicester.areas_for_improvement if a.text.startswith(start))

    assert theme_of("ensure that the LSCB has robust") == "partnership-safeguarding-board"
    assert theme_of("ensure that management oversight") == "supervision-oversight"


def test_the_full_inspection_cites_no_earlier_grades(leicester):
    # It mentions the last unannounced inspection of contact and referral, which was not graded.
    assert leicester.earlier_grades == []


def test_the_follow_up_is_read_as_a_follow_up(leeds):
    assert leeds.document_type == "safeguarding_followup"
    assert (leeds.framework, leeds.inspection_kind) == ("safeguarding_followup", "follow_up")
    assert leeds.authority == "Leeds"
    assert (leeds.start_date, leeds.end_date) == (PartialDate(2011, 9, 12), PartialDate(2011, 9, 16))
    assert leeds.published == PartialDate(2011, 10, 10)
    assert leeds.inspectors == ["Robert Hackeson"]
    assert leeds.warnings == []


def test_the_follow_up_gives_the_safeguarding_judgements_only(leeds):
    assert judgements_of(leeds) == LEEDS_JUDGEMENTS


def test_the_follow_up_reads_8_areas_for_improvement(leeds):
    scales = [a.timescale for a in leeds.areas_for_improvement]
    assert scales == ["within_three_months"] * 6 + ["within_six_months"] * 2
    assert leeds.areas_for_improvement[1].text == "improve the timescales for initial children protection conferences"
    assert leeds.areas_for_improvement[-1].source_ref == "page 1, paragraph 23, item 8"


def test_the_follow_up_cites_the_grades_of_the_december_2009_inspection(leeds):
    cited = [(g.section, g.area, g.grade, g.strand, g.source_ref) for g in leeds.earlier_grades]
    assert cited == [(s, a, g, st, f"page 1, paragraph {n}") for s, a, g, st, n in LEEDS_EARLIER]
    assert {g.date for g in leeds.earlier_grades} == {PartialDate(2009, 12)}
    assert {g.framework for g in leeds.earlier_grades} == {"slac"}


def test_a_row_the_table_lost_is_filled_from_the_text():
    text = seed_text("000").replace("Staying safe\tGood", "", 1)
    record = slac.parse([text])
    assert judgements_of(record) == LEICESTER_JUDGEMENTS
    assert any("'Staying safe' is graded in the text but not in the table" in w for w in record.warnings)


def test_a_table_that_disagrees_with_the_text_gives_a_warning():
    text = seed_text("000").replace("Being healthy\tOutstanding", "Being healthy\tGood", 1)
    record = slac.parse([text])
    grades = {(j.section, j.area): j.grade for j in record.judgements}
    assert grades[(LAC, "Being healthy")] == "Good"
    assert any("'Being healthy' is Good in the findings table but Outstanding in the text" in w for w in record.warnings)


def test_a_table_extracted_column_by_column_falls_back_to_the_text():
    text = seed_text("001")
    table_at = text.rindex("Record of main findings")
    rows = [line.split("\t") for line in text[table_at:].splitlines()[2:] if line.strip()]
    labels = [row[0] for row in rows]
    grades = [row[1] for row in rows if len(row) > 1 and row[1]]
    record = slac.parse([text[:table_at] + "Record of main findings\n" + "\n".join(labels + grades)])
    assert judgements_of(record) == LEEDS_JUDGEMENTS[:-1]  # equality and diversity has no heading in the text
    assert any("column by column" in w for w in record.warnings)


def test_a_list_without_timescale_headings_is_kept_with_no_timescale():
    text = seed_text("001").replace("Within three months:\n", "").replace("Within six months:\n", "")
    record = slac.parse([text])
    assert [a.timescale for a in record.areas_for_improvement] == ["none"] * 8
    assert any("without a timescale heading" in w for w in record.warnings)


@pytest.mark.parametrize("prefix, header", [
    ("000", "Leicester City Inspection of safeguarding and looked after children services"),
    ("001", "Leeds Inspection of safeguarding"),
])
@pytest.mark.parametrize("width", [60, 85])
def test_a_pdf_like_layout_gives_the_same_facts(prefix, header, width):
    plain = slac.parse([seed_text(prefix)])
    laid_out = slac.parse(pdf_like(seed_text(prefix), header, width))
    assert judgements_of(laid_out) == judgements_of(plain)
    assert [(a.timescale, a.text) for a in laid_out.areas_for_improvement] == [
        (a.timescale, a.text) for a in plain.areas_for_improvement
    ]
    assert [(g.area, g.grade, g.date) for g in laid_out.earlier_grades] == [
        (g.area, g.grade, g.date) for g in plain.earlier_grades
    ]
    assert laid_out.judgements[0].source_ref.startswith("page ") and laid_out.judgements[0].source_ref != "page 1, paragraph 11"


def test_a_cover_without_dates_raises_a_clear_parse_error():
    cover = "\n".join(seed_text("000").splitlines()[:8])
    with pytest.raises(ParseError, match=r"short\.txt: could not find the inspection dates"):
        slac.parse([cover], "short.txt")


def test_a_cover_without_the_authority_raises_a_clear_parse_error():
    text = seed_text("000").replace("Leicester City\n", "", 1)
    with pytest.raises(ParseError, match="could not find the authority"):
        slac.parse([text], "x.txt")


def test_a_document_without_the_title_raises_a_clear_parse_error():
    with pytest.raises(ParseError, match="could not find the report title"):
        slac.parse(["Contents\nAbout this inspection 2"], "x.txt")

