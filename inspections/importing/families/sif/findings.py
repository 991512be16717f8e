"""The local authority's "Summary of findings" in a SIF report: its bullets (or numbered points) as findings.

The summary follows "The local authority" heading and ends at "What does the local authority need to improve?".
Bullets may be grouped under sub-headings ("Leadership and management"); some reports number the points instead,
the numbering running on into the areas for improvement. The LSCB's own summary, later on, is not read here.
"""

from __future__ import annotations

import re

from inspections.importing.readers.common import normalise
from inspections.importing.readers.judgement_table import ends_sentence, is_bullet, is_footnote, strip_bullet, theme_of
from inspections.importing.records import FindingRecord

_HEADING_RE = re.compile(r"^(?:Section \d+:\s*)?(?:The local authority\s*[-–:]\s*)?Summary of findings$", re.I)
# Where the summary ends: the list of what to improve, the strengths, or any other section heading.
_END_RE = re.compile(
    r"^(?:what does the|priority and immediate|areas for improvement|recommendations|the local authority's strengths"
    r"|strengths|progress since|summary for children|information about|inspection judgements?)",
    re.I,
)
_NUMBERED_RE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")


def summary_findings(lines, lscb_start):
    """FindingRecords for the bullets of the local authority's summary of findings in lines[:lscb_start]."""
    start = _summary_start(lines, lscb_start)
    if start is None:
        return []
    findings, parts, page_of, number = [], [], None, 0

    def close():
        if parts:
            text = normalise(" ".join(parts))
            findings.append(FindingRecord(text, "finding", theme_of(text), f"page {page_of}, bullet {len(findings) + 1}"))

    index = start + 1
    while index < lscb_start:
        page, line = lines[index]
        numbered = _NUMBERED_RE.match(line)
        if _END_RE.match(line) and not line[-1].isdigit():
            break
        if is_footnote(line) and near_page_foot(lines, index):
            index = next_page(lines, index)
            continue
        if is_bullet(line) and strip_bullet(line):
            close()
            parts, page_of = [strip_bullet(line)], page
        elif numbered and int(numbered.group(1)) == number + 1:
            close()
            number, parts, page_of = number + 1, [numbered.group(2)], page
        elif parts and ends_sentence(parts[-1]) and _is_sub_heading(lines, index, lscb_start):
            close()
            parts = []
        elif parts:
            parts.append(line)
        index += 1
    close()
    return findings


def _summary_start(lines, lscb_start):
    """The heading's index; a contents line ("Summary of findings 3") ends in a page number and does not match."""
    for index, (page, line) in enumerate(lines[:lscb_start]):
        # The LSCB's own summary follows the board's heading; contents lines end in a page number.
        before = " ".join(text for _, text in lines[max(0, index - 2): index] if not text[-1].isdigit())
        if page > 1 and _HEADING_RE.match(line) and not re.search(r"Safeguarding Children|LSCB", before):
            return index
    return None


def _is_sub_heading(lines, index, end):
    """A short unpunctuated line ("Quality of practice") with a bullet or numbered point after it."""
    line = lines[index][1]
    if len(line.split()) > 8 or ends_sentence(line) or not line[:1].isupper() or index + 1 >= end:
        return False
    following = lines[index + 1][1]
    return is_bullet(following) or bool(_NUMBERED_RE.match(following))


def near_page_foot(lines, index, within=6):
    """Whether the line at `index` is among the last of its page (where footnotes sit)."""
    page = lines[index][0]
    return index + within >= len(lines) or lines[index + within][0] != page


def next_page(lines, index):
    page = lines[index][0]
    while index < len(lines) and lines[index][0] == page:
        index += 1
    return index
