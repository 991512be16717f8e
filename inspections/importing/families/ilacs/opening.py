"""An ILACS report's opening on page 1: its title and authority, its inspection dates, its lead inspectors.

Two layouts. 2018-20: the council's name on a line of its own ABOVE "Inspection of (local authority) children's
(social care) services". From 2020: the name inside the title, "Inspection of Barnet local authority children's
services" or "Inspection of Kent County Council children's services". The name is given as printed (a trust's name
too: the authority matcher maps trusts to councils), without a leading "the" or a trailing "Children's Services".
Plain Python.
"""

from __future__ import annotations

import re

from inspections.importing.families.ilacs.dates import inspection_dates
from inspections.importing.readers.common import normalise
from inspections.importing.records import ParseError

# The authority is optional and lazy: "Inspection of local authority children's services" names none.
TITLE_RE = re.compile(
    r"Inspection of\s+(?:(?P<authority>[^.:;?!]{2,90}?)\s+)??(?:local authority\s+)?"
    r"children's\s+(?:social care\s+)?services\b",
    re.I,
)
# A trust's report may name the trust alone: "Inspection of Slough Children First" and then its dates.
TRUST_TITLE_RE = re.compile(
    r"Inspection of\s+(?P<authority>[A-Z][^.:;?!]{1,70}?\b(?:Trust|Children First|Achieving for Children))"
    r"\s+(?=Inspection dates?\b)",
)
# How far into page 1 the title may start: after a page number, a running header or the name above it.
TITLE_WITHIN = 300
SIF_TITLE_RE = re.compile(r"Inspection of services for children in need", re.I)
_PAGE_NUMBER = re.compile(r"^\d{1,2}\s+")
_DATES_LABEL = re.compile(r"Inspection dates?\s*:?", re.I)
NAME_LIMIT = 90

_ROLE_RE = re.compile(
    r"\(?\b(?:(?:Senior\s+)?(?:Her|His)\s+Majesty's\s+Inspectors?|S?HMI|Ofsted\s+Inspectors?|OI)\b\)?", re.I
)
_LEAD_RE = re.compile(r"\bLead inspectors?\s*:?\s*(?P<names>.{2,240})", re.I)
# A person's name as Ofsted prints it: two to five capitalised words ("Jenny-ellen Scotland", "Máire Atherton").
_NAME_RE = re.compile(r"^[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|le|la|da)){1,4}$")


def is_opening(head):
    """Whether a document's opening (page 1 first, normalised) is an ILACS report's: its title near the top."""
    if SIF_TITLE_RE.search(head[:TITLE_WITHIN + 100]):
        return False
    title = _title(head)
    return bool(title and _DATES_LABEL.search(head, title.end(), title.end() + 400))


def _title(first):
    for regex in (TITLE_RE, TRUST_TITLE_RE):
        match = regex.search(first, 0, TITLE_WITHIN + 200)
        if match and match.start() <= TITLE_WITHIN and not re.search(r"\bDear\b", first[: match.start()]):
            return match
    return None


def authority_and_title(first, filename=""):
    """(authority as printed, the title's words) from page 1 (normalised)."""
    title = _title(first)
    if not title:
        raise ParseError(
            f"{filename}: not an ILACS report (no 'Inspection of ... local authority children's services' "
            "at the top of page 1)"
        )
    authority = title.group("authority")
    if not authority or _is_description(authority):
        # 2018-20: the name stands above the title, after the page number.
        authority = _PAGE_NUMBER.sub("", first[: title.start()].strip())
        if re.search(r"[.:;?!]|\d", authority):
            authority = ""
    authority = clean_name(authority)
    if not authority or len(authority) > NAME_LIMIT:
        raise ParseError(f"{filename}: could not find the authority's name in or above the report's title")
    return authority, title.group(0)


def _is_description(words):
    return bool(re.fullmatch(r"(?:the\s+)?local authority", words, re.I))


def clean_name(name):
    """'the London Borough of Ealing' -> 'London Borough of Ealing'; 'Medway Children's Services' -> 'Medway'."""
    name = " ".join(name.split()).strip(" ,")
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    name = re.sub(r"\s+local authority$", "", name, flags=re.I)
    return re.sub(r"\s+children's services$", "", name, flags=re.I).strip(" ,")


def dates_after_label(pages, filename, warnings):
    """InspectionDates from "Inspection dates: ..." on page 1; ParseError if absent or unreadable.

    Where page 1's dates cannot be read or cannot be right, the running header of page 2 (the title, then the
    same dates) is read instead, with a warning.
    """
    first = normalise(pages[0])
    label = _DATES_LABEL.search(first)
    if not label:
        raise ParseError(f"{filename}: could not find 'Inspection dates:' on page 1")
    printed = first[label.end(): label.end() + 160]
    header = _header_dates(pages)
    header_dates = inspection_dates(header, []) if header else None
    year = header_dates.start.year if header_dates and header_dates.start else None
    dates = inspection_dates(printed, warnings, year)
    if dates.start is None and header_dates and header_dates.start:
        warnings.append("inspection dates read from the running header of page 2")
        dates = inspection_dates(header, warnings)
    if dates.start is None:
        raise ParseError(
            f"{filename}: could not read the inspection dates after 'Inspection dates:' ({printed[:60].strip()!r})"
        )
    return dates


def _header_dates(pages):
    """The dates line under the running title at the top of page 2, or ""."""
    if len(pages) < 2:
        return ""
    second = normalise(pages[1])[:300]
    title = TITLE_RE.match(second) or TITLE_RE.match(_PAGE_NUMBER.sub("", second))
    return second[title.end(): title.end() + 80] if title else ""


def lead_inspectors(first):
    """The lead inspector(s) on page 1 ("Lead inspectors: A, His Majesty's Inspector, and B, ..."), each once.

    Only names are kept: titles are dropped, and the reading stops at the first words that are neither a name
    nor a title, so the table or a paragraph after the line is never taken in.
    """
    match = _LEAD_RE.search(first)
    if not match:
        return []
    words = re.split(r"\b(?:Judgement|Inspection)\b", match.group("names"), maxsplit=1)[0]
    names = []
    for part in re.split(r",|\band\b|&", _ROLE_RE.sub(",", words)):
        part = " ".join(part.split()).strip(" .()")
        if not part:
            continue
        if not _NAME_RE.match(part):
            break
        if part not in names:
            names.append(part)
    return names
