"""Inspections of local authority children's services (ILACS, 2018 on).

Page 1: the authority, "Inspection dates:", "Lead inspector: Name, His Majesty's Inspector" and a two-column
table "Judgement | Grade" with "Overall effectiveness" last; four judgements before 2023, five from 2023 when
care leavers got their own. Then a summary, a bulleted "What needs to improve?" and numbered paragraphs under a
heading per judgement ("The experiences and progress of children in care: good"), which confirm the table.
"""

from __future__ import annotations

import re

from inspections.importing.readers.common import normalise, parse_date, parse_date_range
from inspections.importing.readers.earlier_grades import find_earlier_grades
from inspections.importing.readers.judgement_table import (
    Label,
    body_lines,
    ends_sentence,
    find_labels,
    graded_mentions,
    grades_in_columns,
    is_bullet,
    phrase,
    strip_bullet,
    theme_of,
)
from inspections.importing.readers.paragraphs import gaps, numbered_paragraphs
from inspections.importing.records import (
    AreaForImprovementRecord,
    DocumentRecord,
    FindingRecord,
    JudgementRecord,
    ParseError,
)

TITLE_RE = re.compile(
    r"Inspection of\s+(?:children's social care services"
    r"|(?P<authority>.{2,90}?)\s+(?:local authority\s+)?children's services)",
    re.I,
)
_NOT_A_REPORT = re.compile(r"focused visit|monitoring visit|joint targeted area inspection|Dear ", re.I)

_LEADERS = Label("The impact of leaders on social work practice with children and families", "leadership",
                 phrase("impact of leaders on social work practice with children and families"))
_HELP = Label("The experiences and progress of children who need help and protection", "help_and_protection",
              phrase("experiences and progress of children who need help and protection"))
_CARE_AND_LEAVERS = Label("The experiences and progress of children in care and care leavers", "children_in_care",
                          phrase("experiences and progress of children in care and care leavers"))
_CARE = Label("The experiences and progress of children in care", "children_in_care",
              phrase("experiences and progress of children in care") + r"(?!\d*\s+and\d*\s+care\d*\s+leavers)")
# One report prints "children care leavers": a stray word before "care leavers" is tolerated.
_LEAVERS = Label("The experiences and progress of care leavers", "care_leavers",
                 phrase("experiences and progress of") + r"\s+(?:[a-z]+\s+)?" + phrase("care leavers"))
_OVERALL = Label("Overall effectiveness", "overall", phrase("Overall effectiveness"))
BEFORE_2023 = (_LEADERS, _HELP, _CARE_AND_LEAVERS)
FROM_2023 = (_LEADERS, _HELP, _CARE, _LEAVERS)
_JUDGEMENT_HEADING = re.compile(r"(?:The\s+)?(?:experiences and progress of|impact of leaders)\b", re.I)
# A short inspection spends one week on site, a standard one two.
SHORT_MAX_DAYS = 7


def detect(text):
    head = text[:1500]
    return bool(TITLE_RE.search(head) and re.search(r"Inspection dates?:", head, re.I)) and not _NOT_A_REPORT.search(
        head[:400]
    )


def parse(pages, filename=""):
    lines = body_lines(pages)
    first = normalise(pages[0])
    authority, title = _authority_and_title(first, filename)
    dates_at = re.search(r"Inspection dates?:?", first, re.I)
    if not dates_at:
        raise ParseError(f"{filename}: could not find 'Inspection dates:' on page 1")
    start, end = parse_date_range(first[dates_at.end(): dates_at.end() + 90])
    if start is None:
        raise ParseError(f"{filename}: could not read the inspection dates after 'Inspection dates:'")
    published_at = re.search(r"\b(?:Report )?published:", first, re.I)
    record = DocumentRecord(
        document_type="ilacs", authority=authority, title=title, framework="ilacs", start_date=start, end_date=end,
        published=parse_date(first[published_at.end(): published_at.end() + 40]) if published_at else None,
    )
    record.inspection_kind = _kind(" ".join(line for _, line in lines), start, end, record.warnings)
    lead = _lead_inspector(first)
    if lead:
        record.inspectors = [lead]
    else:
        record.warnings.append("no lead inspector found")
    record.judgements = _judgements(first, lines, start, record.warnings, filename)
    record.areas_for_improvement = _areas_for_improvement(lines)
    if not record.areas_for_improvement:
        record.warnings.append("no 'What needs to improve?' items found")
    record.earlier_grades = find_earlier_grades(lines, start)
    record.findings = _findings(lines, record.warnings)
    return record


def _authority_and_title(first, filename):
    title = TITLE_RE.search(first[:1500])
    if not title:
        raise ParseError(
            f"{filename}: not an ILACS report (no 'Inspection of ... local authority children's services')"
        )
    authority = title.group("authority")
    if not authority:  # 2018-19: the name stands above "Inspection of children's social care services"
        authority = re.sub(r"^\d+\s+", "", first[: title.start()]).strip(" ,")
    if not authority or len(authority) > 90:
        raise ParseError(f"{filename}: could not find the authority's name in the report's title")
    return authority.strip(), title.group(0)


_NAMED_KIND = re.compile(r"\b(short|standard) inspection\b(?!,?\s+(?:\w+\s+){0,3}?in\s+(?:19|20)\d\d)", re.I)
_EARLIER = re.compile(r"\b(?:last|previous|earlier|most recent|prior|next|first)\s+$", re.I)


def _kind(text, start, end, warnings):
    """What the text calls this inspection ("this short inspection"); else its length on site."""
    for match in _NAMED_KIND.finditer(text):
        if not _EARLIER.search(text[max(0, match.start() - 30): match.start()]):
            return match.group(1).lower()
    days = (end.first_day() - start.first_day()).days + 1
    kind = "short" if days <= SHORT_MAX_DAYS else "standard"
    warnings.append(f"inspection kind '{kind}' inferred from {days} days on site; the text does not name it")
    return kind


def _lead_inspector(first):
    match = re.search(r"Lead inspector:?\s*(.+?)(?:,|\s+(?:Her|His) Majesty|\s+HMI\b|\s+Judgement\b|$)", first, re.I)
    return match.group(1).strip() if match else None


def _judgements(first, lines, start, warnings, filename):
    table_at = re.search(r"\bJudgement\s+Grade\b", first, re.I) or re.search(r"Lead inspector", first, re.I)
    begin = table_at.end() if table_at else 0
    overall = find_labels(first, (_OVERALL,), begin)
    end = overall[0].start if overall else min(len(first), begin + 1500)
    found = find_labels(first, BEFORE_2023, begin, end)
    if not any(item.label is _CARE_AND_LEAVERS for item in found):
        found = find_labels(first, FROM_2023, begin, end)
    found = grades_in_columns(first, found + overall)
    graded = [item for item in found if item.grade]
    if len(graded) < 2:
        raise ParseError(f"{filename}: could not find the judgement table (Judgement | Grade) on page 1")
    for item in found:
        if item.guessed:
            warnings.append(f"{item.label.area}: grade read from a column of grades after the table")
    judgements = [JudgementRecord(item.label.area, item.grade, item.label.strand, "", "page 1, judgement table")
                  for item in found if item.label is not _OVERALL]
    judgements += [JudgementRecord(item.label.area, item.grade, "overall", "", "page 1, judgement table")
                   for item in found if item.label is _OVERALL]
    expected = 5 if start.year >= 2023 else 4
    if len(judgements) != expected:
        warnings.append(f"{len(judgements)} judgements found; an ILACS report of {start.year} has {expected}")
    _cross_check(judgements, lines, warnings)
    return judgements


def _cross_check(judgements, lines, warnings):
    """Each judgement's heading in the body states its grade: fill a gap in the table, or flag a disagreement."""
    body = " ".join(line for _, line in lines)
    lowered = body.lower()
    labels = {label.area: label for label in (_LEADERS, _HELP, _CARE_AND_LEAVERS, _CARE, _LEAVERS, _OVERALL)}
    for judgement in judgements:
        stated = set(graded_mentions(body, labels[judgement.area], lowered=lowered))
        if judgement.grade is None and len(stated) == 1:
            judgement.grade = stated.pop()
            judgement.source_ref = "judgement heading in the body"
            warnings.append(f"{judgement.area}: no grade in the table; taken from its heading")
        elif stated - {judgement.grade}:
            warnings.append(f"{judgement.area}: the table says {judgement.grade} but the text also says "
                            + ", ".join(sorted(stated - {judgement.grade})))


def _findings(lines, warnings):
    """The numbered paragraphs under the judgement headings, from the first heading after the improvements."""
    improve = next((i for i, (_, line) in enumerate(lines) if re.match(r"What needs to improve\b", line, re.I)), 0)
    start = next((i for i in range(improve, len(lines)) if _JUDGEMENT_HEADING.match(lines[i][1])), improve)
    paragraphs = numbered_paragraphs(lines, start)
    if not paragraphs:
        warnings.append("no numbered paragraphs found")
    missing = gaps(paragraphs)
    if missing:
        warnings.append("numbered paragraphs missing: " + ", ".join(map(str, missing)))
    return [FindingRecord(item.text, "finding", theme_of(item.text), f"page {item.page}, paragraph {item.number}")
            for item in paragraphs]


def _areas_for_improvement(lines):
    """The bullets under "What needs to improve?", until the first judgement heading."""
    start = next((i for i, (_, line) in enumerate(lines)
                  if re.fullmatch(r"What needs to improve\??\s*\d*", line, re.I)), None)
    if start is None:
        return []
    items, parts, page_of = [], [], None

    def close():
        if parts:
            text = normalise(" ".join(parts))
            number = len(items) + 1
            items.append(AreaForImprovementRecord(text, "none", theme_of(text), f"page {page_of}, item {number}"))

    bulleted = False
    for page, line in lines[start + 1:]:
        if line.isdigit():
            continue  # a footnote marker on its own line
        if _JUDGEMENT_HEADING.match(line):
            break
        if parts and (not ends_sentence(parts[-1]) or line[:1].islower()) and not is_bullet(line):
            parts.append(line)
        elif is_bullet(line) or not parts or not bulleted:
            # Where the PDF lost the bullet glyphs, each finished sentence is an item of its own.
            bulleted = bulleted or is_bullet(line)
            close()
            parts, page_of = [strip_bullet(line)], page
        else:
            break
    close()
    return items
