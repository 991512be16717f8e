"""Import Ofsted reports and letters (PDF or text) and council self-evaluations.

    python manage.py import_report PATH [PATH ...] [--dry-run] [--format json|text]

A folder is walked. Each file is imported in its own transaction; a bad file is reported and skipped, and the
command exits non-zero if any failed.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from inspections.importing.records import ParseError
from inspections.loading.files import UnmatchedAuthority, examine, iter_files, save


class Command(BaseCommand):
    help = "Import Ofsted reports, letters and self-evaluations (PDF or UTF-8 text); folders are walked."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Parse and print; write nothing.")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, paths, dry_run, format, **options):
        try:
            files = list(iter_files(paths))
        except ParseError as error:
            raise CommandError(str(error)) from None
        many = len(files) > 1
        tally = {"imported": 0, "enriched": 0, "already present": 0, "failed": 0}
        failures = []
        bar = tqdm(files, desc="Importing", unit="file", file=sys.stderr, disable=not many or not sys.stderr.isatty())
        for path in bar:
            try:
                examined = examine(path)
                if dry_run:
                    self._print_dry_run(path, examined, format)
                    tally["imported"] += 1
                    continue
                outcome = save(examined)
            except UnmatchedAuthority as error:
                failure = str(error)
                if dry_run and format == "json":  # what was read is still worth seeing
                    self.stdout.write(json.dumps(error.as_json(path), ensure_ascii=False))
            except ParseError as error:
                failure = str(error)
            except Exception as error:  # a document nobody foresaw must not stop a folder of them
                failure = f"{path.name}: could not be read ({type(error).__name__}: {error})"
            else:
                failure = None
            if failure:
                tally["failed"] += 1
                failures.append(failure)
                self.stderr.write(f"FAILED {failure}")
                continue
            tally[outcome.status] += 1
            if format == "text":
                self.stdout.write(f"{path.name}: {outcome.document.authority} – {outcome.summary()}")
                for warning in outcome.warnings:
                    self.stdout.write(f"  warning: {warning}")
        if format == "text" or not dry_run:
            done = "parsed" if dry_run else "imported"
            self.stdout.write(
                f"{len(files)} file(s): {tally['imported']} {done}, {tally['enriched']} enriched an existing record, "
                f"{tally['already present']} already present, {tally['failed']} failed"
            )
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} file(s) failed:\n" + "\n".join(failures))

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
