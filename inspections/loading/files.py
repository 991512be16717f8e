"""Importing report files: walking folders, reading, parsing, matching the authority, saving."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from inspections.importing.detect import parse_document
from inspections.importing.readers.text import SourceText, read_bytes, read_path
from inspections.importing.records import ParseError

from .reports import event_date, find_authority, save_record


@dataclass
class Examined:
    """A file read, parsed and matched to its authority, not yet saved."""

    source: object
    record: object
    authority: object

    def as_json(self, file):
        data = {"file": str(file), **self.record.as_json()}
        data["ons_code"] = self.authority.ons_code
        data["framework"] = self.record.framework
        data["title"] = self.record.title
        data["theme_slug"] = self.record.theme
        return data


def iter_files(paths):
    """Each file named, and every file under each folder named (sorted; hidden files skipped)."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.exists():
            yield path
        else:
            raise ParseError(f"{path}: no such file or folder")


class UnmatchedAuthority(ParseError):
    """A document read and parsed whose authority matches no authority: what was read is kept for a dry run."""

    def __init__(self, message, record):
        super().__init__(message)
        self.record = record

    def as_json(self, file):
        data = {"file": str(file), **self.record.as_json(), "ons_code": None, "framework": self.record.framework,
                "title": self.record.title, "theme_slug": self.record.theme}
        data["warnings"] = [*data["warnings"], str(self)]
        return data


def examine(path=None, *, filename=None, data=None):
    """Read and parse one document (from a path, or from uploaded bytes). Raises ParseError, writes nothing."""
    limit = settings.MAX_DOCUMENT_BYTES
    source = read_path(path, max_bytes=limit) if data is None else read_bytes(filename, data, max_bytes=limit)
    return _matched(source, parse_document(source.pages, source.filename))


def examine_parsed(parsed):
    """Examined from a ParsedFile that a worker read (inspections.importing.batch); the bytes are read again here,
    since they are needed only to store the file."""
    if parsed.error:
        raise ParseError(parsed.error)
    source = SourceText(parsed.path.name, parsed.path.read_bytes(), parsed.pages, parsed.is_pdf)
    return _matched(source, parsed.record)


def _matched(source, record):
    try:
        authority = find_authority(record.authority, on=event_date(record))
    except ParseError as error:
        raise UnmatchedAuthority(f"{source.filename}: {error}", record) from None
    return Examined(source, record, authority)


def save(examined, url="", ofsted_urn="", warnings=()):
    try:
        return save_record(examined.source, examined.record, url=url, ofsted_urn=ofsted_urn, warnings=warnings)
    except ValidationError as error:
        raise ParseError(f"{examined.source.filename}: the document's facts break a rule of the record: {error}") from None
    except ParseError as error:
        message = str(error)
        raise ParseError(message if message.startswith(examined.source.filename) else f"{examined.source.filename}: {message}") from None
