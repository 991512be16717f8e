"""Load every ILACS inspection and the year's visits from Ofsted's outcomes workbook.

    python manage.py load_ofsted_outcomes [--data-dir DIR] [--dry-run]

Reads LA_Inspection_Outcomes_as_at_*.ods from DIR (default: SHARED_DATA_DIR/data/ofsted). Needs the
authorities (load_authorities). Idempotent: a second run changes nothing.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inspections.importing.records import ParseError
from inspections.loading.outcomes import load_outcomes
from inspections.loading.statistics import LoadError


class Command(BaseCommand):
    help = "Load ILACS inspections, grades and visits from Ofsted's official statistics (ODS)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=Path(settings.SHARED_DATA_DIR) / "data" / "ofsted")
        parser.add_argument("--dry-run", action="store_true", help="Load, report, then roll back.")

    def handle(self, *args, data_dir, dry_run, **options):
        started = time.perf_counter()
        try:
            summary = load_outcomes(data_dir, dry_run=dry_run)
        except (ParseError, LoadError) as error:
            raise CommandError(str(error)) from None
        for line in summary.lines():
            self.stdout.write(line)
        rolled_back = " (dry run: rolled back)" if dry_run else ""
        self.stdout.write(f"Ofsted outcomes loaded: {summary.total} in {time.perf_counter() - started:.1f} s{rolled_back}")
