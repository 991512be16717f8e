"""Reading and parsing many files in worker processes. Plain Python: workers never touch the database.

Workers are spawned, not forked, so that none inherits the parent's database connection (closing a forked
copy of a PostgreSQL connection would close the parent's) or its Django state.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from inspections.importing.detect import parse_document
from inspections.importing.readers.text import MAX_BYTES, read_path
from inspections.importing.records import DocumentRecord, ParseError


@dataclass
class ParsedFile:
    """A file's pages and record, or why it could not be read."""

    path: Path
    sha256: str = ""
    pages: list[str] = field(default_factory=list)
    is_pdf: bool = True
    record: DocumentRecord | None = None
    error: str = ""

    def date(self):
        """The day the document's event began (or its publication): the order in which to save documents."""
        date = self.record and (self.record.start_date or self.record.published)
        return date.first_day() if date else datetime.date.max


def parse_file(path, max_bytes=MAX_BYTES, sha256=""):
    path = Path(path)
    try:
        source = read_path(path, max_bytes=max_bytes)
        record = parse_document(source.pages, source.filename)
    except ParseError as error:
        return ParsedFile(path, sha256, error=str(error))
    except Exception as error:  # a document nobody foresaw must not stop the others
        return ParsedFile(path, sha256, error=f"{path.name}: could not be read ({type(error).__name__}: {error})")
    return ParsedFile(path, sha256 or source.sha256, source.pages, source.is_pdf, record)


def _parse_job(job):
    return parse_file(*job)


def parse_files(jobs, workers=None, progress=None):
    """[ParsedFile] for jobs of (path, max_bytes, sha256), in the jobs' order. `progress(iterable, total, desc)`
    may wrap the results as they arrive."""
    jobs = list(jobs)
    progress = progress or (lambda items, total, desc: items)
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(jobs) < 4:
        return [_parse_job(job) for job in progress(jobs, len(jobs), "Reading")]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(progress(pool.map(_parse_job, jobs, chunksize=4), len(jobs), "Reading"))
