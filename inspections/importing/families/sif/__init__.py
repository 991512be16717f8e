"""Single inspection framework (SIF, 2013-18) reports: the local authority's judgements and the LSCB review.

The cover (opening.py) names the council, the title (an inspection, a re-inspection, or a review of the LSCB
alone) and the dates. Page 1 carries the overall judgement in a sentence ("The overall judgement is ...",
"Children's services in X require improvement to be good") and a numbered table of sub-judgements, which the
self-check (self_check.py) sets against the judgement sections of the body; the board's judgement is a heading
("The Local Safeguarding Children Board is good", lscb.py). Recommendations or areas for improvement are numbered
(or, in the first reports, bulleted) paragraphs, the numbering running on into the strengths and findings that
follow them. The local authority's "Summary of findings" bullets become findings (findings.py); the inspection
team is read by role (team.py).
"""

from __future__ import annotations

import re

from inspections.importing.families.sif import self_check
from inspections.importing.families.sif.findings import near_page_foot, next_page, summary_findings
from inspections.importing.families.sif.lscb import (
    LSCB_AREA,
    LSCB_SECTION,
    board_item_theme,
    lscb_judgement,
    lscb_start,
    review_recommendations,
)
from inspections.importing.families.sif.opening import COVER_CHARS, TITLE_RE, cover_kind, read_cover
from inspections.importing.families.sif.team import read_team
from inspections.importing.readers.common import normalise
from inspections.importing.readers.earlier_grades import find_earlier_grades
from inspections.importing.readers.judgement_table import (
    GRADE,
    Label,
    body_lines,
    ends_sentence,
    find_labels,
    grades_in_columns,
    is_bullet,
    is_footnote,
    phrase,
    strip_bullet,
    theme_of,
    to_grade,
)
from inspections.importing.records import AreaForImprovementRecord, DocumentRecord, JudgementRecord, ParseError

__all__ = ["COVER_CHARS", "LSCB_AREA", "LSCB_SECTION", "TITLE_RE", "detect", "parse"]

LA_SECTION = "The local authority"

OVERALL = Label("Overall effectiveness", "overall", phrase("Overall effectiveness"))
LABELS = (
    Label("Children who need help and protection", "help_and_protection",
          phrase("Children who need help and protection")),
    Label("Children looked after and achieving permanence", "children_in_care",
          phrase("Children looked after and achieving permanence")),
    Label("Adoption performance", "none", phrase("Adoption performance")),
    Label("Experiences and progress of care leavers", "care_leavers",
          r"experiences?\d*\s+and\d*\s+progress\d*\s+of\d*\s+care\d*\s+leavers\d*"),
    Label("Leadership, management and governance", "leadership", phrase("Leadership, management and governance")),
)
# The overall judgement in a sentence under the dates, in its many wordings: "The overall judgement is (that
# children's services are) inadequate", "Children's services in X require improvement to be good",
# "children's service requires improvement", "Children's services are inadequate".
_OVERALL_RE = re.compile(
    rf"\boverall judgement is\s+(?:that\s+)?(?:children's services?\s+(?:in\s+[^.]{{1,60}}?\s+)?"
    rf"(?:(?:are|is)\s+)?)?({GRADE})\b"
    rf"|\bChildren's services?\s+(?:in\s+[^.]{{1,60}}?\s+)?(?:are\s+|is\s+)?({GRADE})\b",
    re.I,
)
_NOT_JUDGED_RE = re.compile(r"[\s\d:|*'\-]*not\s+judged\b", re.I)

_LIST_START = {
    "what does the local authority need to improve": ("la", None),
    "what does the lscb need to improve": ("lscb", None),
    "recommendations": (None, "none"),
    "areas for improvement": (None, "none"),
    "priority and immediate action": (None, "immediately"),
    "priority and immediate actions": (None, "immediately"),
}
# Headings after which the numbering runs on into something else.
_LIST_STOP = re.compile(
    r"strength|summary|progress since|inspection finding|inspection judgement|information about|what the inspection"
    r"|executive|experiences and progress|contents|local safeguarding children board|the lscb\b",
    re.I,
)


def detect(text):
    """A SIF cover: the title (or a review of the board alone) under the council's name, not a later citation."""
    return cover_kind(text) is not None


def parse(pages, filename=""):
    cover = read_cover(pages, filename)
    lines = body_lines(pages)
    record = DocumentRecord(
        document_type="lscb_review" if cover.kind == "lscb_review" else "sif", authority=cover.authority,
        title=cover.title, framework="sif", inspection_kind="lscb_review" if cover.kind == "lscb_review" else "full",
        start_date=cover.start, end_date=cover.end, published=cover.published, warnings=list(cover.warnings),
    )
    record.inspectors = read_team(lines)
    if not record.inspectors:
        record.warnings.append("no inspection team found")
    if cover.kind == "lscb_review":
        return _review_of_the_board(record, lines, filename)
    head = normalise(" ".join(pages[:2]))
    record.judgements = _judgements(lines, head, len(normalise(pages[0])), record.warnings, filename)
    start_of_lscb = lscb_start(lines)
    record.areas_for_improvement = _areas_for_improvement(lines, start_of_lscb)
    record.findings = summary_findings(lines, start_of_lscb)
    if not record.areas_for_improvement:
        record.warnings.append("no recommendations or areas for improvement found")
    record.earlier_grades = find_earlier_grades(lines, cover.start, (OVERALL, *LABELS))
    return record


def _review_of_the_board(record, lines, filename):
    """A review of the LSCB alone: the board's judgement and recommendations; the council's grades are not in it."""
    judgement = lscb_judgement(lines, record.warnings)
    if judgement is None:
        raise ParseError(f"{filename}: a review of the Local Safeguarding Children Board without the board's "
                         "judgement ('The Local Safeguarding Children Board is ...')")
    record.judgements = [judgement]
    record.areas_for_improvement = review_recommendations(lines)
    if not record.areas_for_improvement:
        record.warnings.append("no recommendations found")
    return record


def _judgements(lines, head, first_page_chars, warnings, filename):
    """The overall judgement and the summary table on page 1 (or 2), then the LSCB's heading wherever it stands."""
    begin = re.search(r"Inspection dates?:?", head, re.I)
    begin = begin.end() if begin else 0
    found = grades_in_columns(head, find_labels(head, LABELS, begin))
    table_end = min((item.start for item in found), default=len(head))
    judgements = []
    overall = _OVERALL_RE.search(head, begin, max(table_end, begin + 400))
    in_table = [item for item in find_labels(head, (OVERALL,), begin) if item.grade]
    if overall:
        judgements.append(JudgementRecord(OVERALL.area, to_grade(overall.group(1) or overall.group(2)), "overall",
                                          LA_SECTION, "page 1, overall judgement"))
    elif in_table:  # a table row "Overall effectiveness | grade" instead of the sentence
        judgements.append(JudgementRecord(OVERALL.area, in_table[0].grade, "overall", LA_SECTION,
                                          "page 1, judgement table"))
    else:
        warnings.append("the overall judgement was not found on page 1")
    if not any(item.grade for item in found):
        raise ParseError(f"{filename}: could not find the judgement table (no SIF judgement with a grade on page 1-2)")
    table_page = 2 if found and found[0].start > first_page_chars else 1
    for item in found:
        ref = f"page {table_page}, judgement table"
        if item.grade is None and _NOT_JUDGED_RE.match(head, item.end):
            ref += " (not judged)"
        if item.guessed:
            warnings.append(f"{item.label.area}: grade read from a column of grades after the table")
        judgements.append(JudgementRecord(item.label.area, item.grade, item.label.strand, LA_SECTION, ref))
    missing = [label.area for label in LABELS if label.area not in {j.area for j in judgements}]
    if missing:
        warnings.append("judgement table lacks: " + "; ".join(missing))
    self_check.check([j for j in judgements if j.area != OVERALL.area], lines, table_page, warnings)
    lscb = lscb_judgement(lines, warnings)
    if lscb:
        judgements.append(lscb)
    elif re.search(r"Review of the effectiveness of the local safeguarding children board", head[:COVER_CHARS], re.I):
        warnings.append("the title names an LSCB review but no LSCB judgement was found")
    return judgements


def _areas_for_improvement(lines, lscb_start):
    items, index = [], 0
    while index < len(lines):
        line = lines[index][1]
        start = _LIST_START.get(_heading_key(line)) if len(line) < 60 else None
        if start is None:
            index += 1
            continue
        part, timescale = start
        lscb = part == "lscb" or (part is None and index >= lscb_start)
        found, index = _read_list(lines, index + 1, timescale or "none", lscb)
        items.extend(found)
    return items


def _heading_key(line):
    """A heading's words without its footnote digit or question mark; a contents line keeps its page number."""
    return re.sub(r"(?<=[a-zA-Z])\d+$", "", line).strip(" ?:.").lower()


def _read_list(lines, index, timescale, lscb):
    """Numbered items from lines[index:], until a heading that is not a topic within the list.

    The first reports (2013-14) bullet the items instead of numbering them: a bullet before any number starts
    a bulleted list, its items counted in order.
    """
    items, parts, number, page_of, bulleted = [], [], None, None, False

    def close():
        if parts:
            text = normalise(" ".join(parts))
            where = f"page {page_of}, item {number}" + (" (LSCB)" if lscb else "")
            items.append(AreaForImprovementRecord(text, timescale, board_item_theme(text) if lscb else theme_of(text), where))

    while index < len(lines):
        page, line = lines[index]
        numbered = re.match(r"^(\d{1,3})\.\s*(\S.*)$", line)
        key = _heading_key(line)
        if numbered and not bulleted and (number is None or int(numbered.group(1)) == number + 1):
            close()
            number, page_of, parts = int(numbered.group(1)), page, [numbered.group(2)]
        elif numbered:
            break  # the numbering broke off: something else begins
        elif key in _LIST_START and _LIST_START[key][0] is None:
            close()
            parts, timescale = [], _LIST_START[key][1]
        elif is_footnote(line) and near_page_foot(lines, index):
            index = next_page(lines, index)
            continue
        elif is_bullet(line) and strip_bullet(line) and (number is None or bulleted):
            close()
            bulleted, number, page_of, parts = True, (number or 0) + 1, page, [strip_bullet(line)]
        elif is_bullet(line) and parts:
            if len(parts) > 1 and not ends_sentence(parts[-1]):
                parts[-1] += ";"  # sub-bullets of one item read as a list
            parts.append(strip_bullet(line))
        elif parts and (not ends_sentence(parts[-1]) or line[:1].islower()):
            parts.append(line)
        elif _is_heading(line):
            if _LIST_STOP.search(line) or not _numbered_next(lines, index + 1, (number or 0) + 1, number is None):
                break
            close()
            parts = []
        elif number is None:
            pass  # "There are no priority or immediate actions."
        else:
            parts.append(line)
        index += 1
    close()
    return items, index


def _is_heading(line):
    return len(line.split()) <= 12 and not line.rstrip().endswith(".") and line[:1].isupper()


def _numbered_next(lines, index, expected, any_number):
    """Whether the next line that is not a heading is the list's next numbered item."""
    for _, line in lines[index: index + 4]:
        numbered = re.match(r"^(\d{1,3})\.\s", line)
        if numbered:
            return any_number or int(numbered.group(1)) == expected
        if not _is_heading(line):
            return False
    return False
