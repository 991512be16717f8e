"""Load the 153 current authorities, those that no longer exist, aliases and statistical neighbours.

    python manage.py load_authorities [--data-dir DIR] [--dry-run]

Reads Ofsted's outcomes workbook, the DfE statistical neighbours, the region corrections and the ONS lookup
from DIR (default: SHARED_DATA_DIR/data/ofsted), and inspections/data/reorganisations.csv. Idempotent.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inspections.importing.records import ParseError
from inspections.loading.statistics import LoadError, load_authorities


class Command(BaseCommand):
    help = "Load authorities, aliases, statistical neighbours and reorganisations from the national data."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=Path(settings.SHARED_DATA_DIR) / "data" / "ofsted")
        parser.add_argument("--dry-run", action="store_true", help="Load, report, then roll back.")

    def handle(self, *args, data_dir, dry_run, **options):
        started = time.perf_counter()
        try:
            summary = load_authorities(data_dir, dry_run=dry_run)
        except (ParseError, LoadError) as error:
            raise CommandError(str(error)) from None
        for line in summary.lines():
            self.stdout.write(line)
        rolled_back = " (dry run: rolled back)" if dry_run else ""
        self.stdout.write(f"Authorities loaded: {summary.total} in {time.perf_counter() - started:.1f} s{rolled_back}")
