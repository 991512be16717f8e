"""Single inspection framework (SIF, 2013-17) reports: the local authority's judgements and the LSCB review.

The local authority's "Summary of findings" bullets become findings (sif_findings.py).
Page 1 carries the overall judgement in a sentence ("The overall judgement is ...", "Children's services in X
require improvement to be good") and a numbered table of sub-judgements; the board's judgement is a heading
("The Local Safeguarding Children Board is good"). Recommendations or areas for improvement are numbered
paragraphs, the numbering running on into the strengths and findings that follow them.
"""

from __future__ import annotations

import re

from inspections.importing.families.sif.findings import summary_findings
from inspections.importing.readers.common import normalise, parse_date, parse_date_range
from inspections.importing.readers.earlier_grades import find_earlier_grades
from inspections.importing.readers.judgement_table import (
    GRADE,
    Label,
    body_lines,
    ends_sentence,
    find_labels,
    graded_mentions,
    grades_in_columns,
    is_bullet,
    is_footnote,
    phrase,
    strip_bullet,
    theme_of,
    to_grade,
)
from inspections.importing.records import AreaForImprovementRecord, DocumentRecord, JudgementRecord, ParseError

TITLE_RE = re.compile(r"(?:\bRe-\s*)?inspection of services for children in need of help and protection", re.I)
LA_SECTION = "The local authority"
LSCB_SECTION = "Review of the Local Safeguarding Children Board"
LSCB_AREA = "Overall effectiveness of the LSCB"

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
_OVERALL_RES = (
    re.compile(rf"\boverall judgement is\s+(?:that\s+)?(?:children's services\s+(?:in\s+[^.]{{1,60}}?\s+)?"
               rf"(?:(?:are|is)\s+)?)?({GRADE})\b", re.I),
    re.compile(rf"\bChildren's services in\s+[^.]{{1,60}}?\s+(?:are\s+|is\s+)?({GRADE})\b", re.I),
)
# "The Local Safeguarding Children Board is good", "The effectiveness of the Local Safeguarding Children Board
# (LSCB) is requires improvement": a heading, so the grade ends its line.
_LSCB_RE = re.compile(
    r"(?:Section \d+:\s*)?The (?:effectiveness of the )?"
    r"(?:Local Safeguarding Children'?s? Board\d*(?:\s*\(LSCB\))?|LSCB)\s+"
    rf"(?:is\s+)?(?:that it\s+)?({GRADE})\s*\.?",
    re.I,
)
_GRADED_JUDGEMENT_RE = re.compile(
    rf"graded judgement (?:for|about|on) (?:the )?(?P<what>[\w ,]{{3,80}}?) is that (?:it|they) "
    rf"(?:is |are )?(?P<grade>{GRADE})",
    re.I,
)
_TEAM_ROLES = ("lead inspector", "deputy lead inspector", "team inspectors", "team inspector", "shadow inspectors",
               "shadow inspector")
_TEAM_OTHER = re.compile(r"^[A-Z][\w ]{2,40}:", re.I)
_GRADE_SUFFIX = re.compile(r"\s*(?:\((?:AI|HMI|OI)\)|\b(?:S?HMI|SCRI|OI|AI)\b)\s*$")

_LIST_START = {
    "what does the local authority need to improve": ("la", None),
    "what does the lscb need to improve": ("lscb", None),
    "recommendations": (None, "none"),
    "areas for improvement": (None, "none"),
    "priority and immediate action": (None, "immediately"),
    "priority and immediate actions": (None, "immediately"),
}
_LSCB_SECTION_RE = re.compile(r"(?:Section \d+:\s*)?The (?:effectiveness of the )?Local Safeguarding", re.I)
# Headings after which the numbering runs on into something else.
_LIST_STOP = re.compile(
    r"strength|summary|progress since|inspection finding|inspection judgement|information about|what the inspection"
    r"|executive|experiences and progress|contents|local safeguarding children board|the lscb\b",
    re.I,
)


def detect(text):
    return bool(TITLE_RE.search(text[:3000]))


def parse(pages, filename=""):
    lines = body_lines(pages)
    head = normalise(" ".join(pages[:2]))
    authority, title = _authority_and_title(head, filename)
    start, end = parse_date_range(_after(head, r"Inspection dates?:?", 90, filename, "the inspection dates"))
    if start is None:
        raise ParseError(f"{filename}: could not read the inspection dates after 'Inspection date:'")
    published_at = re.search(r"Report published:?", head, re.I)
    record = DocumentRecord(
        document_type="sif", authority=authority, title=title, framework="sif", inspection_kind="full",
        start_date=start, end_date=end,
        published=parse_date(head[published_at.end(): published_at.end() + 40]) if published_at else None,
    )
    record.inspectors = _inspectors(lines)
    if not record.inspectors:
        record.warnings.append("no inspection team found")
    record.judgements = _judgements(lines, head, record.warnings, filename)
    lscb_start = _lscb_start(lines)
    record.areas_for_improvement = _areas_for_improvement(lines, lscb_start)
    record.findings = summary_findings(lines, lscb_start)
    if not record.areas_for_improvement:
        record.warnings.append("no recommendations or areas for improvement found")
    record.earlier_grades = find_earlier_grades(lines, start, (OVERALL, *LABELS))
    return record


def _after(text, label, length, filename, what):
    match = re.search(label, text, re.I)
    if not match:
        raise ParseError(f"{filename}: could not find {what}")
    return text[match.end(): match.end() + length]


def _authority_and_title(head, filename):
    title = TITLE_RE.search(head)
    if not title:
        raise ParseError(f"{filename}: not a SIF report (no 'Inspection of services for children in need of help ...')")
    authority = re.sub(r"^\d+\s+", "", head[: title.start()]).strip(" ,")
    if not authority or len(authority) > 80:
        raise ParseError(f"{filename}: could not find the authority's name above the report's title")
    dates = re.search(r"\bInspection dates?\b", head[title.start():], re.I)
    title_text = head[title.start(): title.start() + dates.start()] if dates else title.group(0)
    return authority, re.sub(r"(?<=[a-z])\d\b", "", title_text).strip()


def _judgements(lines, head, warnings, filename):
    """The overall judgement and the table on page 1 (or 2), then the LSCB's heading wherever it stands."""
    begin = re.search(r"Inspection dates?:?", head, re.I)
    found = grades_in_columns(head, find_labels(head, LABELS, begin.end() if begin else 0))
    judgements = []
    overall = next((m for regex in _OVERALL_RES for m in [regex.search(head)] if m), None)
    in_table = [item for item in find_labels(head, (OVERALL,), begin.end() if begin else 0) if item.grade]
    if overall:
        judgements.append(JudgementRecord(OVERALL.area, to_grade(overall.group(1)), "overall", LA_SECTION,
                                          "page 1, overall judgement"))
    elif in_table:  # a table row "Overall effectiveness | grade" instead of the sentence
        judgements.append(JudgementRecord(OVERALL.area, in_table[0].grade, "overall", LA_SECTION,
                                          "page 1, judgement table"))
    else:
        warnings.append("the overall judgement was not found on page 1")
    graded = [item for item in found if item.grade]
    if not graded:
        raise ParseError(f"{filename}: could not find the judgement table (no SIF judgement with a grade on page 1-2)")
    for item in found:
        if item.guessed:
            warnings.append(f"{item.label.area}: grade read from a column of grades after the table")
        judgements.append(JudgementRecord(item.label.area, item.grade, item.label.strand, LA_SECTION,
                                          "page 1, judgement table"))
    missing = [label.area for label in LABELS if label.area not in {j.area for j in judgements}]
    if missing:
        warnings.append("judgement table lacks: " + "; ".join(missing))
    lscb = _lscb_judgement(lines, warnings)
    if lscb:
        judgements.append(lscb)
    elif re.search(r"Review of the effectiveness of the local safeguarding children board", head, re.I):
        warnings.append("the title names an LSCB review but no LSCB judgement was found")
    _cross_check(judgements, " ".join(line for _, line in lines), warnings)
    return judgements


def _lscb_judgement(lines, warnings):
    grades = []
    for index, (page, line) in enumerate(lines):
        if "oard" not in line and "LSCB" not in line:  # cheap: every LSCB heading names the board
            continue
        joined = line if index + 1 == len(lines) else line + " " + lines[index + 1][1]
        match = _LSCB_RE.fullmatch(line) or _LSCB_RE.fullmatch(joined)
        if match:
            grades.append((page, to_grade(match.group(1))))
    if not grades:
        return None
    if len({grade for _, grade in grades}) > 1:
        warnings.append("the LSCB judgement is printed with different grades: " + ", ".join(g for _, g in grades))
    page, grade = grades[0]
    return JudgementRecord(LSCB_AREA, grade, "none", LSCB_SECTION, f"page {page}, LSCB judgement")


def _cross_check(judgements, text, warnings):
    """Compare the table's grades with the grades the body's headings and sentences state."""
    stated, lowered = {}, text.lower()
    for label in LABELS:
        stated.setdefault(label.area, []).extend(graded_mentions(text, label, colon=False, lowered=lowered))
    for match in _GRADED_JUDGEMENT_RE.finditer(text):
        what = match.group("what").lower()
        area = "Adoption performance" if "adoption" in what else (
            "Experiences and progress of care leavers" if "care leaver" in what else None)
        if area:
            stated.setdefault(area, []).append(to_grade(match.group("grade")))
    for judgement in judgements:
        others = set(stated.get(judgement.area, [])) - {judgement.grade}
        if judgement.grade is None and len(others) == 1:
            judgement.grade, judgement.source_ref = others.pop(), "judgement heading in the body"
            warnings.append(f"{judgement.area}: no grade in the table; taken from the text")
        elif others:
            warnings.append(f"{judgement.area}: the table says {judgement.grade} but the text also says "
                            + ", ".join(sorted(others)))


def _inspectors(lines):
    """The lead first, then the deputy, team and shadow inspectors, from "The inspection team" block."""
    start = next((i for i, (_, line) in enumerate(lines) if line.lower().startswith("lead inspector")), None)
    if start is None:
        return []
    names = []
    for page, line in lines[start:]:
        role = next((r for r in _TEAM_ROLES if re.match(re.escape(r) + r"\s*:", line, re.I)), None)
        if role:
            line = line.split(":", 1)[1]
        elif _TEAM_OTHER.match(line) or page != lines[start][0]:
            break  # "Quality assurance manager:", "Senior data analyst:" or the next page
        for part in re.split(r"[;,]|\band\b", line):
            name = _GRADE_SUFFIX.sub("", part.strip(" .")).strip()
            if name:
                names.append(name)
    return _rejoin(names)


def _rejoin(names):
    """A name broken over two lines ("Ralph" / "Trevelyan-Butler") comes back as one."""
    out = []
    for name in names:
        if out and len(out[-1].split()) == 1:
            out[-1] = f"{out[-1]} {name}"
        else:
            out.append(name)
    return out


def _lscb_start(lines):
    """Index of the first line of the LSCB section (a heading, not a contents line), or len(lines)."""
    for index, (page, line) in enumerate(lines):
        if page > 1 and "Safeguarding" in line and _LSCB_SECTION_RE.match(line) and not line[-1].isdigit():
            return index
    return len(lines)


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
    """Numbered items from lines[index:], until a heading that is not a topic within the list."""
    items, parts, number, page_of = [], [], None, None

    def close():
        if parts:
            text = normalise(" ".join(parts))
            where = f"page {page_of}, item {number}" + (" (LSCB)" if lscb else "")
            items.append(AreaForImprovementRecord(text, timescale, theme_of(text), where))

    while index < len(lines):
        page, line = lines[index]
        numbered = re.match(r"^(\d{1,3})\.\s*(\S.*)$", line)
        key = _heading_key(line)
        if numbered and (number is None or int(numbered.group(1)) == number + 1):
            close()
            number, page_of, parts = int(numbered.group(1)), page, [numbered.group(2)]
        elif numbered:
            break  # the numbering broke off: something else begins
        elif key in _LIST_START and _LIST_START[key][0] is None:
            close()
            parts, timescale = [], _LIST_START[key][1]
        elif is_footnote(line) and _near_page_foot(lines, index):
            index = _next_page(lines, index)
            continue
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


def _near_page_foot(lines, index, within=6):
    page = lines[index][0]
    return index + within >= len(lines) or lines[index + within][0] != page


def _next_page(lines, index):
    page = lines[index][0]
    while index < len(lines) and lines[index][0] == page:
        index += 1
    return index
