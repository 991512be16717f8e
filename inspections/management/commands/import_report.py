"""Import Ofsted reports and letters (PDF or text) and council self-evaluations.

    python manage.py import_report PATH [PATH ...] [--dry-run] [--format json|text] [--manifest CSV] [--workers N]

A folder is walked. Files are read and parsed in worker processes; each is saved in its own transaction, oldest
first. A bad file is reported and skipped, and the command exits non-zero if any failed. A manifest.csv in a
folder named (or given with --manifest) supplies each file's Ofsted URL and URN.
"""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inspections.importing.batch import parse_files
from inspections.importing.manifest import read_manifest
from inspections.importing.records import ParseError
from inspections.loading.corpus import import_corpus, terminal_progress
from inspections.loading.files import UnmatchedAuthority, examine_parsed, iter_files


class Command(BaseCommand):
    help = "Import Ofsted reports, letters and self-evaluations (PDF or UTF-8 text); folders are walked."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Parse and print; write nothing.")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--manifest", type=Path, help="A manifest.csv describing the files (provenance).")
        parser.add_argument("--workers", type=int, default=None, help="Processes that read the files (default: one per core).")

    def handle(self, *args, paths, dry_run, format, manifest, workers, **options):
        try:
            files = list(iter_files(paths))
            entries = self._manifest(manifest, paths)
        except (ParseError, OSError) as error:
            raise CommandError(str(error)) from None
        progress = terminal_progress(sys.stderr) if len(files) > 1 else None
        if dry_run:
            failures = self._dry_run(files, format, workers, progress)
        else:
            report = import_corpus(files, manifest=entries, workers=workers, progress=progress, on_outcome=self._print)
            failures = report.failures
            enriched = sum(1 for o in report.imported if o.status == "enriched")
            self.stdout.write(
                f"{len(files)} file(s): {len(report.imported) - enriched} imported, {enriched} enriched an existing "
                f"record, {report.present} already present, {len(failures)} failed"
            )
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} file(s) failed:\n" + "\n".join(failures))

    def _manifest(self, manifest, paths):
        """{sha256: entry} from --manifest, or from a manifest.csv in (or just above) a folder named."""
        found = [manifest] if manifest else [
            candidate for path in map(Path, paths) if path.is_dir()
            for candidate in (path / "manifest.csv", path.parent / "manifest.csv") if candidate.is_file()
        ][:1]
        return {e.sha256: e for path in found for e in read_manifest(path).values()}

    def _print(self, path, outcome):
        if isinstance(outcome, Exception):
            self.stderr.write(f"FAILED {outcome}")
            return
        self.stdout.write(f"{path.name}: {outcome.document.authority} – {outcome.summary()}")
        for warning in outcome.warnings:
            self.stdout.write(f"  warning: {warning}")

    def _dry_run(self, files, format, workers, progress):
        failures = []
        for parsed in parse_files([(path, settings.MAX_DOCUMENT_BYTES, "") for path in files], workers, progress):
            try:
                examined = examine_parsed(parsed)
            except UnmatchedAuthority as error:
                failures.append(str(error))
                if format == "json":  # what was read is still worth seeing
                    self.stdout.write(json.dumps(error.as_json(parsed.path), ensure_ascii=False))
            except ParseError as error:
                failures.append(str(error))
            else:
                self._print_dry_run(parsed.path, examined, format)
                continue
            self.stderr.write(f"FAILED {failures[-1]}")
        if format == "text":
            self.stdout.write(f"{len(files)} file(s): {len(files) - len(failures)} parsed, {len(failures)} failed")
        return failures

    def _print_dry_run(self, path, examined, format):
        if format == "json":
            self.stdout.write(json.dumps(examined.as_json(path), ensure_ascii=False))
            return
        record = examined.record
        self.stdout.write(
            f"{path.name}: {record.document_type} · {record.authority} ({examined.authority.ons_code}) · "
            f"{record.start_date.iso() if record.start_date else '?'} · {len(record.judgements)} judgements, "
            f"{len(record.areas_for_improvement)} areas for improvement, {len(record.findings)} findings, "
            f"{len(record.earlier_grades)} earlier grades, {len(record.claims)} claims"
        )
        for warning in record.warnings:
            self.stdout.write(f"  warning: {warning}")
