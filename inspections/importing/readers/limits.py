"""Limits on what reading one document may cost, so that a hostile or broken file costs little.

Only the file's size can be checked before reading it: a 13 KB PDF can list a million pages and a 5 MB one can
hold a stream that expands to 5 GB. So a document is read in a child process (a fork: cheap, and the parent's
memory is shared until written) under resource limits: address space (RLIMIT_AS, counted above what the
process already had), CPU time (RLIMIT_CPU) and a wall-clock timeout from the parent, plus limits that give a
precise reason before any of those is reached: pages, bytes after decompression, characters of text.
Whatever happens in the child, the parent gets pages or a ParseError naming the file and the limit.

Every limit comes from the environment (see .env.example and the README), with defaults that let the largest
real report (the 478 PDFs in ../shared: at most about 100 pages, under 8 MB decompressed) through many times over.
"""

from __future__ import annotations

import io
import os
import pickle
import resource
import select
import signal
import time
import zipfile
import zlib
from dataclasses import dataclass, replace

from inspections.importing.records import ParseError

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadingLimits:
    pages: int = 300
    memory_bytes: int = 256 * MB
    cpu_seconds: int = 20
    wall_seconds: float = 40.0
    expanded_bytes: int = 64 * MB
    text_characters: int = 10_000_000
    # Off only where the reading is already contained (or to compare costs in bench/import_reports.py).
    in_child: bool = True

    @classmethod
    def from_environment(cls, environ=None):
        environ = os.environ if environ is None else environ
        default = cls()

        def number(name, value, kind=int):
            raw = environ.get(name, "")
            try:
                return kind(raw) if raw.strip() else value
            except ValueError:
                raise ValueError(f"{name}={raw!r} is not a number") from None

        return cls(
            pages=number("READING_MAX_PAGES", default.pages),
            memory_bytes=number("READING_MAX_MEMORY_MB", default.memory_bytes // MB) * MB,
            cpu_seconds=number("READING_MAX_CPU_SECONDS", default.cpu_seconds),
            wall_seconds=number("READING_MAX_SECONDS", default.wall_seconds, float),
            expanded_bytes=number("READING_MAX_EXPANDED_MB", default.expanded_bytes // MB) * MB,
            text_characters=number("READING_MAX_TEXT_CHARACTERS", default.text_characters),
            in_child=environ.get("READING_IN_CHILD_PROCESS", "1").strip().lower() not in ("0", "false", "no", "off"),
        )

    def but(self, **changes):
        return replace(self, **changes)


def current():
    return ReadingLimits.from_environment()


# --- checks made while reading (inside the child) ---------------------------------------------------------------

def check_pages(filename, count, limits):
    if count > limits.pages:
        raise ParseError(f"{filename}: the PDF has {count:,} page references; the limit is {limits.pages:,} pages")


def check_text(filename, pages, limits):
    characters = sum(map(len, pages))
    if characters > limits.text_characters:
        raise ParseError(
            f"{filename}: the text has {characters:,} characters; the limit is {limits.text_characters:,} characters"
        )


def check_expanded(filename, data, limits, step=16 * 1024):
    """Inflate every Flate stream of a PDF without keeping the output, counting bytes against the limit.

    Any stream may be Flate (page contents, object streams, fonts, images), so every `stream` keyword is tried:
    data that is not zlib fails within its first bytes. The input is fed in small steps, so that no step can
    expand beyond about 1,000 times its size. Nested filters are left to the memory limit."""
    view, total, at = memoryview(data), 0, 0
    while (at := data.find(b"stream", at)) >= 0:
        at += 6
        if data[at - 9:at] == b"endstream":
            continue
        start = at + (2 if data[at:at + 2] == b"\r\n" else 1 if data[at:at + 1] in (b"\n", b"\r") else 0)
        if start == at:
            continue
        inflater, position = zlib.decompressobj(), start
        try:
            while position < len(data) and not inflater.eof:
                total += len(inflater.decompress(view[position:position + step]))
                position += step
                if total > limits.expanded_bytes:
                    raise ParseError(
                        f"{filename}: the PDF's streams expand to more than {limits.expanded_bytes // MB:,} MB; "
                        f"the limit is {limits.expanded_bytes // MB:,} MB"
                    )
        except zlib.error:
            pass  # not Flate, or damaged: the reader itself says so if it matters
        at = start


def check_archive(filename, data, limits):
    """A zip container (a .docx, say): what its members declare they expand to, against the expansion limit.
    A member that lies about its size is caught by the memory limit while it is inflated."""
    if data[:4] != b"PK\x03\x04":
        return
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        return  # the reader of the format says what is wrong with it
    total = sum(member.file_size for member in members)
    if total > limits.expanded_bytes:
        raise ParseError(f"{filename}: the file's parts expand to {total / MB:,.0f} MB; "
                         f"the limit is {limits.expanded_bytes // MB:,} MB")


# --- running a reading in a child process --------------------------------------------------------------------------

def _address_space():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def apply_memory_limit(limits, soft_only=False):
    """Cap this process's address space at what it has now plus the memory limit."""
    address = _address_space() + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (address, resource.RLIM_INFINITY if soft_only else address))


def _apply(limits):
    apply_memory_limit(limits)
    # SIGXCPU at the soft limit ends the child (its default action); the hard limit is the backstop.
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))


def run_limited(filename, work, *args, limits):
    """work(*args) under the limits, in a forked child; its result, or a ParseError naming the limit."""
    if not limits.in_child or not hasattr(os, "fork"):
        return work(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup (database connections, atexit)
        status = 0
        try:
            os.close(read_end)
            _apply(limits)
            try:
                payload = pickle.dumps(("ok", work(*args)), protocol=pickle.HIGHEST_PROTOCOL)
            except ParseError as error:
                payload = pickle.dumps(("error", str(error)))
            except MemoryError:
                payload = pickle.dumps(("memory", ""))
            except Exception as error:  # reported to the parent as this file's failure
                payload = pickle.dumps(("error", f"{filename}: could not be read ({type(error).__name__}: {error})"))
            view = memoryview(payload)
            while view:
                view = view[os.write(write_end, view):]
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    return _collect(filename, pid, read_end, limits)


def _collect(filename, pid, read_end, limits):
    deadline = time.monotonic() + limits.wall_seconds
    chunks, timed_out = [], False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_end], [], [], left)[0]:
                timed_out = True
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise ParseError(f"{filename}: reading took longer than {limits.wall_seconds:g} s; the limit is {limits.wall_seconds:g} s")
    try:
        kind, value = pickle.loads(b"".join(chunks))
    except Exception:
        kind, value = "died", status
    if kind == "ok":
        return value
    if kind == "error":
        raise ParseError(value)
    if kind == "memory" or (os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS)):
        # pdfium aborts when an allocation fails: under RLIMIT_AS that is the memory limit being reached.
        raise ParseError(f"{filename}: reading needed more than {limits.memory_bytes // MB:,} MB of memory; "
                         f"the limit is {limits.memory_bytes // MB:,} MB")
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        raise ParseError(f"{filename}: reading took more than {limits.cpu_seconds:,} s of CPU time; "
                         f"the limit is {limits.cpu_seconds:,} s")
    raise ParseError(f"{filename}: the reader stopped unexpectedly (exit status {status}); the file may be damaged")
