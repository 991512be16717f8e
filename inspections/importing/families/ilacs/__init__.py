"""Inspections of local authority children's services (ILACS, 2018 on).

Page 1: the authority, "Inspection dates:", "Lead inspector: Name, His Majesty's Inspector" and a two-column
table "Judgement | Grade" with "Overall effectiveness" last; four judgements before 2023, five from 2023 when
care leavers got their own. Then a summary, a bulleted "What needs to improve?" and numbered paragraphs under a
heading per judgement ("The experiences and progress of children in care: good"), which confirm the table.
The opening (title, authority, dates, lead inspectors) is read in opening.py and dates.py, the table in
judgements.py, which also tells the framework's version: from April 2026 there is no overall effectiveness.
"""

from __future__ import annotations

import re

from inspections.importing.families.ilacs import opening
from inspections.importing.families.ilacs.judgements import read_judgements
from inspections.importing.readers.common import normalise, parse_date
from inspections.importing.readers.earlier_grades import find_earlier_grades
from inspections.importing.readers.judgement_table import (
    body_lines,
    ends_sentence,
    is_bullet,
    strip_bullet,
    theme_of,
)
from inspections.importing.readers.paragraphs import gaps, numbered_paragraphs
from inspections.importing.records import (
    AreaForImprovementRecord,
    DocumentRecord,
    FindingRecord,
)

TITLE_RE = opening.TITLE_RE
_NOT_A_REPORT = re.compile(r"focused visit|monitoring visit|joint targeted area inspection|Dear ", re.I)
_JUDGEMENT_HEADING = re.compile(r"(?:The\s+)?(?:experiences and progress of|impact of leaders)\b", re.I)
# "(outcome 2, national framework)", "(enabler: leaders drive conditions for effective practice, national
# framework)", "(Outcome four: National Framework)": the tag that ends an item from 2025 on.
_TAG_RE = re.compile(
    r"\s*\(\s*(?P<tag>(?:outcomes?|enablers?|principles?)\b[^()]{0,160}?|[^()]{0,160}?\bnational\s+framework)\s*\)"
    r"\s*\.?\s*$",
    re.I,
)
# A short inspection spends one week on site, a standard one two.
SHORT_MAX_DAYS = 7


def detect(text):
    """Whether the document opens as an ILACS report: its title at the top of page 1, then its dates."""
    return opening.is_opening(text) and not _NOT_A_REPORT.search(text[:400])


def parse(pages, filename=""):
    lines = body_lines(pages)
    first = normalise(pages[0])
    authority, title = opening.authority_and_title(first, filename)
    warnings = []
    dates = opening.dates_after_label(pages, filename, warnings)
    start, end = dates.start, dates.end
    published_at = re.search(r"\b(?:Report )?published:", first, re.I)
    record = DocumentRecord(
        document_type="ilacs", authority=authority, title=title, framework="ilacs", start_date=start, end_date=end,
        published=parse_date(first[published_at.end(): published_at.end() + 40]) if published_at else None,
        warnings=warnings,
    )
    if record.published and end and record.published.first_day() < end.first_day():
        warnings.append(f"published {record.published.iso()} before the inspection ended ({end.iso()})")
    record.inspection_kind = _kind(" ".join(line for _, line in lines), dates.days_on_site, warnings)
    record.inspectors = opening.lead_inspectors(first)
    if not record.inspectors:
        warnings.append("no lead inspector found")
    record.framework_version, record.judgements = read_judgements(first, lines, start, warnings, filename)
    record.areas_for_improvement = _areas_for_improvement(lines)
    if not record.areas_for_improvement:
        warnings.append("no 'What needs to improve?' items found")
    record.earlier_grades = find_earlier_grades(lines, start)
    record.findings = _findings(lines, warnings)
    return record


_NAMED_KIND = re.compile(r"\b(short|standard) inspection\b(?!,?\s+(?:\w+\s+){0,3}?in\s+(?:19|20)\d\d)", re.I)
_EARLIER = re.compile(r"\b(?:last|previous|earlier|most recent|prior|next|first)\s+$", re.I)


def _kind(text, days, warnings):
    """What the text calls this inspection ("this short inspection"); else its days on site."""
    for match in _NAMED_KIND.finditer(text):
        if not _EARLIER.search(text[max(0, match.start() - 30): match.start()]):
            return match.group(1).lower()
    if days is None:
        warnings.append("inspection kind 'standard' assumed: neither the text nor the dates tell")
        return "standard"
    kind = "short" if days <= SHORT_MAX_DAYS else "standard"
    warnings.append(f"inspection kind '{kind}' inferred from {days} days on site; the text does not name it")
    return kind


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
                  if re.fullmatch(r"What needs to improve\s*[?:]?\s*\d*", line, re.I)), None)
    if start is None:
        return []
    items, parts, page_of = [], [], None

    def close():
        if parts:
            text, tag = national_framework_tag(normalise(" ".join(parts)))
            number = len(items) + 1
            items.append(AreaForImprovementRecord(text, "none", theme_of(text), f"page {page_of}, item {number}",
                                                  national_framework_tag=tag))

    bulleted = False
    for page, line in lines[start + 1:]:
        if line.isdigit():
            continue  # a footnote marker on its own line
        if _JUDGEMENT_HEADING.match(line):
            break
        # A line that runs on: after an unfinished sentence, in lower case, or an item's tag "(Outcome 4, ...)".
        if parts and (not ends_sentence(parts[-1]) or line[:1].islower() or line[:1] == "(") and not is_bullet(line):
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


def national_framework_tag(text):
    """(text, tag): an item's closing national framework tag taken out of its text, as printed ("" if none)."""
    match = _TAG_RE.search(text)
    if not match:
        return text, ""
    rest = text[: match.start()].rstrip()
    return rest, " ".join(match.group("tag").split())
