"""What Ofsted's letters (monitoring visits, focused visits) share: layout, dates, names, cited grades.

Plain Python. Letters come as PDF text (wrapped lines, an address footer on some pages, bullets in a
symbol font) or as PDF-to-text output (one paragraph a line). Both are rebuilt into blocks: headings,
paragraphs and bullets, each with its page, so the family parsers work on structure, not on line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inspections.importing.readers.common import normalise, require
from inspections.importing.readers.letter_opening import (  # noqa: F401  (the letter parsers read these through this module)
    authority_of,
    earlier_grades,
    inspectors_of,
    letter_date,
    title_of,
    visit_dates,
)
from inspections.importing.records import DocumentRecord

# Square, round and symbol-font bullets as PDF extractors leave them, and the "- " of text conversions.
BULLET_RE = re.compile(
    r"^\s*(?:[\u25a0\u25aa\u25fc\u25cf\u2022\u2023\u2043\u25e6\uf06e\uf0a7\uf0b7\uf0d8\uf0fc*]|-|\u2013)\s*"
)
# Lines of Ofsted's address block and contact details, in letter headers and page footers.
CONTACT_RE = re.compile(
    r"ofsted\.gov\.uk|gov\.uk/ofsted|^(?:T|F|Tel|Fax|Direct T|Direct F|Direct email|Textphone)\b[:\s]*\+?\d[\d ]{6,}$",
    re.I,
)
PAGE_NUMBER_RE = re.compile(r"^(?:page\s+)?\d{1,2}(?:\s+of\s+\d{1,2})?$", re.I)
# The headings Ofsted letters use, by role. Matched against the whole (normalised, lower-case) line.
HEADINGS = {
    "focus": r"areas? covered by (?:the|this) visit",
    "overview": r"overview|headline findings|summary",
    "improve": r"what needs to improve(?: in this area of (?:social work )?practice)?|"
    r"areas? for (?:improvement|development)",
    "priority": r"areas? for priority action|priority actions?",
    "strengths": r"(?:areas? of )?strengths?",
    "findings": r"(?:summary of |main |key )?findings(?: and (?:evaluation of )?progress)?|findings from the visit",
    "evaluation": r"evaluation of progress",
}
HEADING_RE = {role: re.compile(rf"^(?:{pattern})\s*[?:]?$", re.I) for role, pattern in HEADINGS.items()}
# Where a letter's body ends: the closing lines before the signature.
END_RE = re.compile(
    r"^.{0,12}?(?:Ofsted will take the findings|am copying this letter|Yours (?:sincerely|faithfully)|"
    r"Your sincerely|This letter will be published)",
    re.I,
)
CLOSING_INSIDE_RE = re.compile(
    r"(?<=[.!?])\s+(?:Ofsted will take the findings|I am copying this letter|Yours (?:sincerely|faithfully)\b)"
)
SALUTATION_RE = re.compile(r"^Dear\b")
SENTENCE_END = tuple(".?!:;")
# Room (in characters) left on a sentence-ending line for the next word, above which the line ends its
# paragraph; measured against the line spacing of the seven focused visit PDFs.
UNWRAPPED_ROOM = -2
WRAPPED_ROOM = 8
VISIT_KIND_RE = re.compile(r"\b(monitoring|focused|assurance) visit (?:to|of)\b", re.I)
THEME_TEXT_LIMIT = 300  # Inspection.theme_text's length


@dataclass
class Block:
    text: str
    page: int
    kind: str = "para"  # para, bullet, heading or salutation
    role: str = ""  # for headings: a key of HEADINGS, or "" for one this module does not know


@dataclass
class Letter:
    """A letter read into its parts, and the record its heading gives."""

    record: DocumentRecord
    text: str
    by_role: dict
    opening: str
    sections: list = field(default_factory=list)  # [(role, heading, [blocks])], as sections() gives them


def read_letter(pages, filename, document_type, example_dates):
    """The parts every Ofsted letter shares: authority, title, visit and letter dates, inspectors."""
    blocks_ = blocks(pages)
    text = " ".join(block.text for block in blocks_)
    parts = sections(body(blocks_))
    roles = _by_role(parts)
    opening = " ".join(block.text for block in roles.get("opening", []))
    start, end = visit_dates(text)
    visit = document_type.replace("_visit", "").capitalize()
    record = DocumentRecord(
        document_type=document_type,
        authority=require(authority_of(text), f"the authority's name (\"{visit} visit to ...\")", filename),
        title=title_of(text),
        inspection_kind=document_type,
        start_date=require(start, f"the visit dates (\"... visit to X on {example_dates}\")", filename),
        end_date=end,
        published=letter_date(text),
        inspectors=inspectors_of(opening, text),
    )
    # A letter is written after its visit: a date before the visit's last day is a typing error in one of them.
    if record.published and (end or start) and record.published.first_day() < (end or start).first_day():
        record.warnings.append(f"the letter's date ({record.published.iso()}) is before the visit ended "
                               f"({(end or start).iso()}); not stored")
        record.published = None
    return Letter(record, text, roles, opening, parts)


def letter_kind(text):
    """'monitoring' or 'focused' for an Ofsted visit letter, else None. text: the first pages, normalised."""
    dear = re.search(r"\bDear\b", text)
    if not dear or not re.search(r"Majesty's Inspector|\bHMI\b|Ofsted", text):
        return None
    match = VISIT_KIND_RE.search(text, dear.start())
    if not match:
        return None
    return "monitoring" if match.group(1).lower() == "monitoring" else "focused"


def heading_role(line):
    words = normalise(line).strip("*").strip()
    for role, pattern in HEADING_RE.items():
        if pattern.match(words):
            return role
    return None


def blocks(pages, role_of=None):
    """The letter's text as headings, paragraphs and bullets, in order, footers and page numbers left out.

    role_of(line) names the role of a heading line, or None; by default heading_role, the visit letters'
    headings. A family whose letters use other headings passes its own, so that they are read as headings
    even where the line-fill rule would run them into the paragraph above.
    """
    role_of = role_of or heading_role
    out = []
    for number, page in enumerate(pages, start=1):
        lines, wrapped = _body_lines(page)
        width = max((len(line) for line in lines if line), default=0)
        ended = True  # whether the previous line closed its paragraph
        for index, line in enumerate(lines):
            if not line:
                ended = ended or bool(out and out[-1].text.endswith(SENTENCE_END))
                continue
            if SALUTATION_RE.match(line):
                out.append(Block(normalise(line), number, "salutation"))
                ended = True
                continue
            bullet = BULLET_RE.match(line)
            text = line[bullet.end():] if bullet else line
            role = role_of(text) if text[:1].isupper() else None
            if role is not None or (ended and not bullet and _looks_like_heading(text, lines, index)):
                out.append(Block(normalise(text), number, "heading", role or ""))
                ended = True
                continue
            continues = out and not bullet and out[-1].kind not in ("heading", "salutation") and (
                not ended or text[:1].islower() or not out[-1].text.endswith(SENTENCE_END)
            )
            if continues:
                out[-1].text = _join(out[-1].text, text)
            else:
                out.append(Block(normalise(text), number, "bullet" if bullet else "para"))
            # Does a line that ends a sentence end its paragraph? Had the paragraph gone on, the typesetter would
            # have put the next word on this line if it fitted (widths counted in characters, so roughly).
            # PDF text keeps a trailing space on most wrapped lines, so a line with one needs more room to spare.
            next_word = _first_word(lines, index + 1)
            room = width - (len(line) + 1 + len(next_word or ""))
            ended = line.endswith(SENTENCE_END + ("'", '"', ")", "’")) and (
                next_word is None or room >= (WRAPPED_ROOM if wrapped[index] else UNWRAPPED_ROOM)
            )
    return [block for block in out if block.text]


def body(blocks_):
    """The blocks between the salutation and the closing lines.

    A closing sentence can end up inside the last paragraph when PDF text has no blank line between them
    and the paragraph's last line is full; the paragraph is cut there.
    """
    start = next((i + 1 for i, b in enumerate(blocks_) if b.kind == "salutation"), 0)
    out = []
    for block in blocks_[start:]:
        if END_RE.match(block.text):
            break
        closing = CLOSING_INSIDE_RE.search(block.text)
        if closing:
            out.append(Block(block.text[: closing.start()].rstrip(), block.page, block.kind, block.role))
            break
        out.append(block)
    return out


def sections(body_blocks):
    """[(role, heading, [blocks])], the opening paragraphs first with role "opening"; headings left out."""
    out = [("opening", "", [])]
    for block in body_blocks:
        # A heading this module does not know (the letter's title, a subheading) leaves the section as it was.
        if block.kind == "heading" and block.role:
            out.append((block.role, block.text, []))
        elif block.kind == "heading":
            continue
        else:
            out[-1][2].append(block)
    return out


def by_role(blocks_):
    """{role: [blocks]} for the letter's body, sections of one role run together."""
    return _by_role(sections(body(blocks_)))


def _by_role(parts):
    out = {}
    for role, _heading, section_blocks in parts:
        out.setdefault(role, []).extend(section_blocks)
    return out


def items(section_blocks):
    """A section's items: each bullet with the unbulleted paragraphs under it, or else each paragraph."""
    out = []
    uses_bullets = any(block.kind == "bullet" for block in section_blocks)
    for block in section_blocks:
        if uses_bullets and block.kind == "para" and out and out[-1].kind == "bullet":
            out[-1] = Block(f"{out[-1].text} {block.text}", out[-1].page, "bullet")
        else:
            out.append(Block(block.text, block.page, block.kind))
    return out


def focus_of(section_blocks, pattern):
    """The sentence naming what a visit looked at (from the first block matching pattern), and its paragraph.

    A sentence ending in a colon takes the bullets that follow it ("with a particular focus on: ...").
    """
    for index, block in enumerate(section_blocks):
        for sentence in re.split(r"(?<=[.:])\s+(?=[A-Z])", block.text):
            match = re.search(pattern, sentence, re.I)
            if not match:
                continue
            focus = sentence[match.end():].strip()
            if focus.endswith(":"):
                listed = [b.text.rstrip(".;") for b in section_blocks[index + 1:] if b.kind == "bullet"]
                following = section_blocks[index + 1:index + 1 + len(listed)]
                if listed and all(b.kind == "bullet" for b in following):
                    focus = focus + " " + "; ".join(_lower_first(item) for item in listed)
            return focus.strip(":. "), block.text
    return "", ""


def _lower_first(text):
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def clip(text, limit=THEME_TEXT_LIMIT):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _body_lines(page):
    """The page's lines, without contact details, the address block above them, or page numbers; and for
    each line whether it ended in a space."""
    raw = page.replace("-\ufffe\n", "-").split("\n")
    wrapped = [line.endswith(" ") for line in raw]
    lines = [line.replace("\ufffe", "-").rstrip() for line in raw]
    drop = set()
    for index, line in enumerate(lines):
        stripped = line.strip().strip("*")
        if PAGE_NUMBER_RE.match(stripped):
            drop.add(index)
        elif CONTACT_RE.search(stripped):
            drop.add(index)
            # The address lines just above a contact line ("Ofsted", "Piccadilly Gate", "Manchester").
            above = index - 1
            while above >= 0 and index - above <= 6 and _address_like(lines[above]):
                drop.add(above)
                above -= 1
    return [line.strip() if i not in drop else "" for i, line in enumerate(lines)], wrapped


def _address_like(line):
    stripped = line.strip()
    return (
        bool(stripped)
        and len(stripped) <= 30
        and not stripped.endswith(SENTENCE_END + (",",))
        and heading_role(stripped) is None
        and not re.search(r"Inspector|sincerely|\bHMI\b|Director", stripped)
    )


def _looks_like_heading(text, lines, index):
    """A short line without closing punctuation, after a finished paragraph, followed by a capital."""
    text = normalise(text)
    if len(text.split()) > 10 or text.endswith(SENTENCE_END + (",",)) or not text[:1].isupper():
        return False
    following = _first_word(lines, index + 1)
    return following is not None and following[:1].isupper()


def _first_word(lines, start):
    for line in lines[start:]:
        if line:
            text = BULLET_RE.sub("", line, count=1)
            return text.split()[0] if text.split() else None
    return None


def _join(left, right):
    right = normalise(right)
    if left.endswith("-") and right[:1].islower() and not left.endswith(" -"):
        return left + right  # "multi-" + "agency" keeps its hyphen
    return f"{left} {right}"


def warn_missing(record, filename, checks):
    """A warning on the record for each (missing, what) check that holds: a letter read without one of its parts."""
    for missing, message in checks:
        if missing:
            record.warnings.append(f"{filename}: {message}" if filename else message)
