"""Councils' own self-evaluations of their children's services: the claims they make about themselves.

A self-evaluation is the council's document, not Ofsted's: its heading names the council and calls itself a
self-evaluation or self-assessment. The parser proposes claims for a person to confirm: sentences that carry
a figure (percentages, counts, money, "x out of y", rankings such as "top quartile") or a grade-like quality
word ("good", "strong", "requires improvement"). Reading the figures and their units is in claims.py; a sentence's further figures, further.py.
Plain Python.
"""

from __future__ import annotations

import re

from inspections.importing.families.self_evaluation import claims, further
from inspections.importing.readers import letters
from inspections.importing.readers.common import normalise, parse_date, parse_month_year, require
from inspections.importing.records import DocumentRecord, PartialDate

HEAD_CHARS = 600  # how much of the start is the heading area
COVER_CHARS = 300  # where the cover's date is
COVER_LINES = 6
SELF_RE = re.compile(r"\bself[- ]?(?:evaluation|assessment)\b", re.I)
TITLE_YEAR_RE = re.compile(r"\bself[- ]?(?:evaluation|assessment)\W{0,3}((?:19|20)\d\d)\b", re.I)
# Marks of an Ofsted report or letter in the heading area.
OFSTED_RE = re.compile(
    r"\bOfsted\b|Majesty's (?:Chief )?Inspector|\bHMI\b|\bInspection dates\b|\bLead inspector\b|"
    r"^\W*(?:Joint targeted area )?Inspection of\b",
    re.I,
)
COUNCIL_RE = re.compile(
    r"\b((?:(?:London Borough|Royal Borough|City|Borough|County|Metropolitan Borough) of )?"
    r"[A-Z][\w'&-]*(?: (?:upon|on|and|of) [A-Z][\w'&-]*| [A-Z][\w'&-]*){0,4} "
    r"(?:Metropolitan Borough |Metropolitan District |County |City |Borough |District )?Council)\b"
)
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_LINE_RE = re.compile(rf"^\s*[{SUPERSCRIPTS}]+\s")
FOOTNOTE_MARK_RE = re.compile(rf"[{SUPERSCRIPTS}]+")
# An embedded file's label as text conversion leaves it ("Plan on a" / "Page2017.doc").
ATTACHMENT_RE = re.compile(r"\.(?:docx?|pdf|xlsx?|pptx?|msg|csv)\s*$", re.I)
TOC_RE = re.compile(r"^\s*(?:\d{1,3}\s*\t|\t)|(?:\.{3,}|\t)\s*\d{1,3}\s*$|^\s*(?:contents|page)\s*:?\s*$", re.I)
MARKUP_RE = re.compile(r"</?(?:i|b|em|strong|u)>|\*{1,2}(?=\w)|(?<=\w)\*{1,2}|\[([^\]]*)\]\([^)]*\)")
BULLET_RE = re.compile(r"^\s*(?:[-\u2013\u2022\u25aa\u25a0\u25cf\uf0b7\uf0a7*]|\d{1,2}[.)])\s+")
# A paragraph that ends without a sentence's punctuation and a heading's brevity was cut by a page break.
CUT_PARAGRAPH_WORDS = 12
HEADING_WORDS = 12
# A page with fewer blank lines than this share of its text lines is wrapped PDF text.
WRAPPED_BLANK_SHARE = 0.1
WRAPPED_MIN_LINES = 10


def detect(text):
    """A council's self-evaluation: "self-evaluation" in its heading area and no mark of Ofsted there."""
    head = text[:HEAD_CHARS]
    if letters.letter_kind(text) or OFSTED_RE.search(head):
        return False
    return bool(SELF_RE.search(head))


def parse(pages, filename=""):
    chunks = _chunks(pages)
    head = normalise(" ".join(text for page in chunks for text, _is_heading in page))[:HEAD_CHARS]
    record = DocumentRecord(
        document_type="self_evaluation",
        authority=require(_authority(head), "the council's name in the heading", filename),
        title=_title([text for page in chunks for text, _is_heading in page][:COVER_LINES]),
        published=require(_published(head), "the document's date in the heading", filename),
    )
    for source_ref, text, heading in _paragraphs(chunks):
        previous = ""
        for number, sentence in enumerate(claims.sentences(text), start=1):
            for order, claim in enumerate(further.read_claims(sentence, previous=previous, heading=heading), start=1):
                # The sentence too: a paragraph can hold several claims, and a curated claim is matched on this;
                # a sentence's further figures after it ("figure 2"), each a claim of its own.
                claim.source_ref = f"{source_ref}, sentence {number}" + (f", figure {order}" if order > 1 else "")
                record.claims.append(claim)
            previous = sentence
    if not record.claims:
        record.warnings.append(f"{filename}: no claims found" if filename else "no claims found")
    return record


def _authority(head):
    match = COUNCIL_RE.search(head)
    return match.group(1) if match else ""


def _published(head):
    """The date on the cover: a full date if given, else the month ("February 2018"), else the year of a
    title such as "Self-Evaluation 2018"."""
    cover = head[:COVER_CHARS]
    found = parse_date(cover) or parse_month_year(cover)
    if found is None:
        titled = TITLE_YEAR_RE.search(cover)
        found = PartialDate(int(titled.group(1))) if titled else None
    return found


def _title(cover):
    """The cover line that calls the document a self-evaluation and says more than that, else the first line."""
    lines = [text for text in cover if len(text.split()) <= 20]
    named = [text for text in lines if SELF_RE.search(text) and len(text.split()) > 2]
    return (named or lines or [""])[0]


def _paragraphs(chunks):
    """[(source_ref, text, heading)]: each paragraph or list item, numbered within its section."""
    out = []
    heading, number = "", 0
    for page_number, page in enumerate(chunks, start=1):
        for text, is_heading in page:
            if is_heading:
                heading, number = text, 0
                continue
            number += 1
            ref = f"{heading}, paragraph {number}" if heading else f"page {page_number}, paragraph {number}"
            out.append((ref, text, heading))
    return out


def _chunks(pages):
    """Per page, [(text, is_heading)] with footnotes, contents lists and attachment labels left out."""
    out = []
    previous = None
    for page in pages:
        page_chunks = []
        for text, bullet in _page_items(page):
            if previous is not None and not bullet and not previous[1] and _continues(previous[0], text):
                previous[0] = f"{previous[0]} {text}"
                continue
            item = [text, _is_heading(text) and not bullet]
            page_chunks.append(item)
            previous = item
        out.append(page_chunks)
    # Normalised only now: a paragraph cut by a page break is finished on the next page.
    return [[(normalise(text), is_heading) for text, is_heading in page] for page in out]


def _page_items(page):
    """The page's paragraphs and list items, [(text, is_bullet)].

    Text conversions separate paragraphs with blank lines; PDF text wraps them with none, and is read the
    way letters are.
    """
    lines = [MARKUP_RE.sub(lambda m: m.group(1) or "", line) for line in page.split("\n")]
    filled = [line for line in lines if line.strip()]
    if len(filled) >= WRAPPED_MIN_LINES and len(lines) - len(filled) < len(filled) * WRAPPED_BLANK_SHARE:
        lines = _unwrapped(lines)
    keep = [True] * len(lines)
    for index, line in enumerate(lines):
        if FOOTNOTE_LINE_RE.match(line) or TOC_RE.search(line):
            keep[index] = False
        elif ATTACHMENT_RE.search(line):
            keep[index] = False
            above = next((i for i in range(index - 1, max(index - 3, -1), -1) if lines[i].strip()), None)
            if above is not None and len(lines[above].split()) <= 4:
                keep[above] = False
    items = []
    blank = True
    for line, kept in zip(lines, keep):
        if not kept:
            continue
        text = FOOTNOTE_MARK_RE.sub("", line).strip()
        if not text:
            blank = True
            continue
        bullet = BULLET_RE.match(text)
        if bullet:
            items.append([text[bullet.end():], True])
        elif blank or not items:
            items.append([text, False])
        else:
            items[-1][0] = f"{items[-1][0]} {text}"
        blank = False
    return [(text, bullet) for text, bullet in items]


def _unwrapped(lines):
    """Wrapped PDF lines with a blank line after each paragraph end and around each heading-like line.

    A paragraph ends on a line that closes a sentence and leaves room for the next word, or has no trailing
    space (PDF text keeps one on wrapped lines); a short line without closing punctuation is a heading.
    """
    width = max(len(line.rstrip()) for line in lines)
    out = []
    for index, line in enumerate(lines):
        text = line.strip()
        following = next((later.split()[0] for later in lines[index + 1:] if later.strip()), "")
        after_wrap = bool(out) and out[-1].endswith(" ")  # the line goes on from a wrapped one
        short_title = (
            text and not after_wrap and not line.endswith(" ") and len(text.split()) <= HEADING_WORDS
            and not text.endswith(tuple(".?!:;,")) and text[:1].isupper()
        )
        ends = text.endswith(tuple(".?!:;")) and (
            not line.endswith(" ") or len(text) + 1 + len(following) <= width - letters.WRAPPED_ROOM
        )
        if short_title and out and out[-1].strip():
            out.append("")
        out.append(line)
        if ends or short_title:
            out.append("")
    return out


def _continues(previous, text):
    """Whether text carries on a paragraph that a page break or footnotes cut."""
    if text[:1].islower():
        return True
    cut = not previous.rstrip().endswith(tuple(".?!:;)\"'-"))
    return cut and len(previous.split()) >= CUT_PARAGRAPH_WORDS and not _is_heading(text)


def _is_heading(text):
    words = text.split()
    return (
        0 < len(words) <= HEADING_WORDS
        and text[:1].isupper()
        and not text.rstrip().endswith(tuple(".?!;,"))
        and not re.search(r"\d{2,}\s*%|£", text)
    )

