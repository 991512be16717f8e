"""A SIF report's cover: the council, the title (an inspection, a re-inspection or a review of the LSCB alone),
the inspection dates and the publication date.

The cover reads "<council> / [Re-]inspection of services for children in need of help and protection, children
looked after and care leavers [and Review of the effectiveness of the Local Safeguarding Children Board] /
Inspection date(s): ... / Report published: ...". A review of the board alone, after an inspection that left it
out, names the board in the council's place ("Surrey Safeguarding Children Board").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inspections.importing.readers.common import check_dates, normalise, read_date_range
from inspections.importing.records import ParseError, PartialDate

# "Re-inspection", "Reinspection", "Re- inspection": the title starts at "Re", so the council's name stays clean.
TITLE_RE = re.compile(r"\b(?:Re-?\s?)?inspection of services for children in need of help and protection", re.I)
LSCB_REVIEW_RE = re.compile(r"\bReview of the effectiveness of the Local Safeguarding Children'?s? Board", re.I)
RE_INSPECTION_RE = re.compile(r"^Re-?\s?inspection", re.I)
# The title stands under the council's name on page 1: never further than this into the text.
COVER_CHARS = 300
DATES_RE = re.compile(r"\bInspection dates?\s*:?", re.I)
PUBLISHED_RE = re.compile(r"\bReport published\s*:?", re.I)
# The SIF ran from November 2013 to 2017; re-inspections of councils judged inadequate went on into 2018.
FIRST_YEAR, LAST_YEAR = 2013, 2018
_BOARD_NAME_RE = re.compile(r"\s*(?:Local\s+)?Safeguarding Children'?s? Board\b.*$|\s*\bLSCB\b.*$", re.I)


@dataclass
class Cover:
    authority: str
    title: str
    kind: str  # "inspection", "re-inspection" or "lscb_review"
    start: PartialDate
    end: PartialDate
    published: PartialDate | None
    warnings: list[str] = field(default_factory=list)


def cover_kind(head):
    """'inspection', 're-inspection' or 'lscb_review' when the opening is a SIF cover, else None."""
    opening = head[:COVER_CHARS]
    title = TITLE_RE.search(opening)
    if title:
        return "re-inspection" if RE_INSPECTION_RE.match(title.group(0)) else "inspection"
    return "lscb_review" if LSCB_REVIEW_RE.search(opening) else None


def read_cover(pages, filename=""):
    head = normalise(" ".join(pages[:2]))
    kind = cover_kind(head)
    if kind is None:
        raise ParseError(f"{filename}: not a SIF report (no 'Inspection of services for children in need of help "
                         "and protection' nor 'Review of the effectiveness of the Local Safeguarding Children Board' "
                         "on its cover)")
    title_at = (LSCB_REVIEW_RE if kind == "lscb_review" else TITLE_RE).search(head)
    dates_at = DATES_RE.search(head, title_at.start())
    if not dates_at:
        raise ParseError(f"{filename}: could not find the inspection dates ('Inspection date:' under the title)")
    authority = _authority(head[: title_at.start()], kind, filename)
    title = re.sub(r"(?<=[a-z])\d\b", "", head[title_at.start(): dates_at.start()]).strip()
    warnings = []
    published = _published(head, dates_at.end())
    start, end = _dates(head[dates_at.end(): dates_at.end() + 160], published, warnings)
    if start is None:
        raise ParseError(f"{filename}: could not read the inspection dates after 'Inspection date:' "
                         f"({head[dates_at.end(): dates_at.end() + 40]!r})")
    if published is None:
        warnings.append("no 'Report published' date on the cover")
    start, end, published, problems = check_dates(start, end, published, FIRST_YEAR, LAST_YEAR)
    warnings.extend(problems)
    if start is None:
        raise ParseError(f"{filename}: the inspection dates are not of the SIF's years: " + "; ".join(problems))
    return Cover(authority, title, kind, start, end, published, warnings)


def _authority(text, kind, filename):
    name = re.sub(r"^\d+\s+", "", text).strip(" ,")
    if kind == "lscb_review":
        name = _BOARD_NAME_RE.sub("", name).strip(" ,")  # the board is the council's: "Surrey Safeguarding ..."
    if not name or len(name) > 80:
        raise ParseError(f"{filename}: could not find the council's name above the report's title")
    return name


def _published(head, after):
    match = PUBLISHED_RE.search(head, after)
    if not match:
        return None
    start, _ = read_date_range(head[match.end(): match.end() + 30])
    return start


def _dates(text, published, warnings):
    """The range after 'Inspection date:'; a second visit printed after it ("... and 28 - 30 January 2014")
    extends it, and a range without a year takes the publication's year (or the year before)."""
    text = PUBLISHED_RE.split(text)[0]
    start, end = read_date_range(text, year=published.year if published else None)
    if start is None:
        return None, None
    yearless = not re.search(r"\b(?:19|20)\d\d\b", text)
    if yearless and end.first_day() > published.first_day():
        # "6 to 30 November", published the next January: the inspection was in the year before.
        start, end = read_date_range(text, year=published.year - 1)
    second = re.search(r"\band\s+(?=\d)", text)
    if second:
        _, later = read_date_range(text[second.end():])
        if later and later.first_day() > end.first_day():
            warnings.append(f"two periods on site; the inspection is taken to end on the second's last day {later.iso()}")
            end = later
    if start == end:
        warnings.append(f"a single inspection date is printed ({start.iso()}); a SIF inspection lasts weeks")
    if yearless:
        warnings.append(f"the inspection dates have no year; taken as {start.year}, from the publication date")
    return start, end
