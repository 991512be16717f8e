"""2009-12 inspections of safeguarding and looked after children services, and safeguarding follow-ups.

A full inspection ("Inspection of safeguarding and looked after children services") has two sections,
"Safeguarding services" and "Services for looked after children"; a follow-up ("Inspection of safeguarding")
repeats the safeguarding section alone after an inadequate full inspection. Both share the 2009-13 layout that
slac_report reads; read_report() is shared with the 2012-13 looked after children reports (lac.py).
"""

from __future__ import annotations

import re

from inspections.grades import Framework
from inspections.importing.families.slac.areas import read_areas
from inspections.importing.families.slac.earlier import read_earlier_grades
from inspections.importing.families.slac.judgements import read_judgements, refer_to_paragraphs
from inspections.importing.families.slac.report import contents_headings, key, paragraphs, read_header, report_lines
from inspections.importing.records import DocumentRecord

TITLE_RE = re.compile(r"\bInspection of safeguarding(?: and looked after children(?:'s)? services| services)?\b", re.I)
# Where the title must appear: the cover, not a sentence further on.
COVER_CHARS = 300
FOLLOW_UP_RE = re.compile(r"\bfollow[- ]?up\b", re.I)


def detect(text):
    return bool(TITLE_RE.search(text[:COVER_CHARS]))


def parse(pages, filename=""):
    record = read_report(pages, TITLE_RE, "Safeguarding services", filename)
    if "looked after" in record.title.lower():
        record.document_type, record.framework, record.inspection_kind = "safeguarding_lac", Framework.SLAC.value, "full"
        return record
    record.document_type = "safeguarding_followup"
    record.framework, record.inspection_kind = Framework.SAFEGUARDING_FOLLOWUP.value, "follow_up"
    if not FOLLOW_UP_RE.search(" ".join(pages)[:20000]):
        record.warnings.append("the title names safeguarding alone but the text never says 'follow up'; read as a follow-up")
    return record


def read_report(pages, title_re, default_section, filename=""):
    """Everything the 2009-13 layout gives; the caller names the document type, framework and kind."""
    header = read_header(pages, title_re, filename)
    lines = report_lines(pages, header, default_section)
    warnings = []
    headings = contents_headings(lines)
    judgements, heading_at = read_judgements(lines, headings, default_section, warnings)
    body = paragraphs(lines, headings, heading_at)
    refer_to_paragraphs(judgements, body)
    judged = {key(area) for area in heading_at.values()}
    return DocumentRecord(
        document_type="",
        authority=header.authority,
        title=header.title,
        start_date=header.start,
        end_date=header.end,
        published=header.published,
        inspectors=header.inspectors,
        judgements=judgements,
        areas_for_improvement=read_areas(lines, headings, warnings),
        earlier_grades=read_earlier_grades(body, judged, header.start, warnings),
        warnings=warnings,
    )
