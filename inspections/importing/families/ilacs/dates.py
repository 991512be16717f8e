"""An ILACS report's inspection dates, checked for plausibility. Plain Python.

"Inspection dates:" gives one period on site ("10 to 21 July 2023", "19 November–30 November 2018") or, for an
inspection paused and resumed, two joined by "and" ("30 September to 11 October 2024 and 13 to 16 January 2025"):
the inspection runs from the first day of the first to the last day of the last, and its days on site are
counted period by period (a short inspection resumed for two days is still short). A date that cannot be right
(a year before ILACS or after next year, an end before its start, a period longer than any inspection's) is
not stored: it is named in the warnings instead.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from inspections.importing.readers.common import RANGE_RE, month_number, normalise, parse_date, written_dates
from inspections.importing.records import PartialDate

FIRST_YEAR = 2018  # ILACS began in January 2018
# The longest an on-site period can be (a standard inspection: two weeks and the weekend between), and the
# longest a paused inspection can span from its first day to its last (Devon's ran from September to January).
MAX_PERIOD_DAYS = 21
MAX_SPAN_DAYS = 200
_JOIN = re.compile(r"^\s*(?:,?\s*and|,|;)\s*$", re.I)
_YEARLESS_RE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+([A-Za-z]{3,9}))?\s*(?:-|–|to|and|until)\s*(\d{1,2})(?:st|nd|rd|th)?\s+"
    r"([A-Za-z]{3,9})\b",
)


@dataclass
class InspectionDates:
    start: PartialDate | None
    end: PartialDate | None
    days_on_site: int | None  # summed over the periods on site


def inspection_dates(text, warnings, year=None):
    """InspectionDates from the words after "Inspection dates:"; year: a year to assume when none is printed."""
    text = written_dates(normalise(text))
    text = re.split(r"\b(?:Lead inspector|Judgement\b)", text, maxsplit=1, flags=re.I)[0]
    periods = _periods(text)
    if not periods and year:
        periods = _yearless(text, year)
        if periods:
            warnings.append(f"the inspection dates print no year; {year} assumed")
    if not periods:
        single = parse_date(text)
        periods = [(single, single)] if single else []
    if not periods:
        return InspectionDates(None, None, None)
    if len(periods) > 1:
        warnings.append("the inspection was on site in " + str(len(periods)) + " periods: "
                        + "; ".join(f"{a.iso()} to {b.iso()}" for a, b in periods))
    start, end = periods[0][0], periods[-1][1]
    start, end = _plausible(start, end, warnings)
    days = None
    lengths = _lengths(periods) if start and end else None
    if lengths:
        days = sum(lengths)
        if max(lengths) > MAX_PERIOD_DAYS:
            warnings.append(f"a period on site of {max(lengths)} days is longer than an inspection's; "
                            "check the inspection dates")
    return InspectionDates(start, end, days)


def _lengths(periods):
    try:
        return [(b.first_day() - a.first_day()).days + 1 for a, b in periods]
    except ValueError:
        return None


def _periods(text):
    """[(start, end)] of each range printed, while ranges follow one another joined by "and"."""
    periods, last = [], None
    for match in RANGE_RE.finditer(text):
        if last is not None and not _JOIN.match(text[last:match.start()]):
            break
        d1, m1, y1, d2, m2, y2 = match.groups()
        try:
            end = PartialDate(int(y2), month_number(m2), int(d2))
            start_month = month_number(m1) if m1 else end.month
            start_year = int(y1) if y1 else end.year - (1 if start_month > end.month else 0)
            periods.append((PartialDate(start_year, start_month, int(d1)), end))
        except KeyError:
            break
        last = match.end()
    return periods


def _yearless(text, year):
    match = _YEARLESS_RE.search(text)
    if not match:
        return []
    d1, m1, d2, m2 = match.groups()
    try:
        end_month = month_number(m2)
        start_month = month_number(m1) if m1 else end_month
    except KeyError:
        return []
    return [(PartialDate(year, start_month, int(d1)), PartialDate(year, end_month, int(d2)))]


def _plausible(start, end, warnings):
    """(start, end) with any date that cannot be right replaced by None, and a warning naming it."""
    latest = datetime.date.today().year + 1

    def possible(date):
        try:
            date.first_day()
        except ValueError:
            return False
        return FIRST_YEAR <= date.year <= latest

    if not possible(start):
        warnings.append(f"inspection start date {start.iso()} is not possible for an ILACS inspection; not stored")
        start = None
    if not possible(end):
        warnings.append(f"inspection end date {end.iso()} is not possible for an ILACS inspection; not stored")
        end = None
    if start and end:
        span = (end.first_day() - start.first_day()).days
        if span < 0 or span > MAX_SPAN_DAYS:
            warnings.append(f"inspection end date {end.iso()} is {span} days after its start {start.iso()}; "
                            "a typing error in the report: not stored")
            end = None
    return start, end

