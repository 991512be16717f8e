"""An ILACS report's judgement table on page 1, checked against the judgement headings in the body. Plain Python.

Three shapes, one per version of the framework (record.framework_version):
- "2018": four rows, children in care and care leavers judged together, then "Overall effectiveness";
- "2023": five rows, care leavers judged on their own (inspections from January 2023);
- "2026": the four judgements alone, without overall effectiveness (inspections BEGUN from 1 April 2026), their
  labels sometimes shortened ("help and protection", "children in care").
The version is the table's own shape; what decides 2026 is the date the inspection began (DOMAIN.md), so a
report of an inspection begun before April 2026 but published later keeps its overall row. A 2026 report that
cites the previous inspection's overall grade gives an earlier grade, never an overall judgement of its own.
"""

from __future__ import annotations

import datetime
import re

from inspections.importing.readers.judgement_table import (
    Label,
    find_labels,
    graded_mentions,
    grades_in_columns,
    phrase,
)
from inspections.importing.records import JudgementRecord, ParseError

REFORM_STARTS = datetime.date(2026, 4, 1)  # no overall effectiveness for inspections begun from this day
CARE_LEAVERS_FROM = datetime.date(2023, 1, 1)  # care leavers judged on their own

LEADERS = Label("The impact of leaders on social work practice with children and families", "leadership",
                phrase("impact of leaders on social work practice with children and families"))
HELP = Label("The experiences and progress of children who need help and protection", "help_and_protection",
             phrase("experiences and progress of children who need help and protection"))
CARE_AND_LEAVERS = Label("The experiences and progress of children in care and care leavers", "children_in_care",
                         phrase("experiences and progress of children in care and care leavers"))
CARE = Label("The experiences and progress of children in care", "children_in_care",
             phrase("experiences and progress of children in care") + r"(?!\d*\s+and\d*\s+care\d*\s+leavers)")
# One report prints "children care leavers": a stray word before "care leavers" is tolerated.
LEAVERS = Label("The experiences and progress of care leavers", "care_leavers",
                phrase("experiences and progress of") + r"\s+(?:[a-z]+\s+)?" + phrase("care leavers"))
OVERALL = Label("Overall effectiveness", "overall", phrase("Overall effectiveness"))
BEFORE_2023 = (LEADERS, HELP, CARE_AND_LEAVERS)
FROM_2023 = (LEADERS, HELP, CARE, LEAVERS)
# The 2026 table's shortened labels, each standing for its judgement's full name (a row starts with a capital).
SHORTENED = (
    Label(LEADERS.area, LEADERS.strand, r"(?:The\s+)?[Ii]mpact\s+of\s+leaders(?:\s+on\s+(?:social\s+work\s+)?practice)?"),
    Label(HELP.area, HELP.strand, r"(?:Children\s+who\s+need\s+)?[Hh]elp\s+and\s+protection"),
    Label(CARE.area, CARE.strand, r"Children\s+in\s+care(?!\s+and\s+care\s+leavers)"),
    Label(LEAVERS.area, LEAVERS.strand, r"Care\s+leavers"),
)
ALL_LABELS = (LEADERS, HELP, CARE_AND_LEAVERS, CARE, LEAVERS, OVERALL)
TABLE_SPAN = 1500  # characters after "Judgement Grade" that a table without an overall row may take


def framework_version(start, found):
    """'2026' for an inspection begun from April 2026; else '2023' if care leavers have a row, '2018' if not."""
    if start.first_day() >= REFORM_STARTS:
        return "2026"
    return "2023" if any(item.label.strand == "care_leavers" for item in found) else "2018"


def read_judgements(first, lines, start, warnings, filename):
    """(framework version, [JudgementRecord]) from page 1's table (normalised text) and the body's headings."""
    table_at = re.search(r"\bJudgement\s+Grade\b", first, re.I) or re.search(r"Lead inspector", first, re.I)
    begin = table_at.end() if table_at else 0
    reformed = start.first_day() >= REFORM_STARTS
    overall = find_labels(first, (OVERALL,), begin)
    end = overall[0].start if overall else min(len(first), begin + TABLE_SPAN)
    found = find_labels(first, BEFORE_2023, begin, end)
    if not any(item.label is CARE_AND_LEAVERS for item in found):
        found = find_labels(first, FROM_2023, begin, end)
    if reformed:
        found = _with_shortened(first, found, begin, end)
        if overall and overall[0].grade:
            warnings.append("an overall effectiveness grade is printed, but inspections begun from April 2026 have "
                            "none; not stored")
        overall = []
    found = grades_in_columns(first, found + overall)
    if len([item for item in found if item.grade]) < 2:
        raise ParseError(f"{filename}: could not find the judgement table (Judgement | Grade) on page 1")
    for item in found:
        if item.guessed:
            warnings.append(f"{item.label.area}: grade read from a column of grades after the table")
    version = framework_version(start, found)
    judgements = [JudgementRecord(item.label.area, item.grade, item.label.strand, "", "page 1, judgement table")
                  for item in found if item.label is not OVERALL]
    judgements += [JudgementRecord(item.label.area, item.grade, "overall", "", "page 1, judgement table")
                   for item in found if item.label is OVERALL]
    _check_shape(version, start, judgements, warnings)
    _cross_check(judgements, lines, warnings)
    return version, judgements


def _with_shortened(first, found, begin, end):
    """The judgements found by their full labels, and any missing one by its shortened label."""
    have = {item.label.strand for item in found}
    missing = [label for label in SHORTENED if label.strand not in have]
    if not missing:
        return found
    shortened = [item for item in find_labels(first, missing, begin, end) if item.grade]
    return sorted(found + shortened, key=lambda item: item.start)


def _check_shape(version, start, judgements, warnings):
    expected = {"2018": 4, "2023": 5, "2026": 4}[version]
    if len(judgements) != expected:
        warnings.append(f"{len(judgements)} judgements found; an ILACS report of the {version} framework has "
                        f"{expected}")
    if version == "2018" and start.first_day() >= CARE_LEAVERS_FROM:
        warnings.append("children in care and care leavers are judged together, although the inspection began "
                        "after care leavers were first judged on their own (January 2023)")
    if version != "2026" and not any(j.strand == "overall" for j in judgements):
        warnings.append("no overall effectiveness judgement in the table of an inspection begun before April 2026")


def _cross_check(judgements, lines, warnings):
    """Each judgement's heading in the body states its grade: fill a gap in the table, or flag a disagreement."""
    body = " ".join(line for _, line in lines)
    lowered = body.lower()
    labels = {label.area: label for label in ALL_LABELS}
    for judgement in judgements:
        stated = set(graded_mentions(body, labels[judgement.area], lowered=lowered))
        if judgement.grade is None and len(stated) == 1:
            judgement.grade = stated.pop()
            judgement.source_ref = "judgement heading in the body"
            warnings.append(f"{judgement.area}: no grade in the table; taken from its heading")
        elif stated - {judgement.grade}:
            warnings.append(f"{judgement.area}: the table says {judgement.grade} but the text also says "
                            + ", ".join(sorted(stated - {judgement.grade})))
