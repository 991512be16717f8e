"""Write every authority's inspection journey as one tidy CSV: a row per authority x inspection x judgement.

    python manage.py export_journeys [--authority E06000016] [-o journeys.csv]
"""

import csv

from django.core.management.base import BaseCommand, CommandError

from inspections.exports.journeys import COLUMNS, journey_inspections, journey_rows
from inspections.models import Authority


class Command(BaseCommand):
    help = "Export inspections and judgements as CSV, one row per judgement (to stdout unless -o is given)."

    def add_arguments(self, parser):
        parser.add_argument("--authority", metavar="ONS_CODE", help="Only this authority, by its ONS code.")
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to this file instead of stdout.")

    def handle(self, *args, authority=None, output=None, **options):
        if authority:
            try:
                authority = Authority.objects.get(ons_code=authority.strip().upper())
            except Authority.DoesNotExist:
                raise CommandError(f"No authority has the ONS code {authority!r}.") from None
        rows = journey_rows(journey_inspections(authority), authority)
        if output is None:
            self._write(self.stdout, rows)
            return
        with open(output, "w", newline="", encoding="utf-8") as file:
            count = self._write(file, rows)
        self.stdout.write(f"Wrote {count} rows to {output}.")

    def _write(self, file, rows):
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
        return count
