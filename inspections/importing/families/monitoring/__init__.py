"""Monitoring visit letters: Ofsted's visits to a council judged inadequate, one focus area each.

SIF-era letters (2016-17) list findings as bullets under "Summary of findings" and close with an
"Evaluation of progress". ILACS-era letters (2018 on) write "Headline findings" (where the progress
judgement lives) and "Findings and progress" as paragraphs. Both give the visit dates in the opening
sentence and name the inadequate inspection that the visits follow. Plain Python.
"""

from __future__ import annotations

import re

from inspections.grades import Framework, Grade
from inspections.importing.readers import letters, subjects
from inspections.importing.records import FindingRecord

# The opening words of the focus paragraph, before the focus itself: "inspectors reviewed the progress made
# in ...", "The focus of the monitoring visit was ...".
FOCUS_RE = (
    r"^(?:(?:During (?:the course of )?this visit,\s*)?(?:the\s+)?inspectors\s+(?:reviewed|considered|looked at|"
    r"evaluated|focused on)\s+(?:the\s+)?(?:progress (?:made (?:by (?:the )?(?:local authority|council) )?|"
    r"the local authority has made )?(?:in|on|with|for)\s+)?(?:the following areas?(?: of concern)?[^:]*(?=:))?|"
    r"(?:the\s+)?focus of (?:the|this) (?:monitoring )?visit (?:was|were)\s+(?:on\s+)?)"
)
OPENING_FOCUS_RE = r"^(?:the\s+)?visit (?:focused|looked) (?:on|at)\s+"
# "has made steady progress", "are not making enough progress", "continue to make progress".
VERDICT_RE = re.compile(
    r"\b(?:has|have)( not)? made|\b(?:is|are)( not)? making|\b(continues? to make)", re.I
)
PROGRESS_RE = re.compile(r"^\s+((?:(?!progress\b)[\w-]+\s+){0,2}progress)\b", re.I)
# "progress since the last visit has been slow", "the pace of improvement has been too slow".
PROGRESS_STATE_RE = re.compile(
    r"\b(progress|pace of (?:improvement|change|progress)|improvements?)\b[^.,;]{0,60}?\s"
    r"(has been|have been|is|are|remains?|has remained|was|were|continues to be)\s"
    r"((?:too |very |only |far too |extremely |relatively )?(?:slow|limited|insufficient|inconsistent|variable|"
    r"good|strong|positive|steady|significant|swift|rapid|sustained))\b",
    re.I,
)
# Headings of "overview" role whose paragraphs are findings (an "Overview" is not).
HEADLINE_RE = re.compile(r"^headline findings", re.I)
ILACS_START = (2018, 1, 1)


def detect(text):
    return letters.letter_kind(text) == "monitoring"


def parse(pages, filename=""):
    letter = letters.read_letter(pages, filename, "monitoring_visit", "26 and 27 April 2017")
    record, by_role, opening, start = letter.record, letter.by_role, letter.opening, letter.record.start_date
    record.framework = (
        Framework.ILACS.value if (start.year, start.month, start.day) >= ILACS_START else Framework.SIF.value
    )
    _read_focus(record, by_role)
    _read_findings(record, letter.sections)
    record.verdict = _verdict(by_role)
    _read_earlier_grades(record, " ".join([opening] + [block.text for block in by_role.get("focus", [])]))
    letters.warn_missing(record, filename, (
        (not record.published, "no letter date before the salutation"),
        (not record.inspectors, "no inspectors named"),
        (not record.theme_text, "no focus found (\"Areas covered by the visit\")"),
        (not record.findings, "no findings found"),
        (not record.verdict, "no verdict on progress found"),
        (not record.follows, "no inadequate inspection cited for the visits to follow"),
    ))
    return record


def _read_focus(record, by_role):
    focus, paragraph = letters.focus_of(by_role.get("focus", []), FOCUS_RE)
    if not focus:
        focus, paragraph = letters.focus_of(by_role.get("opening", []), OPENING_FOCUS_RE)
    record.theme_text = letters.clip(focus)
    record.theme = subjects.theme_of(focus, paragraph)
    record.strand = subjects.strand_of(focus, record.theme) if focus else None


def _read_findings(record, sections):
    """The findings: SIF-era bullets, or the paragraphs of "Headline findings" and the findings section,
    numbered through the letter."""
    chosen = [
        blocks for role, heading, blocks in sections
        if role == "findings" or (role == "overview" and HEADLINE_RE.match(heading))
    ]
    counts = {"bullet": 0, "para": 0}
    for section_blocks in chosen:
        for block in letters.items(section_blocks):
            kind = "bullet" if block.kind == "bullet" else "para"
            counts[kind] += 1
            ref = f"bullet {counts[kind]}" if kind == "bullet" else f"page {block.page}, paragraph {counts[kind]}"
            record.findings.append(
                FindingRecord(text=block.text, kind="finding", theme=subjects.theme_of(block.text), source_ref=ref)
            )


def _verdict(by_role):
    """Progress in the letter's words ("steady progress", "progress has been slow"): the evaluation first,
    then the headline findings, the findings, the opening; in each, the first phrase the letter uses."""
    for role in ("evaluation", "overview", "findings", "opening"):
        text = " ".join(block.text for block in by_role.get(role, []))
        found = [phrase for phrase in (_made_progress(text), _progress_state(text)) if phrase]
        if found:
            return min(found)[1].lower()
    return ""


def _made_progress(text):
    """(position, phrase) for "has made steady progress" -> "steady progress"; "continue to make progress"
    and "has not made enough progress" keep their verbs, which carry the meaning."""
    for match in VERDICT_RE.finditer(text):
        words = PROGRESS_RE.match(text[match.end():])
        if not words:
            continue
        phrase = " ".join(words.group(1).split())
        if match.group(1) or match.group(2):
            phrase = f"not {'made' if match.group(1) else 'making'} {phrase}"
        elif match.group(3):
            phrase = f"continue to make {phrase}"
        elif phrase.lower() == "progress":
            phrase = " ".join(match.group(0).split()[1:] + [phrase])
        return match.start(), phrase
    return None


def _progress_state(text):
    state = PROGRESS_STATE_RE.search(text)
    if not state:
        return None
    return state.start(), " ".join(state.group(i) for i in (1, 2, 3))


def _read_earlier_grades(record, text):
    cited = letters.earlier_grades(text)
    record.earlier_grades = cited
    visit = record.start_date.first_day()
    before = [g for g in cited if g.grade == Grade.INADEQUATE.value and g.date.first_day() <= visit]
    record.follows = max(before, key=lambda g: g.date.first_day(), default=None)
