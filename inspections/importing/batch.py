"""Reading and parsing many files in worker processes. Plain Python: workers never touch the database.

Workers are spawned, not forked, so that none inherits the parent's database connection (closing a forked
copy of a PostgreSQL connection would close the parent's) or its Django state.

A worker does nothing but read, so it applies the reading limits (readers/limits.py) to itself instead of forking a
child per file, which would double the CPU time of reading the corpus (pdfium's caches would die with each child):
its memory is capped once, and each file gets its own CPU and wall-clock allowance, past which the worker is
ended by the kernel (SIGXCPU, SIGALRM). Should a worker end so, the files not yet read are read again here, each
in its own limited child, so that the culprit gets its own clear message and the others are read as usual.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import resource
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from inspections.importing.detect import parse_document
from inspections.importing.readers import limits as reading_limits
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


def parse_file(path, max_bytes=MAX_BYTES, sha256="", limits=None):
    path = Path(path)
    try:
        source = read_path(path, max_bytes=max_bytes, limits=limits)
        record = parse_document(source.pages, source.filename)
    except ParseError as error:
        return ParsedFile(path, sha256, error=str(error))
    except Exception as error:  # a document nobody foresaw must not stop the others
        return ParsedFile(path, sha256, error=f"{path.name}: could not be read ({type(error).__name__}: {error})")
    return ParsedFile(path, sha256 or source.sha256, source.pages, source.is_pdf, record)


def _parse_job(job):
    return parse_file(*job)


_worker = {"limits": None, "contained": False}


def _start_worker(limits):
    """A worker's own limits: its memory once, for all its files (above what it holds after starting). Only the
    soft limit, so that a child it forks (below) may be given its own."""
    _worker.update(limits=limits.but(in_child=False), contained=limits.in_child)
    if limits.in_child:
        reading_limits.apply_memory_limit(limits, soft_only=True)


def _worker_job(job):
    limits = _worker["limits"]
    if not _worker["contained"]:
        return parse_file(*job, limits=limits)
    used = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
    resource.setrlimit(resource.RLIMIT_CPU, (int(used) + limits.cpu_seconds + 1, resource.RLIM_INFINITY))
    signal.setitimer(signal.ITIMER_REAL, limits.wall_seconds)  # SIGALRM's default action ends the worker
    try:
        parsed = parse_file(*job, limits=limits)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if "MemoryError" in parsed.error:  # the worker's memory, shared by its files: this one alone, in a child
        parsed = parse_file(*job)
    return parsed


def parse_files(jobs, workers=None, progress=None):
    """[ParsedFile] for jobs of (path, max_bytes, sha256), in the jobs' order. `progress(iterable, total, desc)`
    may wrap the results as they arrive."""
    jobs = list(jobs)
    progress = progress or (lambda items, total, desc: items)
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(jobs) < 4:
        return [_parse_job(job) for job in progress(jobs, len(jobs), "Reading")]
    results = []
    limits = reading_limits.current()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_start_worker, initargs=(limits,)) as pool:
            results.extend(progress(pool.map(_worker_job, jobs, chunksize=4), len(jobs), "Reading"))
    except BrokenProcessPool:  # a worker went past a limit: the rest, one limited child each
        results.extend(_parse_job(job) for job in jobs[len(results):])
    return results
