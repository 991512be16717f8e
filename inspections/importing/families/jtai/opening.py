"""What a JTAI letter's opening says: its title and area, the theme, the days on site, the inspectorates.

Two wordings so far. 2016-2020: the title names the theme ("Joint targeted area inspection of the multi-agency
response to abuse and neglect in South Tyneside Metropolitan Borough"), then "Between 22 and 26 February 2016,
Ofsted, the Care Quality Commission (CQC), HMI Constabulary (HMIC) and HMI Probation (HMIP) undertook a joint
inspection ...", often with a 'deep dive' focus. From 2022: the title names the area only ("Joint targeted area
inspection of Barnsley"), then "This letter summarises the findings of the joint targeted area inspection (JTAI)
of the multi-agency response to <theme> in <area>. This inspection took place from 23 to 27 May 2022. It was
carried out by inspectors from Ofsted, ...". Plain Python; the text is normalised (one line, straight quotes).
"""

from __future__ import annotations

import re

from inspections.importing.readers.common import parse_date_range

# A place name: capitalised words, with the small words of "Kingston upon Thames" or "Isle of Wight", stopping
# before the capitalised first word of the next sentence (old titles run straight into "Between 22 and ...").
_NEXT_SENTENCE = r"(?:Between|This|The|From|During|On|In|It|Inspectors|Ofsted)\b"
PLACE = (
    rf"(?!{_NEXT_SENTENCE})[A-Z][\w'&-]*(?:\s+(?!{_NEXT_SENTENCE})(?:[A-Z][\w'&-]*|upon|on|and|of|the|under|le|by))*"
)
RESPONSE = r"of the multi-agency response to (?P<focus>[^.]+?) in (?P<place>" + PLACE + r")"
# The theme in the summary sentence (2022 on), in the title (2016-2020), or in the old opening sentence.
FOCUS_RES = (
    re.compile(r"\bsummarises the findings of (?:the|a|this) joint targeted area inspection (?:\(JTAI\) )?" + RESPONSE),
    re.compile(r"\bJoint targeted area inspection (?:\(JTAI\) )?" + RESPONSE),
    re.compile(r"\bjoint (?:targeted area )?inspection (?:\(JTAI\) )?" + RESPONSE, re.I),
)
TITLE_RE = re.compile(r"\bJoint targeted area inspection (?:\(JTAI\) )?(?:of|in) (?P<rest>[^.]+?)(?=\s+" + _NEXT_SENTENCE
                      + r"|\s*$|\.)")
TITLE_PLACE_RE = re.compile(r"\bJoint targeted area inspection (?:\(JTAI\) )?(?:of|in) (?P<place>" + PLACE + r")")
DEEP_DIVE_RE = re.compile(
    r"\bdeep[ -]dive'?\s+(?:focus|element|theme)?\s*(?:on|was|of)\s+(?:the\s+(?:multi-agency\s+)?response to\s+)?"
    r"(?P<dive>[^.]+)",
    re.I,
)
# A focus that points back at another ("children experiencing these vulnerabilities") names no theme itself.
REFERS_BACK_RE = re.compile(r"\b(?:these|this)\b", re.I)
ON_SITE_RE = re.compile(
    r"\b(?:between|from|on|during|week (?:of|beginning|commencing|starting))\s+"
    r"(\d{1,2}(?:st|nd|rd|th)?\b[^.]{0,40}?\d{4})",
    re.I,
)
# The inspectorates: "... carried out by inspectors from Ofsted, the Care Quality Commission (CQC) and ...", or
# "Between 22 and 26 February 2016, Ofsted, ... and HMI Probation (HMIP) undertook a joint inspection".
INSPECTORATE_LIST_RES = (
    re.compile(r"\b(?:carried out|conducted|undertaken|led) by (?:inspectors from |staff from )?(?P<list>[^.]+?)\.(?:\s|$)"),
    re.compile(r"\d{4},\s*(?P<list>[^.]+?)\s+(?:undertook|carried out|conducted|completed) (?:a|the|this) joint"),
)
INSPECTORATE_START = r"(?:the\s+)?(?:Ofsted|Care Quality|CQC|HMI|HM\b|Her Majesty|His Majesty|Estyn)"
INSPECTORATE_SPLIT_RE = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?={INSPECTORATE_START})")
INSPECTORATE_RE = re.compile(
    r"\bOfsted\b|\b(?:the\s+)?Care Quality Commission(?:\s+\(CQC\))?|"
    r"\b(?:Her|His) Majesty's Inspectorate of (?:Constabulary(?:,? (?:and )?Fire (?:&|and) Rescue Services)?|Probation)"
    r"(?:\s+\([A-Z]+\))?|\bHMI (?:Constabulary(?:,? (?:and )?Fire (?:&|and) Rescue [Ss]ervices)?|Probation)(?:\s+\([\w ]+\))?"
)


def opening_text(opening_blocks):
    return " ".join(block.text for block in opening_blocks)


def title_of(text):
    match = TITLE_RE.search(text)
    return f"Joint targeted area inspection of {match.group('rest').strip()}" if match else ""


def focus_and_place(text):
    """(the theme of the inspection as the letter words it, the area it names), or ("", "")."""
    for pattern in FOCUS_RES:
        for match in pattern.finditer(text):
            focus = match.group("focus").strip()
            if not REFERS_BACK_RE.search(focus):
                return focus, match.group("place").strip()
    place = TITLE_PLACE_RE.search(text)
    return "", place.group("place").strip() if place else ""


def deep_dive(text):
    """The 'deep dive' focus, where the letter names one of its own (not "these vulnerabilities")."""
    match = DEEP_DIVE_RE.search(text)
    if not match or REFERS_BACK_RE.search(match.group("dive")):
        return ""
    return match.group("dive").strip(" ,;")


def days_on_site(text):
    """(start, end) from the sentence that dates the inspection ("This inspection took place from 23 to 27 May
    2022", "Between 22 and 26 February 2016, Ofsted ... undertook a joint inspection")."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not re.search(r"inspect|took place|on site", sentence, re.I):
            continue
        for match in ON_SITE_RE.finditer(sentence):
            start, end = parse_date_range(match.group(1))
            if start:
                return start, end
    return None, None


def inspectorates(text):
    """The inspectorates as the letter names them, in its order ("Ofsted", "Care Quality Commission (CQC)", ...);
    and whether they came from the sentence that lists them (else from their names anywhere in the opening)."""
    for pattern in INSPECTORATE_LIST_RES:
        match = pattern.search(text)
        if match and re.match(INSPECTORATE_START, match.group("list")):
            items = [re.sub(r"^the\s+", "", item.strip(" ,")) for item in INSPECTORATE_SPLIT_RE.split(match.group("list"))]
            return [item for item in items if item], True
    named = [re.sub(r"^the\s+", "", m.group(0)) for m in INSPECTORATE_RE.finditer(text)]
    return list(dict.fromkeys(named)), False
