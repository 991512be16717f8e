"""ILACS reports (2018 on) from the real PDFs and seed 002: judgement table, kind, improvements, earlier grades."""

import json
import re
import textwrap
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

from inspections.importing.families import ilacs, sif
from inspections.importing.readers import paragraphs
from inspections.importing.readers.common import normalise
from inspections.importing.readers.earlier_grades import find_earlier_grades
from inspections.importing.readers.text import read_path
from inspections.importing.records import ParseError, PartialDate
from tests.conftest import REPORTS, seed_path

RI = "Requires improvement to be good"
LEADERS = ("The impact of leaders on social work practice with children and families", "leadership")
HELP = ("The experiences and progress of children who need help and protection", "help_and_protection")
CARE_AND_LEAVERS = ("The experiences and progress of children in care and care leavers", "children_in_care")
CARE = ("The experiences and progress of children in care", "children_in_care")
LEAVERS = ("The experiences and progress of care leavers", "care_leavers")


def before_2023(leaders, help_, care, overall):
    return [(*LEADERS, leaders), (*HELP, help_), (*CARE_AND_LEAVERS, care),
            ("Overall effectiveness", "overall", overall)]


def from_2023(leaders, help_, care, leavers, overall):
    return [(*LEADERS, leaders), (*HELP, help_), (*CARE, care), (*LEAVERS, leavers),
            ("Overall effectiveness", "overall", overall)]


LEICESTERSHIRE_2024 = dict(
    authority="Leicestershire County Council", dates=("2024-04-22", "2024-05-03"), kind="standard",
    lead="Ceri Evans", judgements=from_2023("Outstanding", "Good", "Outstanding", "Outstanding", "Outstanding"),
    areas=2, earlier=[("2019", "Overall effectiveness", "overall", RI, "ilacs")],
)
# Written out from reading each report.
EXPECTED = {
    "seed 002": LEICESTERSHIRE_2024,
    "leicestershire-2024-07-12.pdf": LEICESTERSHIRE_2024,
    "leeds-2018-12-18.pdf": dict(
        authority="Leeds", dates=("2018-10-29", "2018-11-02"), kind="short", lead="Matt Reed",
        judgements=before_2023("Outstanding", "Outstanding", "Good", "Outstanding"), areas=4, earlier=[],
    ),
    "leicestershire-2019-11-04.pdf": dict(
        authority="Leicestershire County Council", dates=("2019-09-23", "2019-10-04"), kind="standard",
        lead="Kate Malleson", judgements=before_2023("Good", RI, "Good", RI), areas=6,
        earlier=[("2016", "Overall effectiveness", "overall", RI, "sif")],
    ),
    "leicester-2021-11-12.pdf": dict(
        authority="Leicester City Council", dates=("2021-09-20", "2021-10-01"), kind="standard",
        lead="Neil Penswick", judgements=before_2023("Good", "Good", "Good", "Good"), areas=5,
        earlier=[("2017", "Overall effectiveness", "overall", RI, "sif")],
    ),
    "leeds-2022-05-09.pdf": dict(
        authority="Leeds", dates=("2022-02-21", "2022-03-04"), kind="standard", lead="Louise Hollick",
        judgements=before_2023("Outstanding", "Good", "Outstanding", "Outstanding"), areas=2,
        earlier=[("2018", "Overall effectiveness", "overall", "Outstanding", "ilacs")],
    ),
    "barnsley-2023-10-27.pdf": dict(
        authority="Barnsley", dates=("2023-09-11", "2023-09-15"), kind="short", lead="Anna Gravelle",
        judgements=from_2023("Good", RI, "Good", "Good", "Good"), areas=4,
        earlier=[("2018", "Overall effectiveness", "overall", "Good", "ilacs")],
    ),
    "leicester-2025-01-29.pdf": dict(
        authority="Leicester City Council", dates=("2024-09-23", "2024-09-27"), kind="short", lead="Tom Anthony",
        judgements=from_2023(RI, RI, RI, RI, RI), areas=5, earlier=[],
    ),
    "dorset-2025-05-09.pdf": dict(
        authority="Dorset", dates=("2025-03-17", "2025-03-21"), kind="short", lead="Sarah Canto",
        judgements=from_2023("Outstanding", "Outstanding", "Outstanding", "Good", "Outstanding"), areas=1,
        earlier=[("2021", "Overall effectiveness", "overall", "Good", "ilacs")],
    ),
    "leeds-2025-08-12.pdf": dict(
        authority="Leeds City", dates=("2025-06-30", "2025-07-04"), kind="short", lead="Catherine Heron",
        judgements=from_2023("Outstanding", "Good", "Outstanding", "Outstanding", "Outstanding"), areas=2,
        earlier=[],
    ),
}
NAMES = sorted(EXPECTED)


@cache
def pages_of(name):
    path = seed_path("002") if name == "seed 002" else REPORTS / name
    return tuple(read_path(path).pages)


@cache
def parsed(name):
    return ilacs.parse(list(pages_of(name)), name)


def head_of(pages):
    return normalise(" ".join(pages[:2]))


@pytest.mark.parametrize("name", NAMES)
def test_it_detects_an_ilacs_report_and_sif_does_not_claim_it(name):
    head = head_of(pages_of(name))
    assert ilacs.detect(head)
    assert not sif.detect(head)


@pytest.mark.parametrize("name", ["leicester-2017-09-04.pdf", "barnsley-2014-08-08.pdf",
                                  "leeds-2021-08-31-focused-visit.pdf", "leicestershire-2018-11-02-focused-visit.pdf"])
def test_it_does_not_claim_a_sif_report_or_a_focused_visit_letter(name):
    assert not ilacs.detect(head_of(pages_of(name)))


@pytest.mark.parametrize("name", NAMES)
def test_it_reads_the_authority_dates_kind_and_lead_inspector(name):
    record, expected = parsed(name), EXPECTED[name]
    assert (record.document_type, record.framework) == ("ilacs", "ilacs")
    assert record.authority == expected["authority"]
    assert (record.start_date.iso(), record.end_date.iso()) == expected["dates"]
    assert record.inspection_kind == expected["kind"]
    assert record.inspectors == [expected["lead"]]


@pytest.mark.parametrize("name", NAMES)
def test_it_reads_every_judgement_with_overall_effectiveness_last(name):
    record = parsed(name)
    assert [(j.area, j.strand, j.grade) for j in record.judgements] == EXPECTED[name]["judgements"]
    assert {j.section for j in record.judgements} == {""}
    assert not [w for w in record.warnings if "table says" in w or "judgements found" in w], record.warnings


@pytest.mark.parametrize("name", NAMES)
def test_it_lists_what_needs_to_improve(name):
    areas = parsed(name).areas_for_improvement
    assert len(areas) == EXPECTED[name]["areas"]
    assert all(a.timescale == "none" for a in areas)
    assert [a.source_ref.split(", ")[1] for a in areas] == [f"item {n}" for n in range(1, len(areas) + 1)]


def test_each_improvement_keeps_its_page_and_theme():
    seed = parsed("seed 002").areas_for_improvement
    pdf = parsed("leicestershire-2024-07-12.pdf").areas_for_improvement
    assert [a.text for a in seed] == [a.text for a in pdf]
    assert seed[1].text == "Timeliness of initial child protection conferences."
    assert seed[1].theme == "icpc-timeliness"
    assert seed[0].theme == "pre-proceedings-plo"
    assert (seed[0].source_ref, pdf[0].source_ref) == ("page 1, item 1", "page 2, item 1")


def test_an_improvement_ends_before_the_first_judgement_heading():
    last = parsed("dorset-2025-05-09.pdf").areas_for_improvement[-1]
    assert last.text.endswith("including for care leavers who are parents.")
    assert last.national_framework_tag == "Outcome four, National Framework"
    assert "experiences and progress" not in last.text


@pytest.mark.parametrize("name", NAMES)
def test_it_records_the_earlier_grades_the_report_cites(name):
    got = [(g.date.iso(), g.area, g.strand, g.grade, g.framework) for g in parsed(name).earlier_grades]
    assert got == EXPECTED[name]["earlier"]


@pytest.mark.parametrize("sentence, expected", [
    ("At the last standard inspection in 2018, the local authority was judged to require improvement to be good.",
     ("2018", "Overall effectiveness", RI, "ilacs")),
    ("The council was last inspected in March 2018, when it was judged good overall.",
     ("2018-03", "Overall effectiveness", "Good", "ilacs")),
    ("At the previous inspection in 2021, help and protection was judged to be good.",
     ("2021", HELP[0], "Good", "ilacs")),
    ("Since the last inspection in 2019, services for children in care have improved and are now judged to be good.",
     None),
    ("Since the last inspection in 2021, services have declined.", None),
])
def test_it_records_only_the_grade_the_sentence_gives_the_earlier_inspection(sentence, expected):
    found = [(g.date.iso(), g.area, g.grade, g.framework)
             for g in find_earlier_grades([(1, sentence)], PartialDate(2024, 5))]
    assert found == ([expected] if expected else [])


def test_the_kind_comes_from_the_dates_with_a_warning_when_the_text_does_not_name_it():
    record = parsed("leeds-2018-12-18.pdf")
    assert record.inspection_kind == "short"
    assert "inspection kind 'short' inferred from 5 days on site; the text does not name it" in record.warnings


def made_up_report(table, extra=""):
    """A page in the layout of an ILACS report, in our own words."""
    return [
        "Inspection of Exampleshire local authority children's services\n"
        "Inspection dates: 6 to 17 March 2023\n"
        "Lead inspector: Alex Example, His Majesty's Inspector\n"
        "Judgement Grade\n" + table + "\nServices have changed a great deal.\n" + extra
        + "What needs to improve?\n- The speed of visits.\n"
        "The experiences and progress of children who need help and protection: good\n1. Visits are made."
    ]


def test_it_reads_a_table_the_pdf_gave_column_by_column():
    labels = "\n".join(area for area, _ in (LEADERS, HELP, CARE, LEAVERS)) + "\nOverall effectiveness"
    record = ilacs.parse(made_up_report(labels + "\nGood\nGood\nOutstanding\nRequires improvement\nto be good\nGood"))
    assert [j.grade for j in record.judgements] == ["Good", "Good", "Outstanding", RI, "Good"]
    assert sum("column of grades" in w for w in record.warnings) == 5


def test_it_reads_labels_broken_over_lines_with_footnote_digits():
    table = ("The impact of leaders on social work practice with\nchildren and families1 Good\n"
             "The experiences and progress of children who\nneed help and protection Requires\nimprovement to be good\n"
             "The experiences and progress of\nchildren in care Good\nThe experiences and progress of care\nleavers2\n"
             "Inadequate\nOverall effectiveness Requires improvement to be good")
    record = ilacs.parse(made_up_report(table))
    assert [j.grade for j in record.judgements] == ["Good", RI, "Good", "Inadequate", RI]
    assert record.inspection_kind == "standard"


def test_it_reads_improvements_whose_bullets_the_pdf_lost():
    page = made_up_report("\n".join(f"{area} Good" for area, _ in (LEADERS, HELP, CARE, LEAVERS))
                          + "\nOverall effectiveness Good")[0]
    page = page.replace("- The speed of visits.", "The speed of visits.\nThe quality of\nplans for children.")
    areas = ilacs.parse([page]).areas_for_improvement
    assert [a.text for a in areas] == ["The speed of visits.", "The quality of plans for children."]


@pytest.mark.parametrize("mention, kind", [
    ("This short inspection took place over two weeks.", "short"),
    ("At the last short inspection in 2019, things were good.", "standard"),
    ("Since the short inspection in 2019, much has changed.", "standard"),
])
def test_a_kind_the_text_names_for_this_inspection_wins_over_the_dates(mention, kind):
    table = "\n".join(f"{area} Good" for area, _ in (LEADERS, HELP, CARE, LEAVERS)) + "\nOverall effectiveness Good"
    record = ilacs.parse(made_up_report(table, extra=mention + "\n"))
    assert record.inspection_kind == kind
    assert bool([w for w in record.warnings if "inferred" in w]) == (kind == "standard")


@pytest.mark.parametrize("name, printed, changed, area", [
    ("leeds-2022-05-09.pdf", "protection: good", "protection: outstanding", HELP[0]),
    ("leeds-2022-05-09.pdf", "leavers: outstanding", "leavers: good", CARE_AND_LEAVERS[0]),
    ("barnsley-2023-10-27.pdf", "children in care: good", "children in care: inadequate", CARE[0]),
    ("barnsley-2023-10-27.pdf", "care leavers: good", "care leavers: inadequate", LEAVERS[0]),
    ("barnsley-2023-10-27.pdf", "families: good", "families: outstanding", LEADERS[0]),
])
def test_it_warns_when_a_judgement_heading_disagrees_with_the_table(name, printed, changed, area):
    assert not [w for w in parsed(name).warnings if "table says" in w]
    pages = [page.replace(printed, changed, 1) if index else page for index, page in enumerate(pages_of(name))]
    record = ilacs.parse(pages, name)
    assert [w.split(":")[0] for w in record.warnings if "table says" in w] == [area]


def test_it_takes_a_grade_missing_from_the_table_from_the_judgements_heading():
    pages = list(pages_of("dorset-2025-05-09.pdf"))
    pages[0] = pages[0].replace("leavers\nGood\n", "leavers\n", 1)
    record = ilacs.parse(pages, "dorset.pdf")
    leavers = record.judgements[3]
    assert (leavers.area, leavers.grade, leavers.source_ref) == (LEAVERS[0], "Good", "judgement heading in the body")
    assert f"{LEAVERS[0]}: no grade in the table; taken from its heading" in record.warnings


@pytest.mark.parametrize("width", [23, 41, 200])
@pytest.mark.parametrize("name", NAMES)
def test_it_reads_the_same_judgements_however_page_one_is_wrapped(name, width):
    pages = list(pages_of(name))
    pages[0] = "\n".join(textwrap.wrap(" ".join(pages[0].split()), width))
    rewrapped = ilacs.parse(pages, name)
    assert [(j.area, j.grade) for j in rewrapped.judgements] == [(j.area, j.grade) for j in parsed(name).judgements]


def test_it_raises_a_clear_error_when_the_judgement_table_is_missing():
    pages = list(pages_of("leeds-2022-05-09.pdf"))
    lines = pages[0].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Judgement"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Overall effectiveness"))
    pages[0] = "\n".join(lines[:start] + lines[end + 1:])
    with pytest.raises(ParseError, match=r"leeds.pdf: could not find the judgement table \(Judgement \| Grade\)"):
        ilacs.parse(pages, "leeds.pdf")


def test_it_raises_a_clear_error_without_the_authority():
    pages = list(pages_of("dorset-2025-05-09.pdf"))
    pages[0] = pages[0].replace("Inspection of Dorset local authority", "Report on the local authority")
    with pytest.raises(ParseError, match="dorset.pdf: not an ILACS report"):
        ilacs.parse(pages, "dorset.pdf")



# Numbered paragraphs as findings ----------------------------------------------------------------------------

# The last paragraph number each report prints, read from the reports.
PARAGRAPHS = {
    "seed 002": 67, "leicestershire-2024-07-12.pdf": 67, "leeds-2018-12-18.pdf": 33,
    "leicestershire-2019-11-04.pdf": 51, "leicester-2021-11-12.pdf": 46, "leeds-2022-05-09.pdf": 43,
    "barnsley-2023-10-27.pdf": 53, "leicester-2025-01-29.pdf": 57, "dorset-2025-05-09.pdf": 59,
    "leeds-2025-08-12.pdf": 64,
}
CURATED = Path(settings.BASE_DIR) / "improvement" / "curated" / "leicestershire-2018.json"


def paragraph_numbers(record):
    return [int(re.fullmatch(r"page \d+, paragraph (\d+)", f.source_ref).group(1)) for f in record.findings]


@pytest.mark.parametrize("name", NAMES)
def test_its_numbered_paragraphs_run_from_one_to_the_last_without_gaps(name):
    record = parsed(name)
    assert paragraph_numbers(record) == list(range(1, PARAGRAPHS[name] + 1))
    assert not [w for w in record.warnings if "paragraph" in w]


@pytest.mark.parametrize("name", NAMES)
def test_each_paragraph_is_one_whole_line_without_its_number_furniture_or_boilerplate(name):
    record = parsed(name)
    for finding in record.findings:
        assert finding.kind == "finding"
        assert finding.text == normalise(finding.text)
        assert not re.match(r"\d+\.", finding.text)
        assert finding.text.endswith((".", ")", "'")), finding.source_ref
        assert not re.search(r"Inspection of .*services|Office for Standards|What needs to improve", finding.text)
    # Most paragraphs name a theme's keywords.
    assert sum(f.theme is not None for f in record.findings) > 0.6 * len(record.findings)


@pytest.mark.parametrize("name", NAMES)
def test_the_findings_leave_out_the_improvements_and_the_judgement_table(name):
    record = parsed(name)
    for area in record.areas_for_improvement:
        assert not any(area.text.lower() in f.text.lower() for f in record.findings)
    assert not any(f.text.lower().startswith(("judgement grade", "the impact of leaders on social work"))
                   for f in record.findings)


def test_a_finding_keeps_the_page_it_starts_on_and_its_theme():
    findings = parsed("leicestershire-2024-07-12.pdf").findings
    assert findings[5].source_ref == "page 3, paragraph 6"
    assert findings[0].source_ref == "page 2, paragraph 1"
    assert findings[0].theme == "early-help-front-door"
    assert all(f.source_ref.startswith("page 1, ") for f in parsed("seed 002").findings)


def test_a_paragraph_runs_on_over_a_page_break_past_a_footnote():
    fourth = parsed("leeds-2025-08-12.pdf").findings[3]
    assert fourth.source_ref == "page 2, paragraph 4"
    assert "parental consent is well understood" in fourth.text.lower()
    assert "cross-referenced" not in fourth.text
    assert "stages of the referral process" in parsed("seed 002").findings[4].text


def test_the_curated_evidence_phrases_are_found_in_seed_002s_findings():
    def phrases(node):
        if isinstance(node, dict):
            if node.get("kind") == "finding" and "contains" in node:
                yield node["contains"]
            for value in node.values():
                yield from phrases(value)
        elif isinstance(node, list):
            for value in node:
                yield from phrases(value)

    texts = [f.text.lower() for f in parsed("seed 002").findings]
    wanted = set(phrases(json.loads(CURATED.read_text())))
    assert len(wanted) >= 10
    assert [phrase for phrase in sorted(wanted) if not any(phrase.lower() in text for text in texts)] == []


def test_it_reads_numbers_without_a_space_or_printed_after_the_first_words():
    lines = [(1, line) for line in [
        "The experiences and progress of care leavers: good",
        "1. Young people have a made-up first paragraph",
        "that wraps onto a second line.",
        "2.A second paragraph with no space after its number; it cites",
        "3. per cent of something, a figure at a line start.",
        "- Made-up third paragraph 3. whose number the text tool moved.",
        "The impact of leaders on social work practice with children and",
        "families: outstanding",
        "4. Leaders lead. See also the words",
        "99. at a line start, which are not a paragraph.",
        "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates",
    ]]
    found = [(p.number, p.text) for p in paragraphs.numbered_paragraphs(lines)]
    assert found == [
        (1, "Young people have a made-up first paragraph that wraps onto a second line."),
        (2, "A second paragraph with no space after its number; it cites 3. per cent of something, a figure at a "
            "line start."),
        (3, "Made-up third paragraph whose number the text tool moved."),
        (4, "Leaders lead. See also the words 99. at a line start, which are not a paragraph."),
    ]
    assert paragraphs.gaps([paragraphs.Paragraph(1, 1, "a"), paragraphs.Paragraph(3, 1, "b")]) == [2]
