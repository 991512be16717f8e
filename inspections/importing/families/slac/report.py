"""The layout Ofsted used for children's services reports from 2009 to 2013. Plain Python.

The 2009-12 safeguarding and looked after children inspections, their safeguarding follow-ups and the 2012-13
looked after children inspections share one layout: a cover (title, authority, "Inspection dates", "Reporting
inspector", "Published"), a contents list, numbered paragraphs under headings, a "Grade N (word)" line under
each judgement heading, "Areas for improvement" grouped by timescale, and a closing "Record of main findings".
This module reads that layout into lines, headings and paragraphs; slac_judgements, slac_areas and slac_earlier
read the facts from them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from inspections.importing.readers.common import normalise, parse_date, parse_date_range, require
from inspections.importing.records import ParseError, PartialDate

NOT_WORD_RE = re.compile(r"[^a-z0-9 ]")
SECTION_RE = re.compile(r"^(safeguarding services|services for looked after children(?: and (?:young people|care leavers))?)$", re.I)
TEXT_GRADE_RE = re.compile(r"\bGrade\s*([1-4])\s*\(\s*(outstanding|good|adequate|inadequate)\s*\)", re.I)
RECORD_HEADING = "record of main findings"
# Column-0 bullets as the PDF-to-text tools leave them: hyphens, bullets, Wingdings private-use characters.
BULLETS = "-–•\uf0a7\uf0b7\u25aa\u25cf"
BULLET_RE = re.compile(rf"^\s*[{BULLETS}]\s+")
PARA_START_RE = re.compile(rf"^(?:[{BULLETS}]\s+)?(\d{{1,3}})\.\s+(?=\S)")
# A paragraph number that slipped into its first line ("the young 47. people's"): no sentence starts lower case.
STRAY_NUMBER_RE = re.compile(r"(?<=[a-z,]) (\d{1,3})\. (?=[a-z])")
INSPECTOR_RE = re.compile(
    r"(?:Reporting|Lead) inspector\s*:?\s*(.+?)(?=\s*(?:Age group|Published|Inspection dates?|©|Contents|$))", re.I
)
# "HMI", ", Her Majesty's Inspector": the role, not the name.
ROLE_RE = re.compile(r",?\s*(?:HMI|(?:Her|His) Majesty's Inspector|Additional Inspector)\b.*$", re.I)


@dataclass
class Line:
    page: int  # 1-based
    text: str  # normalised
    raw: str  # as extracted, for bullets and indentation
    section: str = ""  # the section heading in force ("Safeguarding services")
    grade: re.Match | None = None  # a "Grade N (word)" in the line, searched once

    def __post_init__(self):
        self.grade = TEXT_GRADE_RE.search(self.text) if "grade" in self.text.lower() else None


@dataclass
class Header:
    title: str
    authority: str
    start: PartialDate
    end: PartialDate
    published: PartialDate | None
    inspectors: list[str]


@dataclass
class Paragraph:
    page: int
    number: int | None
    text: str
    section: str
    heading: str


@functools.lru_cache(maxsize=8192)
def key(text):
    """A heading or label reduced for comparison: case, punctuation and "well-being"/"wellbeing" ignored."""
    text = text.lower().replace("well-being", "wellbeing").replace("well being", "wellbeing")
    return " ".join(NOT_WORD_RE.sub(" ", text).split())


def join_wrapped(text, more):
    """Two lines of one paragraph; a word broken after its hyphen ("well-" / "being") closes up."""
    if text[-2:-1].isalpha() and text.endswith("-") and more[:1].islower():
        return text + more
    return f"{text} {more}"


def read_header(pages, title_re, filename=""):
    """Title, authority, dates, inspectors and publication from the cover page."""
    head = normalise(pages[0][:4000]) if pages else ""
    title = title_re.search(head[:400])
    if not title:
        raise ParseError(f"{filename}: could not find the report title ('Inspection of ...') on the first page")
    dates_at = re.search(r"Inspection dates?\s*:?", head, re.I)
    if not dates_at:
        raise ParseError(f"{filename}: could not find the inspection dates ('Inspection dates: ...') on the first page")
    # The authority is printed under the title; some covers print it first.
    authority = head[title.end():dates_at.start()].strip(" :-–,")
    if not authority:
        authority = re.sub(r"^\d+\s+", "", head[:title.start()]).strip(" :-–,")
    require(authority, "the authority (the name printed under the title)", filename)
    date_text = re.split(r"(?i)reporting inspector|lead inspector|age group|published", head[dates_at.end():][:200])[0]
    start, end = parse_date_range(date_text)
    require(start, f"the inspection dates (read {date_text.strip()!r} after 'Inspection dates')", filename)
    published_at = re.search(r"Published\s*:?\s*", head, re.I)
    published = parse_date(head[published_at.end():][:40]) if published_at else None
    found = INSPECTOR_RE.search(head[:1500])
    lead = ROLE_RE.sub("", found.group(1)).strip(" ,:;") if found else ""
    inspectors = [lead] if lead else []  # the cover names the lead alone; the text counts the team without names
    return Header(normalise(title.group(0)), authority, start, end, published, inspectors)


def report_lines(pages, header, default_section=""):
    """Every line that carries content, with its page and section; page numbers and running headers dropped."""
    # A running header or footer: title and authority, either order, with the page number before or after.
    names = rf"(?:{re.escape(header.authority)},?\s+{re.escape(header.title)}|{re.escape(header.title)},?\s+{re.escape(header.authority)})"
    running = re.compile(rf"^(?:(?:page\s+)?\d{{1,3}}\s+{names}|{names}(?:,?\s+(?:page\s+)?\d{{1,3}})?)$", re.I)
    lines, section = [], default_section
    for number, page in enumerate(pages, start=1):
        for raw in page.splitlines():
            text = normalise(raw)
            if not text or re.fullmatch(r"\d{1,3}", text) or running.match(text):
                continue
            if SECTION_RE.match(text.rstrip(": ")):
                section = text.rstrip(": ")
            lines.append(Line(number, text, raw.rstrip(), section))
    return lines


def contents_headings(lines):
    """The headings the contents list names (keys), a wrapped entry joined to its second line."""
    start = next((i for i, line in enumerate(lines) if key(line.text) == "contents"), None)
    if start is None:
        return set()
    headings, pending = set(), ""
    for line in lines[start + 1:start + 80]:
        entry = re.match(r"^(.*?\S)\s+\d{1,3}$", line.text)
        if entry:
            headings.add(key(f"{pending} {entry.group(1)}"))
            pending = ""
            continue
        if pending:  # two lines without a page number: the list has ended
            break
        pending = line.text
    headings.discard("")
    return headings


def is_structural(line, headings):
    """A line that closes a paragraph or a list: a heading, a grade line, a section or the findings table."""
    text = key(line.text)
    return (
        text in headings
        or bool(SECTION_RE.match(line.text.rstrip(": ")))
        or line.grade is not None
        or text.startswith(RECORD_HEADING)
        or text == "areas for improvement"
    )


def record_start(lines):
    """Index of the "Record of main findings" heading (the last one: the contents list names it too)."""
    found = [i for i, line in enumerate(lines) if key(line.text).startswith(RECORD_HEADING)]
    return found[-1] if found else None


def paragraphs(lines, headings, heading_at):
    """Numbered paragraphs of the body, each with its section and the judgement heading it sits under.

    heading_at maps line indexes that belong to a judgement heading to that judgement's area.
    """
    body = next((i for i, line in enumerate(lines) if key(line.text) == "about this inspection"), None)
    if body is None:
        body = next((i for i, line in enumerate(lines) if PARA_START_RE.match(line.text)), len(lines))
    end = record_start(lines) or len(lines)
    out, current, heading = [], None, ""
    for index in range(body, end):
        line = lines[index]
        if index in heading_at or is_structural(line, headings):
            heading, current = heading_at.get(index, line.text), None
            continue
        numbered = PARA_START_RE.match(line.text)
        text = BULLET_RE.sub("", line.text)
        starts_paragraph = bool(line.raw[:1]) and line.raw[:1] in BULLETS and not text[:1].islower()
        if numbered:
            current = Paragraph(line.page, int(numbered.group(1)), line.text[numbered.end():], line.section, heading)
            out.append(current)
        elif starts_paragraph or current is None:
            current = Paragraph(line.page, None, text, line.section, heading)
            out.append(current)
        else:
            current.text = join_wrapped(current.text, text)
    for paragraph in out:
        stray = STRAY_NUMBER_RE.search(paragraph.text)
        if stray and paragraph.number is None:
            paragraph.number = int(stray.group(1))
        paragraph.text = STRAY_NUMBER_RE.sub(" ", paragraph.text)
    _infer_lost_numbers(out)
    return out


def _infer_lost_numbers(items):
    """A paragraph whose number the extraction lost sits between n-1 and n+1 (or opens the body before 2)."""
    for index, paragraph in enumerate(items):
        if paragraph.number is not None:
            continue
        before = items[index - 1].number if index else None
        after = items[index + 1].number if index + 1 < len(items) else None
        if after and (before == after - 2 or (before is None and after == 2)):
            paragraph.number = after - 1


def place(page, paragraph=None, what=""):
    """A source reference: "page 4, paragraph 23", else "page 4, <what>"."""
    if paragraph:
        return f"page {page}, paragraph {paragraph}"
    return f"page {page}, {what}" if what else f"page {page}"
