"""Judgements of the 2009-13 reports: the "Record of main findings" table, checked against the text.

Each judgement heading in the text carries "Grade 3 (adequate)"; the closing table repeats every grade (and adds
some, such as "Equality and diversity", that have no heading). The table is read first; the text fills rows the
extraction lost, and a disagreement between the two becomes a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspections.grades import Grade, Scale, Strand, parse_grade
from inspections.importing.families.slac.report import (
    BULLET_RE,
    PARA_START_RE,
    SECTION_RE,
    STRAY_NUMBER_RE,
    key,
    place,
    record_start,
)
from inspections.importing.records import JudgementRecord

TABLE_ROW_RE = re.compile(r"^(?P<area>.*?)\s*\b(?P<grade>outstanding|good|adequate|inadequate)\s*$", re.I)
# The longest a judgement heading runs, in lines, when the PDF wraps it.
MAX_HEADING_LINES = 3
# Grades on lines of their own, this many in a row: the extraction gave the table's label column, then its grades.
COLUMN_RUN = 3
MAX_HEADING_CHARS = 150


@dataclass(eq=False)  # compared by identity: two rows may carry the same words
class Graded:
    section: str
    area: str
    grade: Grade
    source_ref: str
    first: int = 0  # line indexes of the heading (text) or row (table)
    last: int = 0


def strand_for(section, area):
    """DOMAIN.md: each section's overall effectiveness, leadership, and LAC economic well-being."""
    area_key, looked_after = key(area), "looked after" in section.lower()
    if area_key.startswith("overall effectiveness"):
        return Strand.CHILDREN_IN_CARE if looked_after else Strand.HELP_AND_PROTECTION
    if area_key.startswith("leadership and management"):
        return Strand.LEADERSHIP
    if area_key.startswith("economic wellbeing") and looked_after:
        return Strand.CARE_LEAVERS
    return Strand.NONE


def read_table(lines, headings, default_section, warnings):
    """Rows of the "Record of main findings": (section, area, grade), a wrapped label joined."""
    start = record_start(lines)
    if start is None:
        warnings.append("no 'Record of main findings' table; grades were read from the headings in the text only")
        return []
    rows, pending, section, bare_run = [], [], default_section, 0
    for index in range(start + 1, len(lines)):
        text = lines[index].text.strip()
        if SECTION_RE.match(text.rstrip(": ")):
            section, pending = text.rstrip(": "), []
            continue
        row = TABLE_ROW_RE.match(text)
        bare_run = bare_run + 1 if row and not row.group("area") else 0
        if bare_run >= COLUMN_RUN:
            warnings.append("the findings table came out column by column, not row by row; grades were read from the text")
            return []
        if not row:
            pending = (pending + [text])[-MAX_HEADING_LINES:]  # a group heading, or the start of a wrapped label
            continue
        area = row.group("area").strip(" :-")
        parts = [part for part in pending + [area] if part]
        if parts and (not area or area[:1].islower()):
            # The label wrapped, or its grade did: the nearest lines that make a heading, not a group heading above.
            area = _resolve(parts, [], headings)[0]
        pending = []
        if not area:
            warnings.append(f"page {lines[index].page}: a grade in the findings table has no label; skipped")
            continue
        grade = parse_grade(row.group("grade"), Scale.A)
        rows.append(Graded(section, area, grade, place(lines[index].page, what="record of main findings"), index, index))
    return rows


def read_text_grades(lines, table, headings, default_section, warnings):
    """Each "Grade N (word)" heading line in the text, with the judgement area it belongs to."""
    known = {}
    for row in table:
        known.setdefault(key(row.section), []).append(row.area)
    end = record_start(lines) or len(lines)
    found = []
    for index in range(end):
        line = lines[index]
        match = line.grade
        if not match or len(line.text[match.end():].strip(" .")) > 3 or match.start() > MAX_HEADING_CHARS:
            continue  # a grade quoted inside a sentence is not a heading
        number, word = int(match.group(1)), match.group(2)
        grade = parse_grade(word)
        if parse_grade(str(number), Scale.A) != grade:
            warnings.append(f"page {line.page}: '{match.group(0)}' gives a number and a word that disagree; the word is kept")
        prefix = line.text[:match.start()].strip(" -:")
        # A heading wrapped onto the grade's line ("people safe Grade 2 (good)") continues the lines above it.
        parts = _heading_above(lines, index, headings) + [prefix] if not prefix[:1].isupper() else [prefix]
        parts = [part for part in parts if part]
        if not parts:
            warnings.append(f"page {line.page}: '{match.group(0)}' has no heading above it; skipped")
            continue
        section = line.section or default_section
        area, used = _resolve(parts, known.get(key(section), []), headings)
        first = index - used + (1 if prefix else 0)
        found.append(Graded(section, area, grade, _text_ref(lines, index, area), first, index))
    return found


def merge(table, text, warnings):
    """The table's rows in order, each checked against the text; text-only judgements slotted in after their neighbour."""
    result = list(table)
    by_key = {}
    for row in table:
        if (key(row.section), key(row.area)) in by_key:
            warnings.append(f"{row.section}: '{row.area}' appears twice in the findings table; the first is kept")
            result.remove(row)
            continue
        by_key[(key(row.section), key(row.area))] = row
    previous, matched = None, set()
    for item in text:
        row = by_key.get((key(item.section), key(item.area)))
        if row is None:
            position = result.index(previous) + 1 if previous in result else len(result)
            result.insert(position, item)
            by_key[(key(item.section), key(item.area))] = item
            if table:
                warnings.append(f"{item.section}: '{item.area}' is graded in the text but not in the table; the text's grade is used")
            previous = item
            continue
        if id(row) in matched or row in text:
            warnings.append(f"{item.section}: '{item.area}' has two grade headings in the text; the first is kept")
            continue
        if row.grade != item.grade:
            warnings.append(
                f"{item.section}: '{item.area}' is {row.grade.value} in the findings table but {item.grade.value} "
                f"in the text ({item.source_ref}); the table's grade is kept"
            )
        row.source_ref = item.source_ref  # the paragraph that explains the grade
        matched.add(id(row))
        previous = row
    return [
        JudgementRecord(
            area=item.area, grade=item.grade.value, strand=strand_for(item.section, item.area).value,
            section=item.section, source_ref=item.source_ref,
        )
        for item in result
    ]


def read_judgements(lines, headings, default_section, warnings):
    """(judgements, the text's heading lines as {line index: area}) for the paragraph reader."""
    table = read_table(lines, headings, default_section, warnings)
    text = read_text_grades(lines, table, headings, default_section, warnings)
    heading_at = {index: item.area for item in text for index in range(item.first, item.last + 1)}
    return merge(table, text, warnings), heading_at


def _heading_above(lines, index, headings):
    """The lines of a heading printed above its grade line, nearest last (at most MAX_HEADING_LINES)."""
    parts = []
    for above in range(index - 1, max(index - 1 - MAX_HEADING_LINES, -1), -1):
        line = lines[above]
        text = line.text.strip()
        if (
            text.endswith((".", ";", ":", "?", "!"))
            or BULLET_RE.match(line.raw)
            or PARA_START_RE.match(text)
            or SECTION_RE.match(text.rstrip(": "))
            or line.grade is not None
            or len(text) > MAX_HEADING_CHARS
        ):
            break
        parts.insert(0, text)
        if key(text) in headings:  # a complete heading on its own line
            break
    return parts


def _resolve(parts, table_areas, headings):
    """The judgement area a heading names, and how many of the lines above the grade it took.

    Tries the nearest line alone, then with the lines above it (a wrapped heading): a table label wins, then a
    heading that starts or ends with one ("Overall effectiveness of services for ..." is the table's "Overall
    effectiveness"), then a contents heading, then the shortest run that starts with a capital.
    """
    candidates = [(" ".join(parts[start:]), len(parts) - start) for start in range(len(parts) - 1, -1, -1)]
    table_keys = {key(area): area for area in table_areas}
    for text, used in candidates:
        if key(text) in table_keys:
            return table_keys[key(text)], used
    for text, used in candidates:
        for area in table_areas:
            if key(text).startswith(key(area) + " ") or key(text).endswith(" " + key(area)):
                return area, used
    for text, used in candidates:
        if key(text) in headings:
            return text, used
    for text, used in candidates:
        if text[:1].isupper():
            return text, used
    return candidates[-1]


def _text_ref(lines, index, area):
    """The first numbered paragraph under the heading, else the heading itself."""
    if index + 1 < len(lines):
        after = lines[index + 1]
        numbered = PARA_START_RE.match(after.text) or STRAY_NUMBER_RE.search(after.text)
        if numbered:
            return place(after.page, int(numbered.group(1)))
    return place(lines[index].page, what=f"'{area}' heading")


def refer_to_paragraphs(judgements, body):
    """A heading whose first paragraph lost its number points at the number the paragraph reader inferred."""
    for judgement in judgements:
        if judgement.source_ref.endswith("heading"):
            first = next(
                (p for p in body if p.heading == judgement.area and key(p.section) == key(judgement.section)), None
            )
            if first and first.number:
                judgement.source_ref = place(first.page, first.number)
