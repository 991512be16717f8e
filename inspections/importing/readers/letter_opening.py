"""What a letter's opening says: its title and authority, its dates, its inspectors, the grades it cites.

Plain Python, shared by the monitoring and focused visit parsers through letters.py.
"""

from __future__ import annotations

import re

from inspections.grades import Framework, Grade, Strand, parse_grade
from inspections.importing.readers.cited_remit import other_remit
from inspections.importing.readers.common import (
    DATE_RE,
    MONTH_NAME,
    MONTH_YEAR_RE,
    month_number,
    parse_date,
    parse_date_range,
    written_dates,
)
from inspections.importing.records import EarlierGrade, PartialDate

TITLE_RE = re.compile(r"\b((?:Monitoring|Focused|Assurance) visit (?:to|of) .+? children's services)\b", re.I)
SUMMARY_RE = re.compile(
    r"summarises the findings of (?:the|a|an) (?:\w+ )?(?:monitoring|focused|assurance) visit to (.+?) "
    r"(?:children's services )?(?:on|between|from)\b(.{0,60})",
    re.I,
)
# "The inspectors were ...", "Her Majesty's Inspectors for this visit were ...", "The lead inspector was ...",
# "The visit was carried out by ...".
INSPECTORS_RE = re.compile(
    r"(?:(?:(?:Her|His) Majesty's )?(?:lead |other )?inspectors?(?: (?:on|for) this (?:\w+ )?visit)? (?:were|was)|"
    r"\bvisit was (?:carried out|conducted|undertaken|led) by) (.+?)\.(?:\s|$)",
    re.I,
)
INSPECTOR_TITLE_RE = re.compile(
    r"\(?\b(?:Senior |Regional )?(?:Her|His) Majesty's Inspectors?\b\s*(?:\(S?HMI\))?\)?|\(?\bS?HMIs?\b\)?|"
    r"\(?\bOfsted Inspectors?\b\)?\s*(?:\(OI\))?|\(OI\)|\bOI\b|\blead inspector\b|\b(?:Mr|Mrs|Ms|Miss|Dr)\.? ",
    re.I,
)
SIGNATURE_RE = re.compile(
    r"\bYours? (?:sincerely|faithfully),?\s+\**([A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){1,3})\**\s+\**"
    r"(?:Senior |Regional )?(?:(?:Her|His) Majesty's Inspector|HMI|Ofsted Inspector|Regional Director)"
)
NAME_RE = re.compile(r"^[A-Z][A-Za-z'’.-]+(?: (?:[A-Z][A-Za-z'’.-]+|de|van|von|le|la|da)){1,4}$")
_DATE = rf"((?:\d{{1,2}}\s+)?{MONTH_NAME}\.?\s+\d{{4}}|\d{{4}})"
# An earlier inspection cited with its date and then its overall grade: "... the inspection of <month year>,
# when overall effectiveness was judged <grade>", or "last inspected in <year>, when overall effectiveness ...".
CITED_OVERALL_RE = re.compile(
    rf"\binspect\w*\b[^.]{{0,120}}?\b(?:in|of|on)\s+{_DATE},?\s+when\s+(?:the\s+)?(?:judgement for\s+)?overall\s+"
    r"effectiveness[^.]{0,40}?\b(?:was|were)\s+(?:judged|found|rated)?\s*(?:to\s+(?:be\s+)?)?['‘]?"
    r"(requires? improvement(?: to be good)?|inadequate|good|outstanding|adequate)",
    re.I,
)
# "since the local authority was judged inadequate in September 2018"
CITED_INADEQUATE_RE = re.compile(
    rf"\b(?:judged|found|rated)\s+(?:to\s+be\s+)?inadequate\b[^.]{{0,60}}?\b(?:in|of)\s+{_DATE}", re.I
)


def title_of(text):
    match = TITLE_RE.search(text)
    return match.group(1) if match else ""


def authority_of(text):
    """The authority as printed in the letter's heading ("Monitoring visit to X children's services")."""
    match = TITLE_RE.search(text)
    name = ""
    if match:
        name = re.sub(r"^(?:Monitoring|Focused|Assurance) visit (?:to|of) ", "", match.group(1), flags=re.I)
        name = re.sub(r"(?:'s)? children's services$", "", name, flags=re.I)
    else:
        summary = SUMMARY_RE.search(text)
        name = summary.group(1) if summary else ""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    # "Leicestershire local authority children's services": the name is the place, not the description.
    return re.sub(r"\s+local authority$", "", name, flags=re.I).strip(" ,")


def letter_date(text):
    """The date the letter is dated: the first full date before the salutation."""
    dear = re.search(r"\bDear\b", text)
    return parse_date(text[: dear.start()] if dear else text[:400])


def visit_dates(text):
    """(start, end) from "summarises the findings of the ... visit to X on 26 and 27 April 2017".

    Also "on the 15 and 16 of May 2019", "on 15/05/2019" and, where the year is left out ("on 15 and 16 May"),
    the year of the letter's date (a letter follows its visit within weeks; a December visit in a January letter
    takes the year before).
    """
    match = SUMMARY_RE.search(text)
    if not match:
        return None, None
    dates = written_dates(match.group(2))
    start, end = parse_date_range(dates)
    if start is None:
        start, end = _dates_without_year(dates, letter_date(text))
    return start, end


_YEARLESS_RE = re.compile(
    rf"^\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+({MONTH_NAME}))?(?:\s*(?:-|–|and|to)\s*(\d{{1,2}})(?:st|nd|rd|th)?)?"
    rf"\s+({MONTH_NAME})\b",
    re.I,
)


def _dates_without_year(text, dated):
    match = _YEARLESS_RE.match(text)
    if not match or dated is None:
        return None, None
    first, first_month, last, month = match.groups()
    end_month = month_number(month)
    year = dated.year - (1 if dated.month and end_month > dated.month else 0)
    end = PartialDate(year, end_month, int(last or first))
    start_month = month_number(first_month) if first_month else end_month
    start = PartialDate(year - (1 if start_month > end_month else 0), start_month, int(first))
    return start, end


def inspectors_of(opening, text):
    """The inspectors named in the opening paragraphs, lead first (the lead signs the letter, text's end)."""
    names = []
    for match in INSPECTORS_RE.finditer(opening):
        words = INSPECTOR_TITLE_RE.sub(" ", match.group(1))
        for part in re.split(r",\s*and\s+|\s+and\s+|,", words):
            part = " ".join(part.split()).strip(" ,()")
            if NAME_RE.match(part) and not ROLE_WORDS_RE.search(part) and not _named(part, names):
                names.append(part)
    signature = SIGNATURE_RE.search(text)
    if signature:
        lead = " ".join(signature.group(1).split())
        names = [name for name in names if not _named(name, [lead])]
        names.insert(0, lead)
    return names


# Words of a role, never of a name: "Social Care Regulatory Inspector", "Senior Inspector", "Regional Director".
ROLE_WORDS_RE = re.compile(r"\b(?:Inspectors?|Director|Regulatory|Majesty's|Officer|Manager|Team)\b", re.I)


def _named(name, names):
    """Whether a name is among names already, whatever its case or spacing (the same inspector listed twice)."""
    key = name.casefold().replace("’", "'")
    return any(key == other.casefold().replace("’", "'") for other in names)


def earlier_grades(text, source_ref="opening"):
    """Overall grades of earlier inspections of the authority's children's services that the letter cites, in
    the order it cites them; a grade of another remit (its fostering agency, a children's home) is not one."""
    found = []
    for match in CITED_OVERALL_RE.finditer(text):
        grade = parse_grade(re.sub(r"^require\b", "requires", match.group(2).lower()))
        if grade and not other_remit(_sentence_to(text, match)):
            found.append(_cited(match.group(1), grade, source_ref))
    for match in CITED_INADEQUATE_RE.finditer(text):
        cited = _cited(match.group(1), Grade.INADEQUATE, source_ref)
        if cited not in found and not other_remit(_sentence_to(text, match)):
            found.append(cited)
    return found


def _sentence_to(text, match):
    """The sentence of a match, from its start to the match's end: what was judged and when."""
    start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start()))
    return text[start + 1: match.end()]


def _cited(date_text, grade, source_ref):
    day = DATE_RE.search(date_text)
    month = MONTH_YEAR_RE.search(date_text)
    if day:
        date = PartialDate(int(day.group(3)), month_number(day.group(2)), int(day.group(1)))
    elif month:
        date = PartialDate(int(month.group(2)), month_number(month.group(1)))
    else:
        date = PartialDate(int(date_text))
    framework = framework_on(date)
    # Before the SIF an inspection graded each of its halves, never the services as a whole.
    strand = Strand.OVERALL if framework else Strand.NONE
    return EarlierGrade(
        date=date, area="Overall effectiveness", grade=grade.value, strand=strand.value, framework=framework,
        source_ref=source_ref,
    )


def framework_on(date):
    """The framework an inspection on this date was under; None before the single inspection framework."""
    if (date.year, date.month or 12) >= (2018, 1):
        return Framework.ILACS.value
    if (date.year, date.month or 1) >= (2013, 11):
        return Framework.SIF.value
    return None
