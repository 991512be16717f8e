"""A JTAI letter's body in sections: strengths, areas for improvement, main findings, case studies.

2016-2020 letters: an untitled overview, "Key strengths" (bullets), a case study, "Areas for improvement"
(bullets, in 2016 under subheadings such as "Leadership and management"), a case study, "Next steps". From 2022:
"Headline findings", "What needs to improve?" (bullets), "Strengths" (bullets; not in 2022), "Main findings"
(paragraphs), practice studies, "Next steps". The case and practice studies tell one child's story and are left
out. Plain Python, on the blocks letters.py rebuilds from the PDF text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspections.importing.readers import letters
from inspections.importing.readers.common import normalise

HEADINGS = {
    "overview": r"headline findings|context|overview|summary(?: of findings)?|introduction|background",
    "strengths": r"(?:key |main |areas? of )?strengths?",
    "improve": r"areas? for (?:improvement|development)|what needs to improve(?: in this area)?|"
    r"areas? for priority action|priority actions?",
    "findings": r"(?:main |key |detailed )?findings",
    "case_study": r"(?:case|practice) stud(?:y|ies)(?:\s*:.{0,80})?",
    "next_steps": r"next steps|what happens next",
}
HEADING_RE = {role: re.compile(rf"^(?:{pattern})\s*[?:.]?$", re.I) for role, pattern in HEADINGS.items()}
# Words a heading does not end on: a line ending on one is the start of a sentence that runs on.
RUN_ON_WORDS = {"a", "an", "the", "of", "for", "to", "and", "or", "in", "on", "with", "by", "at", "from", "that",
                "which", "who", "is", "are", "be", "as", "their", "its"}
SUBHEADING_WORDS = 15  # "Responses to children missing and at risk of child sexual exploitation"


@dataclass
class Item:
    """One strength, area for improvement or finding: its text, and where it is."""

    text: str
    page: int
    source_ref: str


def restore_line_breaks(pages):
    """The pages with the line breaks PDF text loses at a hyphenated line end put back.

    pypdfium2 gives a word hyphenated across lines as "co\ufffelocated in the RfSH ...", two lines' text on one
    line; read as one line it is twice as wide as the page and throws the line-fill rule of letters.blocks.
    """
    return [re.sub("\ufffe(?!\n)", "\ufffe\n", page) for page in pages]


def heading_role(line):
    words = normalise(line).strip("*").strip()
    for role, pattern in HEADING_RE.items():
        if pattern.match(words):
            return role
    return None


def sections(pages):
    """[(role, heading, [blocks])]: the letter's body cut at the headings above, "opening" first (the title, the
    dates and, in older letters, the untitled overview). Other headings stay in their section as subheadings."""
    out = [("opening", "", [])]
    for block in letters.body(letters.blocks(pages, role_of=heading_role)):
        if block.kind == "heading" and block.role:
            out.append((block.role, block.text, []))
        else:
            out[-1][2].append(block)
    return [(role, heading, _tidy(blocks)) for role, heading, blocks in out]


def items(heading, section_blocks):
    """The section's items with their source references ("page 5, Areas for improvement (Leadership and
    management), bullet 1"; "page 2, Main findings, paragraph 3"), bullets and paragraphs each numbered through
    the section. A paragraph under a bullet belongs to it."""
    out, counts, subheading, open_bullet = [], {"bullet": 0, "paragraph": 0}, "", False
    uses_bullets = any(block.kind == "bullet" for block in section_blocks)
    for block in section_blocks:
        if block.kind == "heading":
            subheading, open_bullet = block.text, False
            continue
        if uses_bullets and block.kind == "para" and out and open_bullet:
            out[-1].text = f"{out[-1].text} {block.text}"
            continue
        shape = "bullet" if block.kind == "bullet" else "paragraph"
        counts[shape] += 1
        where = f"{heading} ({subheading})" if subheading else heading
        out.append(Item(block.text, block.page, f"page {block.page}, {where}, {shape} {counts[shape]}"))
        open_bullet = shape == "bullet"
    return out


def _tidy(section_blocks):
    """Headings the line rules found where there are none, and subheadings they missed.

    A short line that happens to end a paragraph's line without a full stop reads as a heading ("When concerns
    about children are identified, the multidisciplinary Request for"); it is text that runs on into the next
    block unless it heads a list of bullets, or, in a section of paragraphs, looks like a heading. A line with no
    full stop just before a bullet, in a section of bullets, is a subheading even when too long to look like one.
    """
    uses_bullets = any(block.kind == "bullet" for block in section_blocks)
    out, run_on, run_on_page = [], "", 0
    for index, block in enumerate(section_blocks):
        following = section_blocks[index + 1] if index + 1 < len(section_blocks) else None
        heads_bullets = following is not None and following.kind == "bullet"
        if block.kind == "heading":
            if heads_bullets or (not uses_bullets and _heading_like(block.text)):
                out.append(letters.Block(block.text, block.page, "heading"))
            else:
                run_on_page = run_on_page if run_on else block.page
                run_on = f"{run_on} {block.text}".strip()
            continue
        if (uses_bullets and block.kind == "para" and heads_bullets and not run_on
                and not block.text.endswith(letters.SENTENCE_END) and len(block.text.split()) <= SUBHEADING_WORDS):
            out.append(letters.Block(block.text, block.page, "heading"))
            continue
        if run_on:
            block = letters.Block(f"{run_on} {block.text}", run_on_page, block.kind)
            run_on = ""
        out.append(block)
    if run_on:
        out.append(letters.Block(run_on, run_on_page, "para"))
    return out


def _heading_like(text):
    words = text.split()
    return (
        len(words) <= 8 and "," not in text and not text.endswith(letters.SENTENCE_END)
        and words[-1].lower() not in RUN_ON_WORDS
    )
