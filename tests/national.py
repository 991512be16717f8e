"""The national corpus (../shared/data/national), read once per test process.

Parsing all 456 documents takes about 25 s on one core, so tests share one reading: `parsed_corpus()` parses
every file in worker processes the first time it is called and keeps the result for the rest of the session.
"""

from __future__ import annotations

import csv
import functools

from django.conf import settings

from inspections.importing.batch import parse_files
from inspections.importing.readers.text import MAX_BYTES
from inspections.importing.records import ParseError

NATIONAL = settings.SHARED_DATA_DIR / "data" / "national"
REPORTS = NATIONAL / "reports"
JTAI = NATIONAL / "jtai"
MANIFEST = NATIONAL / "manifest.csv"


def corpus_files():
    return sorted(REPORTS.glob("*.pdf")) + sorted(JTAI.glob("*.pdf"))


def manifest():
    """Each manifest row by file name (e.g. "brent-2026-06-17.pdf")."""
    with MANIFEST.open(newline="", encoding="utf-8") as handle:
        return {row["file"].rsplit("/", 1)[-1]: row for row in csv.DictReader(handle)}


@functools.cache
def parsed_corpus():
    """{file name: DocumentRecord, or the ParseError it raised}, for every file of the corpus."""
    parsed = parse_files((path, MAX_BYTES, "") for path in corpus_files())
    return {p.path.name: p.record if p.record else ParseError(p.error) for p in parsed}
