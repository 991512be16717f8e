"""2012-13 inspections of services for looked after children ("Inspection of looked after children services").

One section, graded on scale A, in the 2009-13 layout that slac_report reads; its judgements (overall
effectiveness, capacity to improve, outcomes, quality of provision, leadership and management) come from the
"Record of main findings" and the "Grade N (word)" headings.
"""

from __future__ import annotations

import re

from inspections.grades import Framework
from inspections.importing.families.slac import read_report

TITLE_RE = re.compile(
    r"\bInspection of (?:looked after children(?:'s)? services|services for looked after children)\b", re.I
)
SECTION = "Services for looked after children"
COVER_CHARS = 300


def detect(text):
    return bool(TITLE_RE.search(text[:COVER_CHARS]))


def parse(pages, filename=""):
    record = read_report(pages, TITLE_RE, SECTION, filename)
    record.document_type, record.framework, record.inspection_kind = "lac", Framework.LAC.value, "full"
    return record
