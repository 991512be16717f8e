"""The joint targeted area inspection (JTAI) letter parser, on the six JTAI letters of the national corpus
(2016, 2018, 2020: titled by theme, "Key strengths" and "Areas for improvement" bullets; 2022, 2024, 2025: titled
by area, "What needs to improve?", "Strengths" from 2024, "Main findings" paragraphs)."""

import re
from concurrent.futures import ProcessPoolExecutor

import pypdfium2
import pytest

from inspections.importing.families import jtai
from inspections.importing.families.jtai import addressees
from inspections.importing.readers import subjects
from inspections.importing.readers.common import normalise
from inspections.importing.readers.text import read_path
from inspections.importing.records import ParseError, PartialDate
from tests.conftest import REPORTS, SEEDS
from tests.national import JTAI, corpus_files, parsed_corpus

CQC = "Care Quality Commission (CQC)"
HMICFRS_2022 = "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)"
HMICFRS = "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)"

# Read from each letter: the council as printed among the addressees, the letter's date, the days on site, the
# start of the theme in the letter's words and its slug, the inspectorates in the letter's order and some of the
# partners addressed, and for strengths, areas for improvement and main findings: how many, how the first begins
# and where it is. Bullet counts were checked against the bullet glyphs of the PDF text; main findings paragraphs
# against the PDF's own spacing between paragraphs (a range where a page break hides whether one ends).
LETTERS = {
    "south-tyneside-2016-04-05": dict(
        authority="South Tyneside Metropolitan Borough Council", published=(2016, 4, 5),
        start=(2016, 2, 22), end=(2016, 2, 26),
        title="Joint targeted area inspection of the multi-agency response to abuse and neglect in South Tyneside "
              "Metropolitan Borough",
        theme_text="child sexual exploitation and those missing from home, care or education",
        theme="missing-exploitation",
        inspectorates=["Ofsted", CQC, "HMI Constabulary (HMIC)", "HMI Probation (HMIP)"],
        partners=["South Tyneside Foundation Trust", "Northumbria police force", "National Probation Service",
                  "South Tyneside LSCB"],
        strengths=(15, "There is a clear commitment from leaders across the partnership", "page 2, Key strengths, bullet 1"),
        areas=(16, "There is a lack of effective management oversight within health services",
               "page 5, Areas for improvement (Leadership and management), bullet 1"),
        findings=None,
    ),
    "southend-on-sea-2018-05-09": dict(
        authority="Southend-on-Sea Borough Council", published=(2018, 5, 9), start=(2018, 3, 19), end=(2018, 3, 23),
        title="Joint targeted area inspection of the multi-agency response to child sexual exploitation, children "
              "associated with gangs and at risk of exploitation and children missing from home, care or education "
              "in Southend-on-Sea",
        theme_text="child sexual exploitation, children associated with gangs and at risk of exploitation",
        theme="missing-exploitation",
        inspectorates=["Ofsted", CQC, "HMI Constabulary and Fire & Rescue services (HMICFRS)", "HMI Probation (HMIP)"],
        partners=["NHS Southend CCG", "Essex Police", "Essex Community Rehabilitation Company"],
        strengths=(27, "Work in Southend-on-Sea to tackle child sexual and criminal exploitation",
                   "page 2, Key Strengths, bullet 1"),
        areas=(29, "The current child sexual exploitation action plan, strategy and guidance documents",
               "page 8, Areas for improvement, bullet 1"),
        findings=None,
    ),
    "bexley-2020-03-06": dict(
        authority="London Borough of Bexley", published=(2020, 3, 6), start=(2020, 1, 20), end=(2020, 1, 24),
        title="Joint targeted area inspection of the multi-agency response to children's mental health in Bexley",
        theme_text="children's mental health needs", theme="health-of-children-in-care",
        inspectorates=["Ofsted", CQC, "HMI Constabulary, Fire and Rescue services (HMICFRS)", "HMI Probation (HMI Prob)"],
        partners=["Clinical Commissioning Groups", "Metropolitan Police", "Youth Offending Service"],
        strengths=(38, "Senior leadership across the partnership is stable and effective.", "page 3, Key Strengths, bullet 1"),
        areas=(18, "Response to concerns about children who go missing", "page 9, Areas for improvement, bullet 1"),
        findings=None,
    ),
    "barnsley-2022-07-18": dict(
        authority="Barnsley Metropolitan Borough Council", published=(2022, 7, 18), start=(2022, 5, 23),
        end=(2022, 5, 27), title="Joint targeted area inspection of Barnsley",
        theme_text="identification of initial need and risk", theme="early-help-front-door",
        inspectorates=["Ofsted", CQC, HMICFRS_2022],
        partners=["NHS Barnsley Clinical Commissioning Group", "South Yorkshire Police"],
        strengths=None,
        areas=(7, "The quality and consistency of all agencies' gathering, recording and responding",
               "page 1, What needs to improve?, bullet 1"),
        findings=((24, 24), "The BSCP has recently experienced changes to all its executive partners.",
                  "page 2, Main findings, paragraph 1"),
    ),
    "hertfordshire-2024-12-12": dict(
        authority="Hertfordshire County Council", published=(2024, 12, 12), start=(2024, 10, 21), end=(2024, 10, 25),
        title="Joint targeted area inspection of Hertfordshire",
        theme_text="children who are victims of domestic abuse", theme="partnership-safeguarding-board",
        inspectorates=["Ofsted", CQC, HMICFRS, "His Majesty's Inspectorate of Probation (HMIP)"],
        partners=["Hertfordshire and West Essex Integrated Care Board", "Hertfordshire Constabulary",
                  "Prison and Probation Service"],
        strengths=(8, "The mature and respectful relationships between statutory partners in the HSCP",
                   "page 3, Strengths, bullet 1"),
        areas=(10, "The inconsistent quality of domestic abuse referrals from the police",
               "page 2, What needs to improve?, bullet 1"),
        findings=((30, 34), "Strategic arrangements in Hertfordshire are strong and well established",
                  "page 4, Main findings, paragraph 1"),
    ),
    "blackpool-2025-01-31": dict(
        authority="Blackpool Council", published=(2025, 1, 31), start=(2024, 11, 18), end=(2024, 11, 22),
        title="Joint targeted area inspection of Blackpool",
        theme_text="identification of initial need and risk", theme="early-help-front-door",
        inspectorates=["Ofsted", CQC, HMICFRS],
        partners=["NHS Lancashire and South Cumbria Integrated Care Board", "Lancashire Constabulary"],
        strengths=(6, "Strong strategic and operational partnership working", "page 2, Strengths, bullet 1"),
        areas=(5, "How well partnership performance information and quality assurance are used",
               "page 2, What needs to improve?, bullet 1"),
        # "When concerns ... the multidisciplinary Request for" ends a line and reads as a heading: it must not.
        findings=((22, 25), "When concerns about children are identified, the multidisciplinary Request for Support Hub",
                  "page 2, Main findings, paragraph 1"),
    ),
}
# PDF text keeps no blank line between paragraphs: where a paragraph ends on a full line it runs into the next.
PARAGRAPHS_RUN_TOGETHER = 3
SOURCE_REF_RE = re.compile(r"^page (\d+), [^,].*, (bullet|paragraph) (\d+)$")

_parsed = {}


def _letter(name):
    if name not in _parsed:
        path = JTAI / f"{name}-jtai.pdf"
        _parsed[name] = jtai.parse(read_path(path).pages, path.name)
    return _parsed[name]


def _of_kind(record, kind):
    return [finding for finding in record.findings if finding.kind == kind]


@pytest.mark.parametrize("name", LETTERS)
def test_it_reads_the_letters_council_and_dates(name):
    record, expected = _letter(name), LETTERS[name]
    assert (record.document_type, record.framework, record.inspection_kind) == ("jtai", "jtai", "jtai")
    assert record.authority == expected["authority"]
    assert record.published == PartialDate(*expected["published"])
    assert (record.start_date, record.end_date) == (PartialDate(*expected["start"]), PartialDate(*expected["end"]))
    assert record.title == expected["title"]


@pytest.mark.parametrize("name", LETTERS)
def test_it_reads_the_theme_in_the_letters_words_and_on_the_list(name):
    record, expected = _letter(name), LETTERS[name]
    assert record.theme_text.startswith(expected["theme_text"])
    assert record.theme == expected["theme"]


def test_a_deep_dive_names_the_theme_unless_it_points_back_at_the_title():
    assert _letter("south-tyneside-2016-04-05").theme_text.startswith("child sexual exploitation")  # not "abuse and neglect"
    assert "these" not in _letter("southend-on-sea-2018-05-09").theme_text  # "experiencing these vulnerabilities"


@pytest.mark.parametrize("name", LETTERS)
def test_it_names_the_inspectorates_then_the_council_and_partners_addressed(name):
    record, expected = _letter(name), LETTERS[name]
    inspectorates = expected["inspectorates"]
    assert record.agencies[: len(inspectorates)] == inspectorates
    assert record.agencies[len(inspectorates)] == expected["authority"]
    assert set(expected["partners"]) <= set(record.agencies[len(inspectorates) + 1:])
    assert len(record.agencies) == len(set(record.agencies))
    assert not any("Commissioner" in agency or "Scrutineer" in agency for agency in record.agencies)


@pytest.mark.parametrize("name", LETTERS)
def test_it_reads_strengths_areas_for_improvement_and_main_findings(name):
    record, expected = _letter(name), LETTERS[name]
    for found, wanted in ((_of_kind(record, "strength"), expected["strengths"]),
                          (record.areas_for_improvement, expected["areas"])):
        if wanted is None:
            assert found == []
            continue
        count, first_words, source_ref = wanted
        assert len(found) == count
        assert found[0].text.startswith(first_words)
        assert found[0].source_ref == source_ref
    findings = _of_kind(record, "finding")
    if expected["findings"] is None:
        assert findings == []
    else:
        (low, high), first_words, source_ref = expected["findings"]
        assert low - PARAGRAPHS_RUN_TOGETHER <= len(findings) <= high
        assert findings[0].text.startswith(first_words)
        assert findings[0].source_ref == source_ref
    assert {finding.kind for finding in record.findings} <= {"strength", "finding"}
    assert {area.timescale for area in record.areas_for_improvement} == {"none"}


@pytest.mark.parametrize("name", LETTERS)
def test_every_item_says_where_it_is_numbered_in_order(name):
    record = _letter(name)
    for items in (_of_kind(record, "strength"), record.areas_for_improvement, _of_kind(record, "finding")):
        refs = [SOURCE_REF_RE.match(item.source_ref) for item in items]
        assert all(refs), [item.source_ref for item in items]
        assert [int(ref.group(3)) for ref in refs] == list(range(1, len(items) + 1))
        pages = [int(ref.group(1)) for ref in refs]
        assert pages == sorted(pages)


@pytest.mark.parametrize("name", LETTERS)
def test_it_leaves_out_the_case_studies_and_next_steps_and_gives_no_grades(name):
    record = _letter(name)
    texts = " ".join(item.text for item in [*record.findings, *record.areas_for_improvement])
    assert "written statement of proposed action" not in texts  # Next steps
    assert "Case study" not in texts and "Practice study" not in texts
    assert not re.search(r"\b(?:Josh|A 14-year-old|For one child aged two)\b", texts)  # the children's stories
    assert record.judgements == [] and record.verdict == "" and record.earlier_grades == []


def test_a_subheading_of_the_2016_areas_for_improvement_is_not_run_into_a_bullet():
    areas = _letter("south-tyneside-2016-04-05").areas_for_improvement
    subheading = "Responses to children missing and at risk of child sexual exploitation"
    assert not any(subheading in area.text for area in areas)
    assert areas[8].source_ref == f"page 7, Areas for improvement ({subheading}), bullet 9"
    assert areas[8].text.startswith("Until January 2016, the police had not distinguished")
    # A paragraph under a bullet belongs to it.
    assert areas[3].text.endswith("to inform judgements about the appropriate level of service response.")


def test_a_bullet_keeps_the_lines_that_looked_like_headings():
    strength = _letter("bexley-2020-03-06").findings[1].text
    assert "This is through the providers' safeguarding committees and the Clinical Commissioning Group's (CCG) " \
           "quarterly Safeguarding Commissioning Standing Committee, which" in strength


def test_a_heading_run_into_the_line_above_is_still_read():
    record = _letter("southend-on-sea-2018-05-09")  # "... in Southend-on-Sea. Key Strengths" on one full line
    assert len(_of_kind(record, "strength")) == 27
    assert not any(area.text.endswith("Key Strengths") for area in record.findings)


def test_a_word_hyphenated_across_lines_is_one_word():
    findings = " ".join(f.text for f in _letter("blackpool-2025-01-31").findings)
    assert "independent domestic violence advisers (IDVA) co-located in the RfSH" in findings


def test_only_a_theme_the_list_cannot_place_is_a_warning():
    for name in LETTERS:
        warnings = _letter(name).warnings
        if name.startswith("hertfordshire"):
            assert len(warnings) == 1 and "filed under partnership working" in warnings[0]
            assert warnings[0].startswith("hertfordshire-2024-12-12-jtai.pdf: ")
        else:
            assert warnings == []


def _claims(path):
    """Whether the detector claims a file, from its first two pages (what detect.family_of gives it), read the
    way readers/text.py reads every page."""
    if path.suffix != ".pdf":
        return path.name, jtai.detect(normalise(" ".join(read_path(path).pages[:2])))
    pdf = pypdfium2.PdfDocument(path)
    try:
        pages = [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                 for i in range(min(2, len(pdf)))]
    finally:
        pdf.close()
    return path.name, jtai.detect(normalise(" ".join(pages)))


def test_the_detector_claims_the_six_jtai_letters_and_nothing_else_of_the_national_corpus():
    with ProcessPoolExecutor() as pool:
        claimed = dict(pool.map(_claims, corpus_files(), chunksize=8))
    assert len(claimed) == 456
    assert sorted(name for name, yes in claimed.items() if yes) == sorted(f"{name}-jtai.pdf" for name in LETTERS)


def test_the_detector_claims_no_visit_letter_or_seed():
    files = sorted(REPORTS.glob("*-focused-visit.pdf")) + sorted(SEEDS.glob("*.txt"))
    assert len(files) == 12
    assert [name for name, yes in map(_claims, files) if yes] == []


def test_the_corpus_keeps_its_families_with_jtai_letters_among_them():
    corpus = parsed_corpus()
    jtai_letters = {name for name in corpus if name.endswith("-jtai.pdf")}
    assert len(jtai_letters) == 6
    for name, record in corpus.items():
        is_jtai = not isinstance(record, Exception) and record.document_type == "jtai"
        assert is_jtai == (name in jtai_letters), name


@pytest.mark.parametrize("line, expected", [
    # A council's name with a comma in it, and a service's name that is not part of one.
    ("Jane Doe, Director of Children's Services, Bournemouth, Christchurch and Poole Council",
     [("council", "Bournemouth, Christchurch and Poole Council")]),
    ("Jane Doe, Director, Children's Services, Telford and Wrekin Council", [("council", "Telford and Wrekin Council")]),
    ("Jane Doe, Chief Executive of Kent County Council", [("council", "Kent County Council")]),
    ("Jane Doe, Chief Executive, Sandwell Children's Trust", [("partner", "Sandwell Children's Trust")]),
    ("Jane Doe, Police and Crime Commissioner for South Yorkshire", []),  # an office, not an agency
])
def test_an_addressee_line_names_its_organisations(line, expected):
    assert addressees.organisations(line) == expected


@pytest.mark.parametrize("focus, theme", [
    ("identification of initial need and risk", "early-help-front-door"),  # the front door JTAIs (2022 on)
    ("serious youth violence", "missing-exploitation"),
    ("children who are victims of domestic abuse", None),  # no theme of its own: filed under partnership working
])
def test_jtai_themes_map_to_the_list_where_the_list_has_one(focus, theme):
    assert subjects.theme_of(focus) == theme


def test_a_letter_without_its_days_on_site_is_refused_with_a_reason():
    pages = read_path(JTAI / "barnsley-2022-07-18-jtai.pdf").pages
    pages[0] = pages[0].replace("This inspection took place from 23 to 27 May 2022.", "")
    with pytest.raises(ParseError, match=r"^barnsley\.pdf: could not find the days on site"):
        jtai.parse(pages, "barnsley.pdf")
