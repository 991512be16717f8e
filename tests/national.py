"""The national corpus (../shared/data/national), read once per test process.

Parsing all 456 documents takes about 25 s on one core, so tests share one reading: `parsed_corpus()` parses
every file in worker processes the first time it is called and keeps the result for the rest of the session.
"""

from __future__ import annotations

import csv
import functools
import os
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings

from inspections.importing.detect import parse_document
from inspections.importing.readers.text import read_path
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


def _parse(path):
    try:
        source = read_path(path)
        return path.name, parse_document(source.pages, source.filename)
    except ParseError as error:
        return path.name, error


@functools.cache
def parsed_corpus():
    """{file name: DocumentRecord, or the ParseError it raised}, for every file of the corpus."""
    files = corpus_files()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(_parse, files, chunksize=8))
