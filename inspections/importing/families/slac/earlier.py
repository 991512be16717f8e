"""Grades of earlier inspections that a 2009-13 report cites. Plain Python.

Two ways of citing are read, and only where the text dates the earlier inspection:
- "the overall effectiveness of <services> was <grade>" (or "judged ... to be <grade>") in a sentence about an
  inspection dated before this one, or the sentence after it;
- under a judgement heading, "This was / These were (judged) <grade> at the last (full) inspection", dated by the
  sentence itself or by the earlier full inspection the report names elsewhere.
Unannounced inspections of contact and referral are not graded, and grades of homes, schools or settings are not
the authority's: sentences about them are left alone.
"""

from __future__ import annotations

import re

from inspections.grades import Framework, Strand, parse_grade
from inspections.importing.families.slac.judgements import strand_for
from inspections.importing.families.slac.report import key, place
from inspections.importing.readers.common import MONTH_YEAR_RE, month_number
from inspections.importing.records import EarlierGrade, PartialDate

GRADE = r"'?(?P<grade>outstanding|good|adequate|inadequate)\b'?"
OVERALL_RE = re.compile(
    r"\boverall effectiveness(?: of (?P<what>[a-z' ]{3,80}?))?(?: in [A-Z][\w ]{1,40}?)?"
    rf"\s+(?:was|were|to be|as|had been)\s+(?:judged\s+|found\s+|rated\s+)?(?:to be\s+|as\s+)?{GRADE}",
    re.I,
)
UNDER_HEADING_RE = re.compile(
    rf"\b(?:this|these|it|they) (?:was|were) (?:judged |rated |found to be |graded )?(?:as |to be )?{GRADE}"
    r" (?:at|in|during|by) the (?:last|previous|earlier) (?P<which>[a-z ]{0,40}?)inspection",
    re.I,
)
EARLIER_INSPECTION_RE = re.compile(r"\b(?:full|previous|last|earlier)\b[^.]{0,80}?\binspection\b|\binspection of safeguarding\b", re.I)
YEAR_RE = re.compile(r"\b(?:in|of|since|during)\s+((?:19|20)\d{2})\b")
NOT_THE_AUTHORITY = re.compile(r"\bunannounced\b|children's homes?\b|\bsettings?\b|\bschools?\b|\bproviders?\b|\bcentres?\b", re.I)
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=['\"A-Z])")
LOOKED_AFTER = "Services for looked after children"
SAFEGUARDING = "Safeguarding services"


def read_earlier_grades(paragraphs, judged_areas, before, warnings):
    """EarlierGrade records, one per (date, section, area); before is this inspection's first day."""
    last_full = _earlier_full_inspection(paragraphs, before)
    found, seen = [], set()
    for paragraph in _citing(paragraphs):
        context = None  # the date of an earlier inspection the previous sentence spoke of
        for sentence in SENTENCE_RE.split(paragraph.text):
            if NOT_THE_AUTHORITY.search(sentence):
                context = None
                continue
            dated = _cited_date(sentence, before) if "inspection" in sentence.lower() else None
            for item in _overall(sentence, dated or context, paragraph):
                _add(found, seen, item)
            heading = UNDER_HEADING_RE.search(sentence)
            if heading and key(paragraph.heading) in judged_areas:
                date = dated or last_full
                if date is None:
                    warnings.append(f"{place(paragraph.page, paragraph.number)}: an earlier grade is cited without a date; skipped")
                else:
                    _add(found, seen, _under_heading(heading, sentence, date, paragraph))
            context = dated
    return found


def _overall(sentence, date, paragraph):
    if date is None:
        return
    for match in OVERALL_RE.finditer(sentence):
        what = (match.group("what") or "").lower()
        section = LOOKED_AFTER if "looked after" in what else SAFEGUARDING if "safeguarding" in what else ""
        strand = strand_for(section, "Overall effectiveness") if section else Strand.OVERALL
        yield EarlierGrade(
            date=date, area="Overall effectiveness", grade=parse_grade(match.group("grade")).value,
            strand=strand.value, framework=_framework(sentence, date), source_ref=place(paragraph.page, paragraph.number),
            section=section,
        )


def _under_heading(match, sentence, date, paragraph):
    return EarlierGrade(
        date=date, area=paragraph.heading, grade=parse_grade(match.group("grade")).value,
        strand=strand_for(paragraph.section, paragraph.heading).value, framework=_framework(sentence, date),
        source_ref=place(paragraph.page, paragraph.number, what=f"under '{paragraph.heading}'"), section=paragraph.section,
    )


def _add(found, seen, item):
    identity = (item.date.year, key(item.section), key(item.area))
    if identity not in seen:
        seen.add(identity)
        found.append(item)


def _cited_date(sentence, before):
    """The month and year (or the year) the sentence dates an inspection to, if before this inspection."""
    month = MONTH_YEAR_RE.search(sentence)
    year = YEAR_RE.search(sentence)
    if month:
        date = PartialDate(int(month.group(2)), month_number(month.group(1)))
    elif year:
        date = PartialDate(int(year.group(1)))
    else:
        return None
    return date if date.first_day() < before.first_day() else None


def _earlier_full_inspection(paragraphs, before):
    """The date of the earlier full inspection the report names, as precise as any sentence gives it."""
    best = None
    for paragraph in _citing(paragraphs):
        for sentence in SENTENCE_RE.split(paragraph.text):
            if "inspection" not in sentence.lower() or NOT_THE_AUTHORITY.search(sentence) or not EARLIER_INSPECTION_RE.search(sentence):
                continue
            date = _cited_date(sentence, before)
            if date and (best is None or (date.year == best.year and best.month is None and date.month)):
                best = date
    return best


def _citing(paragraphs):
    """Paragraphs that mention an inspection: every citation does, in its sentence or the one before."""
    return [paragraph for paragraph in paragraphs if "inspection" in paragraph.text.lower()]


def _framework(sentence, date):
    """2009-12 had one full framework; a follow-up says so; 2012-13 full inspections were of LAC services."""
    text = sentence.lower()
    if "follow" in text:
        return Framework.SAFEGUARDING_FOLLOWUP.value
    in_force = 2009 <= date.year <= 2011 or (date.year == 2012 and (date.month or 12) < 6)
    if "safeguarding and looked after" in text or in_force:
        return Framework.SLAC.value
    return None
