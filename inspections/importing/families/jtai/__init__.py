"""Joint targeted area inspection (JTAI) letters (2016 on): Ofsted with the Care Quality Commission, HM
Inspectorate of Constabulary (and Fire & Rescue Services) and, in some, HM Inspectorate of Probation, on one theme
of an area's multi-agency response to children (abuse and neglect with a 'deep dive', child exploitation, mental
health, the front door, domestic abuse, ...).

The letter goes to the area's safeguarding partners: the council, the health bodies, the police, probation.
It lists strengths and areas for improvement (2016-2020: "Key strengths", "Areas for improvement"; from 2022:
"What needs to improve?", "Strengths", "Main findings"), and is not graded. Plain Python.
"""

from __future__ import annotations

import re

from inspections.grades import Framework
from inspections.importing.families.jtai import addressees, opening, sections
from inspections.importing.readers import letters, subjects
from inspections.importing.readers.common import normalise, require
from inspections.importing.records import AreaForImprovementRecord, DocumentRecord, FindingRecord

# The title straight after the salutation ("Dear local partnership Joint targeted area inspection of ..."), no
# other letter's title between them; or above the addressees; or the summary sentence of the letters from 2022.
AFTER_SALUTATION_RE = re.compile(r"(?:(?!\b(?:visit|letter|inspection)\b)[^.]){0,120}?\bJoint targeted area inspection\b")
TITLE_RE = re.compile(r"\bJoint targeted area inspection (?:\(JTAI\) )?(?:of|in)\b")
SUMMARY_RE = re.compile(r"\bThis letter summarises the findings of (?:the|a) joint targeted area inspection\b", re.I)
# A JTAI's subject is always the multi-agency partnership's response: the theme when its words name no other.
PARTNERSHIP_THEME = "partnership-safeguarding-board"
FINDING_KINDS = {"strengths": "strength", "findings": "finding"}


def detect(text):
    dear = re.search(r"\bDear\b", text)
    if dear is None:
        return False
    return bool(
        AFTER_SALUTATION_RE.match(text, dear.end()) or TITLE_RE.search(text, 0, dear.start())
        or SUMMARY_RE.search(text, dear.end())
    )


def parse(pages, filename=""):
    pages = sections.restore_line_breaks(pages)
    parts = sections.sections(pages)
    start_text = opening.opening_text(parts[0][2])
    record = DocumentRecord(document_type="jtai", authority="", framework=Framework.JTAI.value, inspection_kind="jtai")
    warn = record.warnings.append
    record.published = letters.letter_date(normalise(pages[0]) if pages else "")
    start, end = opening.days_on_site(start_text)
    record.start_date = require(start, 'the days on site ("This inspection took place from 23 to 27 May 2022")', filename)
    record.end_date = end
    if not record.published:
        warn("no letter date before the salutation")
    elif record.published.first_day() < start.first_day():
        warn(f"the letter's date ({record.published.iso()}) is before the inspection began; not recorded")
        record.published = None
    focus, place = opening.focus_and_place(start_text)
    record.title = letters.clip(opening.title_of(start_text) or (f"Joint targeted area inspection of {place}" if place else ""))
    _read_authority_and_agencies(record, pages, start_text, place, warn)
    record.authority = require(record.authority, "the council the letter is addressed to", filename)
    _read_theme(record, focus, opening.deep_dive(start_text), warn)
    _read_items(record, parts)
    for missing, message in (
        (not record.areas_for_improvement, "no areas for improvement found"),
        (not record.findings, "no strengths or findings found"),
    ):
        if missing:
            warn(message)
    record.warnings = [f"{filename}: {message}" if filename else message for message in record.warnings]
    return record


def _read_authority_and_agencies(record, pages, start_text, place, warn):
    council, councils, named = addressees.council_and_partners(addressees.addressee_lines(pages))
    if len(councils) > 1:
        warn(f"several councils addressed ({', '.join(councils)}); {council} taken as the area's")
    if not council and place:
        warn(f"no council among the addressees; the area's name ({place}) stands for it")
    record.authority = council or place
    inspectorates, listed = opening.inspectorates(start_text)
    if not listed:
        warn("no sentence listing the inspectorates; those named in the opening are taken"
             if inspectorates else "no inspectorates named")
    # The inspectorates, then the council inspected, then the other organisations addressed, in the letter's order.
    record.agencies = list(dict.fromkeys(inspectorates + [council] * bool(council) + named))


def _read_theme(record, focus, dive, warn):
    """The theme in the letter's words: its 'deep dive' where it names one, else the response inspected."""
    record.theme_text = letters.clip(dive or focus)
    if not record.theme_text:
        warn('no theme found ("the multi-agency response to ...")')
        return
    record.theme = subjects.theme_of(dive, focus)
    if record.theme is None:
        record.theme = PARTNERSHIP_THEME
        warn(f"the theme {record.theme_text!r} has no theme of its own in the list; filed under partnership working")


def _read_items(record, parts):
    for role, heading, section_blocks in parts:
        found = sections.items(heading, section_blocks)
        if role == "improve":
            record.areas_for_improvement += [
                AreaForImprovementRecord(text=item.text, theme=subjects.theme_of(item.text), source_ref=item.source_ref)
                for item in found
            ]
        kind = FINDING_KINDS.get(role)
        if kind:
            record.findings += [
                FindingRecord(text=item.text, kind=kind, theme=subjects.theme_of(item.text), source_ref=item.source_ref)
                for item in found
            ]
