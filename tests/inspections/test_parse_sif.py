"""SIF reports (2013-17), read from the real PDFs: judgements, the LSCB review, recommendations, earlier grades."""

import re
import textwrap
import time
from functools import cache

import pytest

from inspections.importing.families import ilacs, sif
from inspections.importing.readers.common import normalise
from inspections.importing.readers.earlier_grades import find_earlier_grades
from inspections.importing.readers.judgement_table import is_bullet
from inspections.importing.readers.text import read_path
from inspections.importing.records import ParseError, PartialDate
from tests.conftest import REPORTS

RI = "Requires improvement to be good"
LA = "The local authority"
LSCB = "Review of the Local Safeguarding Children Board"
HELP = ("Children who need help and protection", "help_and_protection")
CARE = ("Children looked after and achieving permanence", "children_in_care")
ADOPTION = ("Adoption performance", "none")
LEAVERS = ("Experiences and progress of care leavers", "care_leavers")
LEADERSHIP = ("Leadership, management and governance", "leadership")


def table(overall, help_, care, adoption, leavers, leadership, lscb=None):
    rows = [(LA, "Overall effectiveness", "overall", overall)]
    for (area, strand), grade in zip((HELP, CARE, ADOPTION, LEAVERS, LEADERSHIP),
                                     (help_, care, adoption, leavers, leadership)):
        rows.append((LA, area, strand, grade))
    if lscb:
        rows.append((LSCB, "Overall effectiveness of the LSCB", "none", lscb))
    return rows


# Written out from reading each report.
EXPECTED = {
    "barnsley-2014-08-08.pdf": dict(
        authority="Metropolitan Borough of Barnsley Council", dates=("2014-06-02", "2014-06-25"),
        published="2014-08-08", lead="Jansy Kelly", team=7, last_member="Sue Williams",
        judgements=table(RI, RI, RI, RI, "Good", RI, lscb=RI),
        areas=32, immediate=0, lscb_areas=7,
        earlier=[("2012-06", "Safeguarding services", "help_and_protection", "Inadequate", "slac"),
                 ("2012-06", "Services for looked after children", "children_in_care", "Adequate", "slac")],
    ),
    "leeds-2015-03-27.pdf": dict(
        authority="Leeds City Council", dates=("2015-01-20", "2015-02-11"), published="2015-03-27",
        lead="Tracey Metcalfe", team=9, last_member="Ian Young",
        judgements=table("Good", "Good", "Good", "Good", "Good", "Outstanding", lscb="Good"),
        areas=20, immediate=0, lscb_areas=5,
        earlier=[("2010-01", "Safeguarding services", "help_and_protection", "Inadequate", "slac"),
                 ("2010-01", "Services for looked after children", "children_in_care", "Adequate", "slac")],
    ),
    "leicester-2015-03-20.pdf": dict(
        authority="Leicester City", dates=("2015-01-14", "2015-02-04"), published="2015-03-20",
        lead="Carolyn Spray", team=8, last_member="Carmen Rodney",
        judgements=table("Inadequate", "Inadequate", RI, "Good", RI, "Inadequate", lscb="Inadequate"),
        areas=33, immediate=9, lscb_areas=9,
        earlier=[("2011-12", "Safeguarding services", "help_and_protection", "Adequate", "slac"),
                 ("2011-12", "Services for looked after children", "children_in_care", "Good", "slac")],
    ),
    "leicestershire-2017-02-13.pdf": dict(
        authority="Leicestershire", dates=("2016-11-14", "2016-12-08"), published="2017-02-13",
        lead="Carolyn Spray", team=11, last_member="Maire Atherton",
        judgements=table(RI, RI, RI, RI, RI, RI, lscb="Good"),
        areas=20, immediate=0, lscb_areas=3,
        earlier=[("2012-05", "Safeguarding services", "help_and_protection", RI, "slac"),
                 ("2012-05", "Services for looked after children", "children_in_care", "Good", "slac")],
    ),
    "leicester-2017-09-04.pdf": dict(
        authority="Leicester City Council", dates=("2017-06-19", "2017-07-13"), published="2017-09-04",
        lead="Julie Knight", team=6, last_member="Andy Whippey",
        judgements=table(RI, RI, RI, "Good", RI, "Good"),
        areas=11, immediate=0, lscb_areas=0,
        earlier=[("2015", "Overall effectiveness", "overall", "Inadequate", "sif"),
                 ("2015", *HELP, "Inadequate", "sif"),
                 ("2015", *CARE, RI, "sif"),
                 ("2015", *ADOPTION, "Good", "sif"),
                 ("2015", *LEAVERS, RI, "sif"),
                 ("2015", *LEADERSHIP, "Inadequate", "sif")],
    ),
}
REPORT_NAMES = sorted(EXPECTED)


@cache
def pages_of(name):
    return tuple(read_path(REPORTS / name).pages)


@cache
def parsed(name):
    return sif.parse(list(pages_of(name)), name)


def head_of(pages):
    return normalise(" ".join(pages[:2]))


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_it_detects_a_sif_report_and_ilacs_does_not_claim_it(name):
    head = head_of(pages_of(name))
    assert sif.detect(head)
    assert not ilacs.detect(head)


@pytest.mark.parametrize("name", ["leeds-2022-05-09.pdf", "barnsley-2023-10-27.pdf", "norfolk-2013-08-16.pdf",
                                  "leicester-2019-02-14-focused-visit.pdf"])
def test_it_does_not_claim_an_ilacs_report_a_2013_inspection_or_a_letter(name):
    assert not sif.detect(head_of(pages_of(name)))


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_it_reads_the_authority_dates_and_inspection_team(name):
    record, expected = parsed(name), EXPECTED[name]
    assert (record.document_type, record.framework, record.inspection_kind) == ("sif", "sif", "full")
    assert record.authority == expected["authority"]
    assert (record.start_date.iso(), record.end_date.iso()) == expected["dates"]
    assert record.published.iso() == expected["published"]
    assert record.inspectors[0] == expected["lead"]
    assert len(record.inspectors) == expected["team"]
    assert record.inspectors[-1] == expected["last_member"]
    assert record.title.startswith("Inspection of services for children in need of help and protection")


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_it_reads_every_judgement_with_its_section_strand_and_grade(name):
    record = parsed(name)
    got = [(j.section, j.area, j.strand, j.grade) for j in record.judgements]
    assert got == EXPECTED[name]["judgements"]
    assert not [w for w in record.warnings if "table says" in w], record.warnings


def test_it_names_the_lscb_in_the_section_of_its_review():
    lscb = parsed("leeds-2015-03-27.pdf").judgements[-1]
    assert "Local Safeguarding Children Board" in lscb.section
    assert lscb.source_ref == "page 49, LSCB judgement"


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_it_counts_the_recommendations_with_their_timescales(name):
    areas, expected = parsed(name).areas_for_improvement, EXPECTED[name]
    assert len(areas) == expected["areas"]
    assert sum(a.timescale == "immediately" for a in areas) == expected["immediate"]
    assert sum(a.source_ref.endswith("(LSCB)") for a in areas) == expected["lscb_areas"]
    assert all(a.timescale in ("immediately", "none") for a in areas)


def test_each_recommendation_keeps_its_page_number_and_theme():
    areas = {a.source_ref: a for a in parsed("leicester-2015-03-20.pdf").areas_for_improvement}
    health = areas["page 5, item 16"]
    assert health.text.startswith("Ensure that initial health assessments")
    assert health.theme == "health-of-children-in-care"
    assert areas["page 4, item 1"].timescale == "immediately"
    assert areas["page 4, item 7"].timescale == "none"
    assert areas["page 42, item 164 (LSCB)"].timescale == "immediately"


def test_it_stops_a_list_where_the_strengths_begin_although_the_numbering_runs_on():
    areas = parsed("barnsley-2014-08-08.pdf").areas_for_improvement
    numbers = [int(a.source_ref.split("item ")[1].split()[0]) for a in areas]
    assert numbers == list(range(10, 35)) + list(range(135, 142))
    assert areas[-8].text.endswith("in their current positions and future careers.")


def test_it_joins_an_items_sub_bullets_into_one_item():
    first = parsed("leicester-2015-03-20.pdf").areas_for_improvement[0]
    assert "performance data; clear monitoring" in first.text
    assert first.text.endswith("teams and individuals.")


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_it_records_the_earlier_grades_the_report_cites(name):
    got = [(g.date.iso(), g.area, g.strand, g.grade, g.framework) for g in parsed(name).earlier_grades]
    assert got == EXPECTED[name]["earlier"]


def made_up_report(overall_sentence, lscb_heading):
    """Pages in the layout of a SIF report, in our own words."""
    return [
        "1\nExampleshire County Council\n"
        "Inspection of services for children in need of help and protection, children looked after and care leavers\n"
        "and\nReview of the effectiveness of the local safeguarding children board1\n"
        "Inspection date: 1 February 2016 – 24 February 2016\nReport published: 5 April 2016\n"
        f"{overall_sentence}\n"
        "1. Children who need help and protection Requires improvement\n"
        "2. Children looked after and achieving\npermanence\nGood\n2.1 Adoption performance Good\n"
        "2.2 Experiences and progress of care leavers Requires\nimprovement\n"
        "3. Leadership, management and governance Inadequate\n",
        "2\nRecommendations\n1. Visit children on time.\nCare leavers\n2. Review every pathway plan.\n"
        "Summary for children and young people\n Services are getting better.\n",
        f"3\nThe Local Safeguarding Children Board (LSCB)\n{lscb_heading}\nRecommendations\n"
        "3. Audit cases with partners.\nInspection findings – the Local Safeguarding Children Board\n"
        "4. The board meets often.\nThe inspection team\nLead inspector: Alex Example HMI\n"
        "Team inspectors: Sam Sample HMI; Kim\nTest HMI\nQuality assurance manager: Pat Person\n",
    ]


@pytest.mark.parametrize("overall_sentence", [
    "The overall judgement is that children's services require improvement",
    "Children's services in Exampleshire require improvement to be good",
    "The overall judgement is requires improvement",
])
def test_it_reads_each_way_of_printing_the_overall_judgement(overall_sentence):
    record = sif.parse(made_up_report(overall_sentence, "The LSCB is good"), "made-up.pdf")
    assert [(j.area, j.grade) for j in record.judgements] == [
        ("Overall effectiveness", RI), (HELP[0], RI), (CARE[0], "Good"), (ADOPTION[0], "Good"), (LEAVERS[0], RI),
        (LEADERSHIP[0], "Inadequate"), ("Overall effectiveness of the LSCB", "Good"),
    ]
    assert [(a.source_ref, a.text) for a in record.areas_for_improvement] == [
        ("page 2, item 1", "Visit children on time."), ("page 2, item 2", "Review every pathway plan."),
        ("page 3, item 3 (LSCB)", "Audit cases with partners."),
    ]
    assert record.inspectors == ["Alex Example", "Sam Sample", "Kim Test"]


def test_it_reads_the_overall_judgement_from_a_table_row_when_no_sentence_gives_it():
    record = sif.parse(made_up_report("Overall effectiveness Inadequate", "The LSCB is good"), "made-up.pdf")
    assert (record.judgements[0].area, record.judgements[0].grade) == ("Overall effectiveness", "Inadequate")


@pytest.mark.parametrize("heading", ["The Local Safeguarding Children Board is inadequate",
                                     "The Local Safeguarding Children Board requires\nimprovement"])
def test_it_reads_the_lscb_judgement_from_its_heading(heading):
    record = sif.parse(made_up_report("The overall judgement is good", heading), "made-up.pdf")
    lscb = record.judgements[-1]
    assert (lscb.section, lscb.area, lscb.grade) == (LSCB, "Overall effectiveness of the LSCB",
                                                     "Inadequate" if "inadequate" in heading else RI)
    assert lscb.source_ref == "page 3, LSCB judgement"


def test_it_warns_when_the_title_names_an_lscb_review_but_no_judgement_is_found():
    record = sif.parse(made_up_report("The overall judgement is good", "Board findings"), "made-up.pdf")
    assert "LSCB" not in " ".join(j.area for j in record.judgements)
    assert "the title names an LSCB review but no LSCB judgement was found" in record.warnings


@pytest.mark.parametrize("sentence, expected", [
    ("Children's services were judged inadequate in March 2015.", ("2015-03", "overall", "Inadequate", "sif")),
    ("The council was judged to be inadequate at its last inspection in 2014.",
     ("2014", "overall", "Inadequate", "sif")),
    ("This is much improved, from being judged inadequate in 2008.", None),
    ("One home was judged to be outstanding in its most recent inspection.", None),
])
def test_it_reads_a_grade_cited_before_its_date_only_for_services(sentence, expected):
    found = [(g.date.iso(), g.strand, g.grade, g.framework)
             for g in find_earlier_grades([(3, sentence)], PartialDate(2016, 11))]
    assert found == ([expected] if expected else [])


def test_it_warns_when_the_table_and_the_body_disagree():
    pages = list(pages_of("leeds-2015-03-27.pdf"))
    pages[0] = pages[0].replace("3. Leadership, management and governance Outstanding",
                                "3. Leadership, management and governance Good")
    record = sif.parse(pages, "leeds.pdf")
    assert ("Leadership, management and governance", "Good") in [(j.area, j.grade) for j in record.judgements]
    assert any(w.startswith("Leadership, management and governance: the table says Good") for w in record.warnings)


def test_it_takes_a_grade_missing_from_the_table_from_the_body():
    pages = list(pages_of("leicester-2015-03-20.pdf"))
    pages[0] = pages[0].replace("1. Children who need help and protection Inadequate",
                                "1. Children who need help and protection", 1)
    record = sif.parse(pages, "leicester.pdf")
    help_ = record.judgements[1]
    assert (help_.area, help_.grade, help_.source_ref) == (HELP[0], "Inadequate", "judgement heading in the body")
    assert f"{HELP[0]}: no grade in the table; taken from the text" in record.warnings


@pytest.mark.parametrize("width", [23, 41, 200])
@pytest.mark.parametrize("name", REPORT_NAMES)
def test_it_reads_the_same_judgements_however_page_one_is_wrapped(name, width):
    pages = list(pages_of(name))
    pages[0] = "\n".join(textwrap.wrap(" ".join(pages[0].split()), width))
    rewrapped = sif.parse(pages, name)
    assert [(j.area, j.grade) for j in rewrapped.judgements] == [(j.area, j.grade) for j in parsed(name).judgements]


def test_it_raises_a_clear_error_when_the_judgement_table_is_missing():
    pages = list(pages_of("leicestershire-2017-02-13.pdf"))
    lines = pages[0].splitlines()
    keep = [line for line in lines if not line[:1].isdigit() and "permanence" not in line
            and "Requires improvement" not in line]
    pages[0] = "\n".join(keep)
    with pytest.raises(ParseError, match="leicestershire.pdf: could not find the judgement table"):
        sif.parse(pages, "leicestershire.pdf")


def test_it_raises_a_clear_error_without_the_inspection_dates():
    pages = list(pages_of("leeds-2015-03-27.pdf"))
    pages[0] = pages[0].replace("Inspection date:", "Visited:")
    with pytest.raises(ParseError, match="leeds.pdf: could not find the inspection dates"):
        sif.parse(pages, "leeds.pdf")



def test_a_re_inspection_title_leaves_the_authority_name_alone():
    pages = list(pages_of("leicester-2017-09-04.pdf"))
    pages[0] = pages[0].replace("Inspection of services for children", "Re-inspection of services for children", 1)
    record = sif.parse(pages, "leicester.pdf")
    assert record.authority == "Leicester City Council"
    assert record.title.startswith("Re-inspection of services")


def test_it_reads_the_grade_a_re_inspection_follows():
    pages = list(pages_of("leeds-2015-03-27.pdf"))
    assert (2014, "overall") not in [(g.date.year, g.strand) for g in sif.parse(pages, "leeds.pdf").earlier_grades]
    pages[1] = "We came back after a judgement of inadequate for overall effectiveness in 2014.\n" + pages[1]
    cited = [(g.date.year, g.strand, g.grade) for g in sif.parse(pages, "leeds.pdf").earlier_grades]
    assert (2014, "overall", "Inadequate") in cited


# Bullets (or numbered points) of the local authority's "Summary of findings", counted by reading each report;
# the 2017 reports have an executive summary in prose instead.
SUMMARY_FINDINGS = {
    "barnsley-2014-08-08.pdf": 9,
    "leeds-2015-03-27.pdf": 8,
    "leicester-2015-03-20.pdf": 10,
    "leicestershire-2017-02-13.pdf": 0,
    "leicester-2017-09-04.pdf": 0,
}


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_it_reads_each_bullet_of_the_local_authoritys_summary_of_findings_as_one_finding(name):
    record = parsed(name)
    findings = record.findings
    assert len(findings) == SUMMARY_FINDINGS[name]
    assert [f.source_ref.split(", ")[1] for f in findings] == [f"bullet {n}" for n in range(1, len(findings) + 1)]
    assert all(f.source_ref.startswith("page 3, ") and f.kind == "finding" for f in findings)
    for finding in findings:
        assert "\n" not in finding.text and finding.text == " ".join(finding.text.split())
        assert not is_bullet(finding.text) and not finding.text[:1].isdigit()
        assert not re.search(r"[\uf020-\uf0ff]|Inspection of services|because:$", finding.text)
        assert finding.text[:1].isupper() and finding.text.endswith(".")
    assert not {f.text for f in findings} & {a.text for a in record.areas_for_improvement}
    assert not [w for w in record.warnings if "finding" in w]


def test_the_summary_starts_under_its_sub_heading_and_skips_the_sub_headings_between():
    findings = parsed("leicester-2015-03-20.pdf").findings
    assert findings[0].text.startswith("There has been a corporate failure of leadership")
    assert findings[5].text.startswith("Social work practice is not robust")
    assert not any("Quality of practice" in f.text for f in findings)
    assert findings[3].theme == "performance-quality-assurance"


def test_it_leaves_the_lscbs_summary_of_findings_alone():
    texts = " ".join(f.text for f in parsed("leeds-2015-03-27.pdf").findings)
    assert "Services for care leavers are good" in texts
    assert "LSCB" not in texts


def test_a_summary_bullet_runs_on_across_a_page_break_without_the_page_number():
    pages = made_up_report("The overall judgement is good", "The LSCB is good")
    pages.insert(1, "2\nThe local authority\nSummary of findings\nServices are good because:\nQuality of practice\n"
                    "\uf0b7 Visits happen\non time.\nLeaders\n\uf0b7 Managers check\n")
    pages.insert(2, "3\nevery plan each month.\nWhat does the local authority need to improve?\n")
    got = [(f.source_ref, f.text) for f in sif.parse(pages, "made-up.pdf").findings]
    assert got == [("page 2, bullet 1", "Visits happen on time."),
                   ("page 2, bullet 2", "Managers check every plan each month.")]


def test_a_report_without_a_summary_of_findings_gives_no_findings_and_no_error():
    record = sif.parse(made_up_report("The overall judgement is good", "The LSCB is good"), "made-up.pdf")
    assert record.findings == []
