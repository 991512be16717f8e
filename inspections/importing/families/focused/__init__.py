"""Focused visit letters (ILACS, 2018 on), including the 2020-21 pandemic "assurance" visits.

One theme per visit, named in the opening ("Inspectors looked at the local authority's arrangements
for ..."); then an overview ("Overview", or "Headline findings" from 2020), a list of what needs to improve
(sometimes "Areas for priority action"), and the findings as bullets (2018-19) or paragraphs ("Main
findings", 2020 on). Ungraded. Plain Python.
"""

from __future__ import annotations

import re

from inspections.grades import Framework, Strand
from inspections.importing.readers import letters, subjects
from inspections.importing.records import AreaForImprovementRecord, FindingRecord

# The opening words of the sentence that names the visit's theme, before the theme itself.
FOCUS_RE = (
    r"^(?:Inspectors|The inspectors|This visit|The visit)\s+(?:looked at|considered|evaluated|reviewed|focused on)\s+"
    r"(?!a range|a number|the evidence)(?:the\s+)?(?:local authority's\s+)?"
    r"(?:arrangements?\s+(?:for|in relation to|to)\s+)?"
)
FOCUS_FALLBACK_RE = r"^The (?:focus|theme) of (?:the|this) visit was\s+"
# A focused visit is about one of these strands, or none.
VISIT_STRANDS = {Strand.HELP_AND_PROTECTION, Strand.CHILDREN_IN_CARE, Strand.CARE_LEAVERS}
# The letter narrowing its focus: "... children who need help and protection. Specifically, inspectors looked at
# the 'front door' arrangements ..." or "children in care, with a particular focus on: ...". What it narrows to
# is what the visit was about: the broad words name the service, the narrow ones the theme.
NARROWED_RE = re.compile(
    r"(?:\b(?:Specifically|More specifically|In particular),?\s+(?:the\s+)?(?:inspectors\s+)?"
    r"(?:(?:looked at|considered|focused on|evaluated|reviewed)\s+)?|\bwith a (?:particular|specific) focus on:?\s+|"
    r"\bfocusing (?:in particular )?on:?\s+)(?P<what>[^.]+)",
    re.I,
)
AREA_SECTIONS = (("priority", "areas for priority action"), ("improve", "what needs to improve"))
FINDING_SECTIONS = (("strengths", "strength"), ("findings", "finding"))


def detect(text):
    return letters.letter_kind(text) == "focused"


def parse(pages, filename=""):
    letter = letters.read_letter(pages, filename, "focused_visit", "10 and 11 October 2018")
    record, by_role, opening = letter.record, letter.by_role, letter.opening
    record.framework = Framework.ILACS.value
    _read_theme(record, by_role.get("opening", []))
    _read_areas(record, by_role)
    _read_findings(record, by_role)
    record.earlier_grades = letters.earlier_grades(
        " ".join([opening] + [block.text for block in by_role.get("overview", [])])
    )
    letters.warn_missing(record, filename, (
        (not record.published, "no letter date before the salutation"),
        (not record.inspectors, "no inspectors named"),
        (not record.theme_text, "no theme found (\"Inspectors looked at ...\")"),
        (not record.findings, "no findings found"),
    ))
    return record


def _read_theme(record, opening):
    focus, paragraph = letters.focus_of(opening, FOCUS_RE)
    if not focus:
        focus, paragraph = letters.focus_of(opening, FOCUS_FALLBACK_RE)
    record.theme_text = letters.clip(focus)
    narrowed = NARROWED_RE.search(focus) or NARROWED_RE.search(paragraph[paragraph.find(focus[-40:]):] if focus else "")
    record.theme = subjects.theme_of(narrowed.group("what") if narrowed else "", focus, paragraph)
    strand = subjects.strand_of(focus, record.theme) if focus else Strand.NONE.value
    record.strand = strand if strand in VISIT_STRANDS else Strand.NONE.value


def _read_areas(record, by_role):
    for role, label in AREA_SECTIONS:
        for number, block in enumerate(letters.items(by_role.get(role, [])), start=1):
            record.areas_for_improvement.append(
                AreaForImprovementRecord(
                    text=block.text, timescale="none", theme=subjects.theme_of(block.text),
                    source_ref=f"{label}, item {number}",
                )
            )


def _read_findings(record, by_role):
    """Strengths and findings; without a findings section, the overview stands for them."""
    sections = [(by_role.get(role, []), kind) for role, kind in FINDING_SECTIONS]
    if not any(blocks for blocks, _kind in sections):
        sections = [(by_role.get("overview", []), "finding")]
    counts = {"bullet": 0, "para": 0}
    for section_blocks, kind in sections:
        for block in letters.items(section_blocks):
            shape = "bullet" if block.kind == "bullet" else "para"
            counts[shape] += 1
            ref = f"bullet {counts[shape]}" if shape == "bullet" else f"page {block.page}, paragraph {counts[shape]}"
            record.findings.append(
                FindingRecord(text=block.text, kind=kind, theme=subjects.theme_of(block.text), source_ref=ref)
            )
