"""Load the 153 current authorities, those that no longer exist, aliases and statistical neighbours.

    python manage.py load_authorities [--data-dir DIR] [--dry-run]

Reads Ofsted's outcomes workbook, the DfE statistical neighbours, the region corrections and the ONS lookup
from DIR (default: SHARED_DATA_DIR/data/ofsted), and inspections/data/reorganisations.csv. Idempotent.
"""

from inspections.loading.statistics import load_authorities

from ._statistics import StatisticsCommand


class Command(StatisticsCommand):
    help = "Load authorities, aliases, statistical neighbours and reorganisations from the national data."
    what = "Authorities"

    def load(self, data_dir, dry_run):
        return load_authorities(data_dir, dry_run=dry_run)
