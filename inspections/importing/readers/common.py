"""Helpers every family parser shares: dates, lines, paragraphs. Plain Python."""

from __future__ import annotations

import re

from inspections.importing.records import ParseError, PartialDate

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
MONTH_NAME = _MONTH  # a regex fragment matching one month's name or abbreviation
DATE_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
MONTH_YEAR_RE = re.compile(rf"\b({_MONTH})\.?\s+(\d{{4}})\b", re.I)
# "28 November – 9 December 2011", "21 February to 4 March 2022", "26 and 27 April 2017", "12-16 September 2011"
RANGE_RE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+({_MONTH}))?(?:\s+(\d{{4}}))?\s*(?:-|–|—|to|and|until)\s*"
    rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b",
    re.I,
)


def normalise(text):
    """One line, single spaces, straight quotes and dashes: the form regexes are written against."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u00a0", " ").replace("\ufffe", "").replace("\u00ad", "")
    return " ".join(text.split())


def month_number(name):
    return MONTHS[name.lower().rstrip(".")[:3]]


def parse_date(text):
    """The first full date in the text ("9 December 2011"), as a PartialDate, or None."""
    match = DATE_RE.search(normalise(text))
    if not match:
        return None
    day, month, year = match.groups()
    return PartialDate(int(year), month_number(month), int(day))


def parse_month_year(text):
    match = MONTH_YEAR_RE.search(normalise(text))
    if not match:
        return None
    return PartialDate(int(match.group(2)), month_number(match.group(1)))


def parse_date_range(text):
    """The first date range in the text, as (start, end) PartialDates; a single date gives (d, d).

    Handles "28 November – 9 December 2011", "21 February to 4 March 2022", "26 and 27 April 2017",
    "12-16 September 2011" and "14 January – 4 February 2015".
    """
    text = normalise(text)
    match = RANGE_RE.search(text)
    if match:
        d1, m1, y1, d2, m2, y2 = match.groups()
        end = PartialDate(int(y2), month_number(m2), int(d2))
        start_month = month_number(m1) if m1 else end.month
        start_year = int(y1) if y1 else end.year
        if not y1 and start_month > end.month:
            start_year -= 1  # "28 December – 8 January 2016"
        start = PartialDate(start_year, start_month, int(d1))
        if start.first_day() <= end.first_day():
            return start, end
    single = parse_date(text)
    if single:
        return single, single
    return None, None


def require(value, what, filename=""):
    if value in (None, "", []):
        prefix = f"{filename}: " if filename else ""
        raise ParseError(f"{prefix}could not find {what}")
    return value


def lines_of(pages):
    """Every non-blank line with its 1-based page number: [(page, line), ...]."""
    out = []
    for number, page in enumerate(pages, start=1):
        for line in page.splitlines():
            if line.strip():
                out.append((number, line.rstrip()))
    return out


def page_ref(page, paragraph=None):
    return f"page {page}, paragraph {paragraph}" if paragraph else f"page {page}"


# Dates as some reports print them: "12/09/2016 to 06/10/2016", "20 June 2017 ─ 13 July 2017" (a box-drawing
# dash), "the 15 and 16 of May 2014". written_dates() rewrites them in the words parse_date_range() reads.
_DASHES_RE = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\ufe58\ufe63\uff0d]")
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_MONTH_WORDS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_THE_DAY_RE = re.compile(rf"\bthe\s+(\d{{1,2}}(?:st|nd|rd|th)?)(?=\s+(?:and|to|-|–|of|{_MONTH})\b)", re.I)
_DAY_OF_RE = re.compile(rf"\b(\d{{1,2}}(?:st|nd|rd|th)?)\s+of\s+(?=(?:{_MONTH})\b)", re.I)


def plain_dashes(text):
    """Every dash-like character (hyphens, en and em dashes, minus, box-drawing lines) as a hyphen."""
    return _DASHES_RE.sub("-", text)


def written_dates(text):
    """Dates rewritten in the words DATE_RE and RANGE_RE read, the rest of the text as it was.

    "12/09/2016" -> "12 September 2016" (day first, as in British documents); any dash -> "–";
    "the 15 and 16 of May 2019" -> "15 and 16 May 2019".
    """
    text = _DASHES_RE.sub("–", text)

    def spelled(match):
        day, month, year = (int(part) for part in match.groups())
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return match.group(0)
        return f"{day} {_MONTH_WORDS[month - 1]} {year}"

    text = _NUMERIC_DATE_RE.sub(spelled, text)
    text = _THE_DAY_RE.sub(r"\1", text)
    return _DAY_OF_RE.sub(r"\1 ", text)


def read_date_range(text, year=None):
    """The first date range in the text, however printed (see written_dates), as (start, end); (None, None) if
    none. When `year` is given, a range printed without a year ("6 to 30 July") takes that year."""
    text = written_dates(normalise(text))
    start, end = parse_date_range(text)
    if start is None and year is not None:
        start, end = parse_date_range(_with_year(text, year))
    return start, end


def _with_year(text, year):
    """The text with `year` after the last day-and-month of its opening ("6 to 30 July" -> "6 to 30 July 2015")."""
    bare = list(re.finditer(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b(?!\.?,?\s+\d{{4}})", text[:60], re.I))
    return f"{text[:bare[-1].end()]} {year}{text[bare[-1].end():]}" if bare else text


def check_dates(start, end, published, first_year, last_year):
    """Dates as printed, checked for order and for the era: (start, end, published, warnings).

    A date out of its era (a year mistyped) or out of order (a report published before its inspection ended)
    is dropped and named in a warning, never stored; when only one end of the range is wrong, the other is kept.
    """
    warnings = []

    def in_era(date, what):
        if date is not None and not first_year <= date.year <= last_year:
            warnings.append(f"the {what} {date.iso()} is outside {first_year}-{last_year} (a mistyped year?); not stored")
            return None
        return date

    start, end = in_era(start, "inspection's first day"), in_era(end, "inspection's last day")
    start, end = start or end, end or start
    if start and end and end.first_day() < start.first_day():
        warnings.append(f"the inspection's last day {end.iso()} is before its first {start.iso()}; the last day is not stored")
        end = start
    if published is not None and end is not None and published.first_day() < end.first_day():
        warnings.append(f"the publication date {published.iso()} is before the inspection ended {end.iso()}; not stored")
        published = None
    if published is not None and not first_year <= published.year <= last_year + 1:
        warnings.append(f"the publication date {published.iso()} is outside {first_year}-{last_year + 1}; not stored")
        published = None
    return start, end, published, warnings
