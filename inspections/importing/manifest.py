"""The national corpus's manifest.csv: where each file came from. Plain Python.

The manifest is provenance, not truth: the authority, dates and grades are read from each document, and the
loader warns where the two disagree.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from inspections.importing.records import ParseError

COLUMNS = ("file", "ofsted_urn", "ofsted_name", "published", "report_type", "source_url", "sha256", "bytes")


@dataclass(frozen=True)
class ManifestEntry:
    row: int
    file: str  # relative to the manifest's folder, e.g. "reports/brent-2026-06-17.pdf"
    ofsted_urn: str
    ofsted_name: str
    published: datetime.date | None
    report_type: str
    source_url: str
    sha256: str

    @property
    def filename(self):
        return self.file.rsplit("/", 1)[-1]


def read_manifest(path):
    """{file name: ManifestEntry}; ParseError naming the row for a row that does not fit."""
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ParseError(f"{path.name}, row 1: no column {missing[0]!r} (expected {', '.join(COLUMNS)})")
        entries = {}
        for number, row in enumerate(reader, start=2):
            where = f"{path.name}, row {number}"
            try:
                published = datetime.date.fromisoformat(row["published"]) if row["published"] else None
            except ValueError:
                raise ParseError(f"{where}: published {row['published']!r} is not a date (YYYY-MM-DD)") from None
            if len(row["sha256"]) != 64:
                raise ParseError(f"{where}: sha256 {row['sha256']!r} is not 64 hexadecimal characters")
            entry = ManifestEntry(
                number, row["file"], row["ofsted_urn"].strip(), row["ofsted_name"].strip(), published,
                row["report_type"].strip(), row["source_url"].strip(), row["sha256"].lower(),
            )
            entries[entry.filename] = entry
    return entries
