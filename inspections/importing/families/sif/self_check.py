"""The self-check of a SIF report: its first-page summary of judgements against its own judgement sections.

Each judgement of the local authority has a section in the body that ends its heading with the grade ("The
experiences and progress of children who need help and protection / Requires improvement", "Leadership,
management and governance requires improvement") or states it in a sentence ("The graded judgement for adoption
performance is that it is good"). The summary on page 1 and those sections should agree; a disagreement is a
warning naming the judgement, both grades and both pages, since either may be the misprint. The overall
judgement has no section of its own and is not checked here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from inspections.importing.readers.judgement_table import GRADE, to_grade

_END = r"[ \t.]*(?=\n|$)"  # a heading's grade ends its line
_IS = r"\s*(?:is\s+|are\s+)?"


def _words(text):
    return r"\s+".join(re.escape(word) for word in text.split()) + r"\d*"


_GRADED = r"graded\s+judge?ments?\s+(?:for|about|on)\s+(?:the\s+)?"
_THAT = r"\s+(?:is\s+)?(?:that\s+(?:it\s+|they\s+)?(?:is\s+|are\s+)?)?"
_HEADING = r"(?:^|\n)(?:The\s+)?"
_LEAVERS = r"experiences?\s+and\s+progress\s+of\s+care\s+leavers\d*"


def _either(*patterns):
    return tuple(re.compile(pattern, re.I) for pattern in patterns)


# Per judgement, the wordings of its section, tried in order: the sentence "The graded judgement ... is that it is
# good" before a heading, since a heading-like line may also open a summary paragraph.
SECTIONS = {
    "Children who need help and protection": _either(
        rf"experiences?\s+and\s+progress\s+of\s+{_words('children who need help and protection')}{_IS}"
        rf"(?P<grade>{GRADE}){_END}"),
    "Children looked after and achieving permanence": _either(
        rf"experiences?\s+and\s+progress\s+of\s+{_words('children looked after and achieving permanence')}{_IS}"
        rf"(?P<grade>{GRADE}){_END}"),
    "Adoption performance": _either(
        rf"{_GRADED}adoption\s+performance{_THAT}(?P<grade>{GRADE})\b",
        rf"{_HEADING}adoption\s+performance{_IS}(?P<grade>{GRADE}){_END}"),
    "Experiences and progress of care leavers": _either(
        rf"{_GRADED}{_LEAVERS}{_THAT}(?P<grade>{GRADE})\b",
        rf"{_HEADING}{_LEAVERS}{_IS}(?P<grade>{GRADE}){_END}"),
    "Leadership, management and governance": _either(
        rf"{_words('Leadership, management and governance')}{_IS}(?P<grade>{GRADE}){_END}"),
}
# The warnings' words, for whoever counts them.
DISAGREES = "the table says"
NO_SECTION = "no judgement section with a grade found in the body to check the table against"


@dataclass
class Section:
    area: str
    grade: str
    page: int


def body_sections(lines, first_page):
    """The first graded section of each judgement on pages from first_page on, by area."""
    pages, parts, offsets = [], [], []
    position = 0
    for page, line in lines:
        if page < first_page:
            continue
        offsets.append(position)
        pages.append(page)
        parts.append(line)
        position += len(line) + 1
    text = "\n".join(parts)
    found = {}
    for area, regexes in SECTIONS.items():
        match = next((m for regex in regexes for m in [regex.search(text)] if m), None)
        if match:
            found[area] = Section(area, to_grade(match.group("grade")), _page_at(match.start("grade"), offsets, pages))
    return found


def check(judgements, lines, table_page, warnings):
    """Warn where the summary's grade (judgements read from page table_page) differs from the body's section.

    A judgement the summary left ungraded takes the section's grade, with a warning. Returns the number of
    disagreements.
    """
    sections = body_sections(lines, table_page + 1)
    disagreements = 0
    for judgement in judgements:
        section = sections.get(judgement.area)
        if section is None:
            if judgement.grade is not None:
                warnings.append(f"{judgement.area}: {NO_SECTION}")
            continue
        if judgement.grade is None and not judgement.source_ref.endswith("(not judged)"):
            judgement.grade, judgement.source_ref = section.grade, "judgement heading in the body"
            warnings.append(f"{judgement.area}: no grade in the table; taken from the text")
        elif judgement.grade != section.grade:
            disagreements += 1
            warnings.append(
                f"{judgement.area}: {DISAGREES} {judgement.grade} (page {table_page}) but its judgement section "
                f"on page {section.page} says {section.grade}"
            )
    return disagreements


def _page_at(position, offsets, pages):
    return pages[max(0, bisect.bisect_right(offsets, position) - 1)]
