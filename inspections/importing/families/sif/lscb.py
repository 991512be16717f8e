"""The Local Safeguarding Children Board in SIF reports: its judgement, where its section starts, and the review
of a board on its own.

A combined report grades the board under a heading ("The Local Safeguarding Children Board is good", "The
effectiveness of the LSCB requires improvement"). A review of the board alone (after an inspection that left
it out) has that sentence on its cover and a bulleted list of recommendations. Either way the judgement is the
board's, in its own section, never the council's overall grade.
"""

from __future__ import annotations

import re

from inspections.importing.readers.common import normalise
from inspections.importing.readers.judgement_table import (
    GRADE,
    ends_sentence,
    is_bullet,
    strip_bullet,
    to_grade,
)
from inspections.importing.records import AreaForImprovementRecord, JudgementRecord
from inspections.themes import best_theme, theme_scores

LSCB_SECTION = "Review of the Local Safeguarding Children Board"
# The board's own theme. A recommendation to the board is about the board's work unless its words say more about
# another subject: being in the board's review counts as one mention of the board ("Ensure that the Board has the
# right level of resources" names no other theme; one of the board's audits is still the board's). Measured with
# bench/classifiers.py: one mention did better than none (no theme at all) or two (CSE or early help lost).
LSCB_THEME = "partnership-safeguarding-board"
LSCB_AREA = "Overall effectiveness of the LSCB"
# A heading, so the grade ends its line.
_LSCB_RE = re.compile(
    r"(?:Section \d+:\s*)?The (?:effectiveness of the )?"
    r"(?:Local Safeguarding Children'?s? Board\d*(?:\s*\(LSCB\))?|LSCB)\s+"
    rf"(?:is\s+)?(?:that it\s+)?({GRADE})\s*(?:\.|\s+because:?)?",
    re.I,
)
_LSCB_SECTION_RE = re.compile(r"(?:Section \d+:\s*)?The (?:effectiveness of the )?Local Safeguarding", re.I)
_RECOMMENDATIONS_RE = re.compile(r"^Recommendations?\s*$", re.I)


def lscb_judgement(lines, warnings):
    """The board's judgement from its heading, or None; a warning if it is printed with different grades."""
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
        warnings.append("the LSCB judgement is printed with different grades: "
                        + ", ".join(f"{grade} (page {page})" for page, grade in grades))
    page, grade = grades[0]
    return JudgementRecord(LSCB_AREA, grade, "none", LSCB_SECTION, f"page {page}, LSCB judgement")


def lscb_start(lines):
    """Index of the first line of the LSCB section (a heading, not a contents line), or len(lines)."""
    for index, (page, line) in enumerate(lines):
        if page > 1 and "Safeguarding" in line and _LSCB_SECTION_RE.match(line) and not line[-1].isdigit():
            return index
    return len(lines)


def board_item_theme(text):
    """The theme of a recommendation to the board: the board's own unless its words say more about another."""
    scores = theme_scores(text)
    scores[LSCB_THEME] = scores.get(LSCB_THEME, 0) + 1
    return best_theme(scores)


def review_recommendations(lines):
    """The bulleted recommendations of a review of the board alone, as LSCB areas for improvement."""
    start = next((i for i, (page, line) in enumerate(lines) if page > 1 and _RECOMMENDATIONS_RE.match(line)), None)
    if start is None:
        return []
    items, parts, page_of = [], [], None

    def close():
        if parts:
            text = normalise(" ".join(parts))
            items.append(AreaForImprovementRecord(text, "none", board_item_theme(text),
                                                 f"page {page_of}, item {len(items) + 1} (LSCB)"))

    for page, line in lines[start + 1:]:
        if is_bullet(line) and strip_bullet(line):
            close()
            parts, page_of = [strip_bullet(line)], page
        elif parts and (not ends_sentence(parts[-1]) or line[:1].islower()):
            parts.append(line)
        else:
            break  # the next heading ("Inspection findings")
    close()
    return items
