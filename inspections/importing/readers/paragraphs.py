"""A report's numbered body paragraphs ("12. Children ..."), whole, from judgement_table.body_lines(). Plain Python.

Ofsted numbers the body paragraphs of a report 1., 2., ... across its sections. A paragraph runs on over line and
page breaks until the next number, a section heading, or the closing Ofsted boilerplate. The number is trusted
only when it follows the previous one closely, and not where a sentence runs on ("cites" / "3. per cent ..."),
so a figure that wraps to the start of a line does not split a paragraph. PDF-to-text output sometimes prints the number after a paragraph's
first words ("- Children who 12. were seen ..."); that is read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspections.importing.readers.common import normalise
from inspections.importing.readers.judgement_table import GRADE, ends_sentence, is_footnote, strip_bullet

_NUMBERED = re.compile(r"^(\d{1,3})\.(?!\d)\s*(?=\S)")
# "words 12. more words": a number displaced after at most a few of the paragraph's first words.
_DISPLACED = re.compile(r"^(?P<before>(?:\S+\s+){1,12}?)(?P<number>\d{1,3})\.\s+(?P<after>\S.*)$")
# How far ahead of the previous number a new one may jump (a paragraph the PDF lost) and still count.
MAX_JUMP = 3
# A footnote at a page's foot takes at most this many lines; lower on a page it is body text.
FOOTNOTE_LINES = 6
_HEADING = re.compile(
    r"^(?:The\s+)?(?:experiences and progress of|impact of leaders)\b|^What needs to improve\b|"
    r"^Overall effectiveness\s*:",
    re.I,
)
_STATED_GRADE = re.compile(rf":\s*(?:{GRADE}|requires)\b", re.I)
_CLOSING = re.compile(r"^The Office for Standards in Education\b|^If you would like a copy of this document", re.I)


@dataclass
class Paragraph:
    number: int  # as the report prints it
    page: int  # where it starts
    text: str  # one line, without its number


def numbered_paragraphs(lines, start=0):
    """[Paragraph] from [(page, line)] (judgement_table.body_lines), reading from lines[start]."""
    paragraphs, parts = [], []
    current = None
    skip = _footnote_lines(lines)

    def close():
        nonlocal current, parts
        if current is not None:
            current.text = _joined(parts)
            if current.text:
                paragraphs.append(current)
        current, parts = None, []

    for index in range(start, len(lines)):
        page, line = lines[index]
        if index in skip or line.isdigit():
            continue  # footnotes, footnote markers and stray page numbers
        if _CLOSING.match(line):
            break
        if _is_heading(lines, index):
            close()
            continue
        last = paragraphs[-1].number if current is None and paragraphs else (current.number if current else 0)
        numbered = _NUMBERED.match(line)
        if (numbered and last < int(numbered.group(1)) <= last + MAX_JUMP
                and not (parts and line[numbered.end()].islower() and not ends_sentence(parts[-1]))):
            close()
            current, parts = Paragraph(int(numbered.group(1)), page, ""), [line[numbered.end():]]
            continue
        displaced = _DISPLACED.match(strip_bullet(line))
        if (displaced and int(displaced.group("number")) == last + 1
                and (current is None or ends_sentence(parts[-1])) and not line[:1].islower()):
            close()
            current = Paragraph(last + 1, page, "")
            parts = [displaced.group("before") + displaced.group("after")]
            continue
        if current is not None:
            parts.append(line)
    close()
    return paragraphs


def gaps(paragraphs):
    """The numbers missing from 1..N: each one a paragraph the reading lost or merged into its neighbour."""
    numbers = {item.number for item in paragraphs}
    return [n for n in range(1, max(numbers, default=0) + 1) if n not in numbers]


def _is_heading(lines, index):
    """A judgement heading ("The experiences and progress of ...: good"), its grade maybe on the next line."""
    line = lines[index][1]
    if not _HEADING.match(line):
        return False
    if line.lower().startswith("what needs to improve"):
        return True
    following = lines[index + 1][1] if index + 1 < len(lines) else ""
    return bool(_STATED_GRADE.search(line) or (not ends_sentence(line) and _STATED_GRADE.search(following)))


def _footnote_lines(lines):
    """Indexes of footnotes at a page's foot: "1 The areas for ..." and the lines after it on that page."""
    skip = set()
    for index, (page, line) in enumerate(lines):
        if not is_footnote(line) or line.isdigit():
            continue
        rest = [i for i in range(index, min(len(lines), index + FOOTNOTE_LINES + 1)) if lines[i][0] == page]
        if index + len(rest) >= len(lines) or lines[index + len(rest)][0] != page:
            skip.update(rest)
    return skip


def _joined(parts):
    text = ""
    for part in parts:
        part = normalise(part)
        if text.endswith("-") and part[:1].islower() and not text.endswith(" -"):
            text += part  # "multi-" + "agency" keeps its hyphen
        else:
            text = f"{text} {part}" if text else part
    return text
