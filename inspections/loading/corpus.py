"""Importing a corpus of documents at once: read and parse in worker processes, save in one writer.

Reading a PDF's text and parsing it is plain Python and takes most of the time, so worker processes do it; the
database has one writer (this process), which saves each document in its own transaction, oldest first so that
a later document's citation finds the inspection it cites. A file already held (by sha256) is not read again,
so a second run changes nothing and costs little. Where a manifest describes the files (the national corpus),
each document keeps its Ofsted source URL and URN, and a disagreement with the manifest is a warning on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from inspections.importing.batch import parse_files
from inspections.importing.records import ParseError, PartialDate
from inspections.models import Authority, Document

from .files import examine_parsed, save

# Ofsted's publication date and the date printed on a report may differ by a few days (a letter dated on the
# Friday, published on the Monday); more than this is worth a person's look.
PUBLISHED_TOLERANCE_DAYS = 14


@dataclass
class CorpusReport:
    imported: list = field(default_factory=list)  # Outcomes
    present: int = 0
    provenance_added: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def changed(self):
        return len(self.imported) + self.provenance_added

    def summary(self):
        enriched = sum(1 for o in self.imported if o.status == "enriched")
        return (
            f"Documents: {len(self.imported) - enriched} imported, {enriched} enriched an existing record, "
            f"{self.present} already present, {len(self.failures)} failed"
            + (f"; provenance added to {self.provenance_added}" if self.provenance_added else "")
        )


def import_corpus(files, *, manifest=None, workers=None, progress=None, on_outcome=None):
    """Import every file not yet held. `manifest` is {sha256: ManifestEntry}; `progress(iterable, total, desc)`
    wraps the loops (a progress bar on a terminal); `on_outcome(path, outcome_or_error)` reports each file."""
    progress = progress or (lambda items, total, desc: items)
    manifest = manifest or {}
    report = CorpusReport()
    held = {d.sha256: d for d in Document.objects.only("pk", "sha256", "url", "ofsted_urn")}
    wanted = {}
    for path in map(Path, files):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in held:
            report.present += 1
            report.provenance_added += _add_provenance(held[digest], manifest.get(digest))
        elif digest in wanted:
            report.present += 1  # two copies of one file in the folders are one document
        else:
            wanted[digest] = path
    jobs = [(path, settings.MAX_DOCUMENT_BYTES, digest) for digest, path in wanted.items()]
    parsed = parse_files(jobs, workers, progress)
    # Failures first (they are reported, and save nothing), then oldest first.
    parsed.sort(key=lambda p: (p.error == "", p.date(), p.path.name))
    for item in progress(parsed, len(parsed), "Saving"):
        try:
            outcome = _save(item, manifest.get(item.sha256))
        except ParseError as error:
            report.failures.append(str(error))
            outcome = error
        except Exception as error:  # its transaction is rolled back; the other documents go on
            outcome = ParseError(f"{item.path.name}: could not be saved ({type(error).__name__}: {error})")
            report.failures.append(str(outcome))
        else:
            report.imported.append(outcome)
        if on_outcome:
            on_outcome(item.path, outcome)
    return report


def _save(item, entry):
    examined = examine_parsed(item)
    warnings = _manifest_warnings(entry, examined.authority, examined.record) if entry else []
    if entry:
        warnings += _publication_from_manifest(entry, examined.record)
    return save(
        examined,
        url=entry.source_url if entry else "",
        ofsted_urn=entry.ofsted_urn if entry else "",
        warnings=warnings,
    )


def _publication_from_manifest(entry, record):
    """Most ILACS reports print no publication date: Ofsted's site gives it. Taken only where the document gives
    none and it falls after the inspection ended; said in a warning, since it is not the document's own reading."""
    ended = record.end_date or record.start_date
    if record.published or not entry.published or (ended and entry.published < ended.first_day()):
        return []
    record.published = PartialDate.from_date(entry.published)
    return [f"publication date {entry.published:%d %B %Y} from Ofsted's site (manifest row {entry.row}): the "
            "document prints none"]


def _manifest_warnings(entry, authority, record):
    """Where the manifest and the document disagree; the document's own reading is what is kept."""
    warnings = []
    if entry.ofsted_urn and entry.ofsted_urn != authority.ofsted_urn:
        filed = Authority.objects.filter(ofsted_urn=entry.ofsted_urn).first()
        warnings.append(
            f"manifest row {entry.row}: Ofsted files this under URN {entry.ofsted_urn} "
            f"({filed or entry.ofsted_name}); the document names {authority} (URN {authority.ofsted_urn or 'unknown'})"
        )
    if entry.published and record.published and record.published.precision == "day":
        gap = abs((record.published.first_day() - entry.published).days)
        if gap > PUBLISHED_TOLERANCE_DAYS:
            warnings.append(
                f"manifest row {entry.row}: published {entry.published:%d %B %Y} on Ofsted's site; the document is "
                f"dated {record.published.first_day():%d %B %Y}"
            )
    return warnings


def _add_provenance(document, entry):
    """A document already held (e.g. imported from another folder) gains the manifest's URL and URN where it has
    none; a value a person has entered is never replaced."""
    if entry is None or (document.url or not entry.source_url) and (document.ofsted_urn or not entry.ofsted_urn):
        return 0
    fresh = Document.objects.get(pk=document.pk)  # the whole row, so that its history records it
    changed = [name for name, value in (("url", entry.source_url), ("ofsted_urn", entry.ofsted_urn))
               if value and not getattr(fresh, name)]
    if not changed:
        return 0
    fresh.url, fresh.ofsted_urn = fresh.url or entry.source_url, fresh.ofsted_urn or entry.ofsted_urn
    fresh.save(update_fields=changed)
    return 1


def terminal_progress(stream):
    """A progress(iterable, total, desc) that draws a bar when `stream` is a terminal, and nothing otherwise."""
    from tqdm import tqdm

    def progress(items, total, desc):
        return tqdm(items, total=total, desc=desc, unit="file", file=stream, disable=not stream.isatty())

    return progress
