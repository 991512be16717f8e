"""ILACS after the April 2026 reform: four judgements, no overall effectiveness, national framework tags."""

from functools import cache

import pytest

from inspections.importing.families import ilacs
from inspections.importing.readers.text import read_path
from tests.national import REPORTS

RI = "Requires improvement to be good"
LEADERS = ("The impact of leaders on social work practice with children and families", "leadership")
HELP = ("The experiences and progress of children who need help and protection", "help_and_protection")
CARE = ("The experiences and progress of children in care", "children_in_care")
LEAVERS = ("The experiences and progress of care leavers", "care_leavers")
OUTCOME_2 = "outcome 2, national framework"
LEADERS_ENABLER = "enabler: leaders drive conditions for effective practice, national framework"

# Read from the reports themselves.
EXPECTED = {
    "brent-2026-06-17.pdf": dict(
        grades=("Good", "Good", "Good", "Good"), dates=("2026-04-27", "2026-05-01"), kind="short",
        lead="Monique Lindsay",
        tags=["Outcome 2, national framework", "Outcome 2, national framework", "Outcome 4, national framework",
              "Outcome 4, national framework"],
        earlier=[("2023", "overall", "Good")],
    ),
    "trafford-2026-08-03.pdf": dict(
        grades=("Inadequate", "Inadequate", "Good", RI), dates=("2026-06-08", "2026-06-19"), kind="standard",
        lead="Leanne Cooper",
        tags=[OUTCOME_2] * 4 + [LEADERS_ENABLER] * 2 + ["outcome 1, national framework"]
        + ["outcome 4, national framework"] * 2,
        earlier=[("2022", "overall", RI)],
    ),
}
NAMES = sorted(EXPECTED)


@cache
def pages_of(name):
    return tuple(read_path(REPORTS / name).pages)


@cache
def parsed(name):
    return ilacs.parse(list(pages_of(name)), name)


@pytest.mark.parametrize("name", NAMES)
def test_it_reads_the_four_judgements_and_no_overall_effectiveness(name):
    record, expected = parsed(name), EXPECTED[name]
    assert [(j.area, j.strand, j.grade) for j in record.judgements] == [
        (*label, grade) for label, grade in zip((LEADERS, HELP, CARE, LEAVERS), expected["grades"])
    ]
    assert record.framework_version == "2026"
    assert not [w for w in record.warnings if "judgement" in w or "overall" in w], record.warnings


@pytest.mark.parametrize("name", NAMES)
def test_it_reads_the_opening_as_before(name):
    record, expected = parsed(name), EXPECTED[name]
    assert (record.start_date.iso(), record.end_date.iso()) == expected["dates"]
    assert (record.inspection_kind, record.inspectors) == (expected["kind"], [expected["lead"]])


@pytest.mark.parametrize("name", NAMES)
def test_the_earlier_overall_grade_it_cites_is_an_earlier_grade_not_a_judgement(name):
    record = parsed(name)
    assert [(g.date.iso(), g.strand, g.grade) for g in record.earlier_grades] == EXPECTED[name]["earlier"]
    assert "overall" not in {j.strand for j in record.judgements}


@pytest.mark.parametrize("name", NAMES)
def test_each_improvement_carries_its_national_framework_tag_outside_its_text(name):
    areas = parsed(name).areas_for_improvement
    assert [a.national_framework_tag for a in areas] == EXPECTED[name]["tags"]
    for area in areas:
        assert "national framework" not in area.text.lower()
        assert not area.text.endswith(("(", ","))


def test_an_item_keeps_its_words_when_the_tag_follows_its_full_stop():
    areas = parsed("brent-2026-06-17.pdf").areas_for_improvement
    assert areas[2].text == "The consistency and quality of life-story work for children in long-term care."
    assert parsed("trafford-2026-08-03.pdf").areas_for_improvement[0].text == (
        "Quality of contacts, timeliness and allocation response"
    )


def with_start(name, printed, dates):
    pages = list(pages_of(name))
    assert printed in pages[0]
    pages[0] = pages[0].replace(printed, dates, 1)
    return ilacs.parse(pages, name)


def test_the_start_date_decides_an_inspection_begun_before_april_2026_keeps_its_overall_row():
    # Sandwell's 2025 report, as though its inspection had begun in March 2026 and been published later.
    record = with_start("sandwell-2025-12-02.pdf", "13 to 24 October 2025", "23 March to 3 April 2026")
    assert record.framework_version == "2023"
    assert [j.strand for j in record.judgements][-1] == "overall"
    reformed = with_start("sandwell-2025-12-02.pdf", "13 to 24 October 2025", "13 to 24 April 2026")
    assert reformed.framework_version == "2026"
    assert "overall" not in {j.strand for j in reformed.judgements}
    assert any("overall effectiveness grade is printed" in w for w in reformed.warnings)


@pytest.mark.parametrize("short, full", [
    ("The impact of leaders on practice", LEADERS),
    ("Help and protection", HELP),
    ("Children in care", CARE),
    ("Care leavers", LEAVERS),
])
def test_it_reads_a_judgement_under_its_shortened_label(short, full):
    page = pages_of("trafford-2026-08-03.pdf")[0]
    printed = {LEADERS: "The impact of leaders on social work \npractice with children and families",
               HELP: "The experiences and progress of \nchildren who need help and protection",
               CARE: "The experiences and progress of \nchildren in care",
               LEAVERS: "The experiences and progress of care \nleavers"}[full]
    assert printed in page
    pages = [page.replace(printed, short, 1), *pages_of("trafford-2026-08-03.pdf")[1:]]
    record = ilacs.parse(pages, "trafford.pdf")
    assert [(j.area, j.grade) for j in record.judgements] == [
        (label[0], grade) for label, grade in zip((LEADERS, HELP, CARE, LEAVERS), EXPECTED["trafford-2026-08-03.pdf"]["grades"])
    ]


@pytest.mark.parametrize("text, expected", [
    ("Timeliness of visits (outcome 2, national framework)", ("Timeliness of visits", "outcome 2, national framework")),
    ("Timeliness of visits. (Outcome four: National Framework)",
     ("Timeliness of visits.", "Outcome four: National Framework")),
    ("Leaders' oversight (enabler: leaders drive conditions for effective practice)",
     ("Leaders' oversight", "enabler: leaders drive conditions for effective practice")),
    ("Visits to children (including those placed out of area).",
     ("Visits to children (including those placed out of area).", "")),
])
def test_a_tag_is_read_only_where_it_closes_the_item(text, expected):
    assert ilacs.national_framework_tag(text) == expected



def test_a_running_header_with_a_mistyped_year_stays_out_of_the_findings():
    findings = parsed("trafford-2026-08-03.pdf").findings
    assert "8 June to 19 June 26" in pages_of("trafford-2026-08-03.pdf")[1]
    assert findings and not [f.source_ref for f in findings if "19 June 26" in f.text]


def test_an_empty_overall_effectiveness_row_in_a_2026_table_gives_no_judgement():
    pages = list(pages_of("trafford-2026-08-03.pdf"))
    pages[0] = pages[0].replace("leavers\nRequires improvement to be good \n",
                                "leavers\nRequires improvement to be good \nOverall effectiveness\n", 1)
    assert "Overall effectiveness" in pages[0]
    record = ilacs.parse(pages, "trafford.pdf")
    assert [j.strand for j in record.judgements] == ["leadership", "help_and_protection", "children_in_care",
                                                     "care_leavers"]
