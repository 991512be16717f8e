"""What the national-statistics load commands share: the data folder, a dry run, errors, the summary."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inspections.importing.records import ParseError
from inspections.loading.statistics import LoadError


class StatisticsCommand(BaseCommand):
    what = ""  # e.g. "Authorities", for the last line of the summary

    def load(self, data_dir, dry_run):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=Path(settings.SHARED_DATA_DIR) / "data" / "ofsted")
        parser.add_argument("--dry-run", action="store_true", help="Load, report, then roll back.")

    def handle(self, *args, data_dir, dry_run, **options):
        started = time.perf_counter()
        try:
            summary = self.load(data_dir, dry_run)
        except (ParseError, LoadError) as error:
            raise CommandError(str(error)) from None
        for line in summary.lines():
            self.stdout.write(line)
        rolled_back = " (dry run: rolled back)" if dry_run else ""
        self.stdout.write(f"{self.what} loaded: {summary.total} in {time.perf_counter() - started:.1f} s{rolled_back}")
