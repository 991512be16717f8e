"""Reading graded judgements and the report's lines, shared by the SIF and ILACS parsers. Plain Python.

A judgement label is found however the PDF broke it (line breaks, doubled spaces, footnote digits such as
"board1", even a grade printed in the middle of a wrapped label); its grade is the grade word right after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspections.grades import parse_grade
from inspections.importing.readers.common import MONTHS
from inspections.themes import THEMES, suggest_theme

GRADE = r"(?:requires?|requiring)\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate|adequate"
GRADE_RE = re.compile(rf"\b(?:{GRADE})\b", re.I)
# Between a label and its grade only spacing, footnote digits and table punctuation may stand.
_GAP = r"[\s\d:|*'\-–]*"
_IMMEDIATE_GRADE_RE = re.compile(rf"{_GAP}\b({GRADE})\b", re.I)
_SEP = rf"\d*\s+(?:(?:{GRADE})\d*\s+)?"

# Symbol-font bullets come out of the PDFs as private-use characters (U+F020-U+F0FF).
BULLET_RE = re.compile("^[\uf020-\uf0ff\u25fc\u25a0\u25aa\u2022\u25cf\u2013\u2043*-]\\s*")


def phrase(text):
    """A regex for a printed phrase, tolerant of line breaks, footnote digits and a grade inside it."""
    return _SEP.join(re.escape(word) for word in text.split()) + r"\d*"


def to_grade(words):
    """A Grade word from a grade as printed ("Requires \\nimprovement", "require improvement")."""
    words = re.sub(r"^\s*requir\w*", "requires", " ".join(words.split()), flags=re.I)
    grade = parse_grade(words)
    return grade.value if grade else None


@dataclass(frozen=True)
class Label:
    area: str  # the framework's own words, as recorded
    strand: str
    pattern: str  # a regex (see phrase())

    @property
    def regex(self):
        return re.compile(self.pattern, re.I)  # re caches compiled patterns

    @property
    def key_word(self):
        """The label's last word, lowercased: where to look for it."""
        return re.findall(r"[a-z]{3,}", self.area.lower())[-1]

    @property
    def span(self):
        return 2 * len(self.area) + 60  # room for line breaks, footnote digits and a grade inside the label


@dataclass
class Found:
    label: Label
    grade: str | None
    start: int
    end: int
    guessed: bool = False


def find_labels(text, labels, start=0, end=None):
    """Each label's first appearance in text[start:end] that has a grade right after it (or inside it).

    Labels without a graded appearance are returned with grade None at their first appearance, so a
    column-wise table (all labels, then all grades) can still be read by grades_in_columns().
    """
    end = len(text) if end is None else end
    found = []
    for label in labels:
        first = None
        for match in label.regex.finditer(text, start, end):
            grade = _grade_inside(match.group(0)) or _grade_after(text, match.end())
            if grade:
                first = Found(label, grade, match.start(), match.end())
                break
            first = first or Found(label, None, match.start(), match.end())
        if first:
            found.append(first)
    return sorted(found, key=lambda item: item.start)


def grades_in_columns(text, found, limit=400):
    """A table extracted column by column (every label, then every grade): grades in label order.

    Only when no label but the last has a grade of its own and the labels stand next to each other.
    """
    if len(found) < 2 or any(item.grade for item in found[:-1]):
        return found
    if any(re.search(r"[a-z]{3}", re.sub(r"\bthe\b", "", text[a.end: b.start], flags=re.I), re.I)
           for a, b in zip(found, found[1:])):
        return found
    after = found[-1].end
    words = [to_grade(match.group(0)) for match in GRADE_RE.finditer(text, after, after + limit)]
    if len(words) < len(found):
        return found
    for item, grade in zip(found, words):
        item.grade, item.guessed = grade, True
    return found


def graded_mentions(text, label, colon=True, lowered=None):
    """Every grade printed right after the label anywhere in the text (headings, summaries).

    Without colon, "Label: grade" is skipped (a list of an earlier inspection's grades).
    """
    grades = []
    for match in _matches(text, label, lowered):
        if not colon and re.match(r"\d*\s*:", text[match.end(): match.end() + 4]):
            continue
        grade = _grade_inside(match.group(0)) or _grade_after(text, match.end())
        if grade:
            grades.append(grade)
    return grades


def _matches(text, label, lowered=None):
    """label.regex.finditer(text), but trying the regex only where the label's last word is printed (fast)."""
    lowered = lowered or text.lower()
    last = label.key_word
    regex = label.regex
    position, seen = 0, -1
    while True:
        hit = lowered.find(last, position)
        if hit < 0:
            return
        # The label starts at most its own length (plus breaks and footnotes) before its last word.
        begin = max(seen + 1, hit - label.span)
        match = regex.search(text, begin, hit + len(last) + 4)
        if match and match.start() > seen:
            seen = match.end()
            yield match
        position = hit + 1


def _grade_after(text, position):
    match = _IMMEDIATE_GRADE_RE.match(text, position)
    return to_grade(match.group(1)) if match else None


def _grade_inside(matched):
    match = GRADE_RE.search(matched)
    return to_grade(match.group(0)) if match else None


# Lines -----------------------------------------------------------------------------------------------------

_MONTH_WORDS = set(MONTHS)
_HEADER_WORDS = {"to", "and", "-", "–", "—"}


def _is_date_line(line):
    """A running header's date line: "21 February to 4 March 2022 2"."""
    tokens = line.replace("–", " – ").split()
    return (
        len(tokens) <= 12
        and re.search(r"\b(19|20)\d\d\b", line) is not None
        and all(t.isdigit() or t.lower().rstrip(".,") in _MONTH_WORDS or t.lower() in _HEADER_WORDS for t in tokens)
    )


def _is_header_date_line(line):
    """The date line under a running title, however its year is printed ("8 June to 19 June 26 2", a typing
    error of Ofsted's): day numbers, month names and joining words only, with at least one month."""
    tokens = line.replace("–", " – ").split()
    return (
        _is_date_line(line)
        or (len(tokens) <= 12 and any(t.lower().rstrip(".,") in _MONTH_WORDS for t in tokens)
            and all(t.isdigit() or t.lower().rstrip(".,") in _MONTH_WORDS or t.lower() in _HEADER_WORDS
                    for t in tokens))
    )


def _is_running_header(line):
    return bool(re.fullmatch(r"Inspection of .{0,120}services", line, re.I))


_PLAIN = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "), ("\u00ad", ""),
          ("\ufffe", "-"))


def _plain(text):
    for old, new in _PLAIN:  # str.replace is many times faster than str.translate here
        text = text.replace(old, new)
    return text


def body_lines(pages):
    """[(page, line)] without page furniture (page numbers, running headers), each line as common.normalise.

    Soft line-break hyphens (U+FFFE in Ofsted's PDFs) become real hyphens, since they join hyphenated words.
    """
    out = []
    for number, page in enumerate(pages, start=1):
        lines = [" ".join(line.split()) for line in _plain(page).splitlines()]
        lines = [line for line in lines if line]
        after_title = False
        while lines and (
            lines[0].isdigit() or (number > 1 and (
                _is_running_header(lines[0]) or _is_date_line(lines[0])
                or (after_title and _is_header_date_line(lines[0]))))
        ):
            after_title = _is_running_header(lines.pop(0))
        out.extend((number, line) for line in lines)
    return out


def is_footnote(line):
    """A footnote at a page's foot ("1 Ofsted produces this report ..."); its number has no full stop."""
    return bool(re.match(r"^\d{1,2}(?:\s+[A-Z]|$)", line)) and not re.match(r"^\d+\.\s", line)


def strip_bullet(line):
    return BULLET_RE.sub("", line, count=1)


def is_bullet(line):
    return bool(BULLET_RE.match(line)) and not re.match(r"^-\d", line)


def ends_sentence(text):
    return text.rstrip().endswith((".", "?", "!", ")", ";", ":"))


def theme_of(text):
    """suggest_theme, offered only the themes with a keyword in the text (the same answer, much faster)."""
    lowered = " ".join(text.lower().split())
    return suggest_theme(text, [theme for theme in THEMES if any(word in lowered for word in theme.keywords)])
