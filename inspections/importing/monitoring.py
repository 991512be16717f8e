"""Monitoring visit letters: Ofsted's visits to a council judged inadequate, one focus area each.

SIF-era letters (2016-17) list findings as bullets under "Summary of findings" and close with an
"Evaluation of progress"; ILACS-era letters write them as paragraphs. Both give the visit dates in the
opening sentence and name the inadequate inspection that the visits follow. Plain Python.
"""

from __future__ import annotations

import re

from inspections.grades import Framework, Grade

from . import letters, subjects
from .records import FindingRecord

# The opening words of the focus paragraph, before the focus itself.
FOCUS_RE = (
    r"^(?:During (?:the course of )?this visit,\s*)?(?:the\s+)?inspectors\s+(?:reviewed|considered|looked at|evaluated|"
    r"focused on)\s+(?:the\s+)?(?:progress (?:made |the local authority has made )?(?:in|on|with|for)\s+)?"
    r"(?:the following areas?(?: of concern)?[^:]*:)?"
)
OPENING_FOCUS_RE = r"^(?:the\s+)?visit (?:focused|looked) (?:on|at)\s+"
VERDICT_RE = re.compile(
    r"\b(?:has|have) made|\b(?:is|are) making|\bcontinues? to make", re.I
)
PROGRESS_RE = re.compile(r"^\s+((?:(?!progress\b)[\w-]+\s+){0,2}progress)\b", re.I)
PROGRESS_STATE_RE = re.compile(
    r"\bprogress (?:has been|is|remains) ((?:too |very |only )?(?:slow|limited|insufficient|inconsistent|variable|"
    r"good|strong|positive|steady|significant))\b",
    re.I,
)
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
    _read_findings(record, by_role)
    record.verdict = _verdict(by_role)
    _read_earlier_grades(record, " ".join([opening] + [block.text for block in by_role.get("focus", [])]))
    for missing, message in (
        (not record.published, "no letter date before the salutation"),
        (not record.inspectors, "no inspectors named"),
        (not record.theme_text, "no focus found (\"Areas covered by the visit\")"),
        (not record.findings, "no findings found"),
        (not record.verdict, "no verdict on progress found"),
        (not record.follows, "no inadequate inspection cited for the visits to follow"),
    ):
        if missing:
            record.warnings.append(f"{filename}: {message}" if filename else message)
    return record


def _read_focus(record, by_role):
    focus, paragraph = letters.focus_of(by_role.get("focus", []), FOCUS_RE)
    if not focus:
        focus, paragraph = letters.focus_of(by_role.get("opening", []), OPENING_FOCUS_RE)
    record.theme_text = letters.clip(focus)
    record.theme = subjects.theme_of(focus, paragraph)
    record.strand = subjects.strand_of(focus, record.theme) if focus else None


def _read_findings(record, by_role):
    counts = {"bullet": 0, "para": 0}
    for block in letters.items(by_role.get("findings", [])):
        kind = "bullet" if block.kind == "bullet" else "para"
        counts[kind] += 1
        ref = f"bullet {counts[kind]}" if kind == "bullet" else f"page {block.page}, paragraph {counts[kind]}"
        record.findings.append(
            FindingRecord(text=block.text, kind="finding", theme=subjects.theme_of(block.text), source_ref=ref)
        )


def _verdict(by_role):
    """Progress in the letter's words ("steady progress"): the evaluation first, the opening last."""
    for role in ("evaluation", "overview", "findings", "opening"):
        text = " ".join(block.text for block in by_role.get(role, []))
        for match in VERDICT_RE.finditer(text):
            words = PROGRESS_RE.match(text[match.end():])
            if words:
                return words.group(1).lower()
        state = PROGRESS_STATE_RE.search(text)
        if state:
            return f"progress {state.group(0)[len('progress '):]}".lower()
    return ""


def _read_earlier_grades(record, text):
    cited = letters.earlier_grades(text)
    record.earlier_grades = cited
    visit = record.start_date.first_day()
    before = [g for g in cited if g.grade == Grade.INADEQUATE.value and g.date.first_day() <= visit]
    record.follows = max(before, key=lambda g: g.date.first_day(), default=None)
