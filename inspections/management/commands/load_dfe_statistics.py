"""Load the DfE's official statistics and its 2025 statistical neighbour model.

    python manage.py load_dfe_statistics [--data-dir DIR] [--dry-run]

Reads the files inspections/data/dfe_measures.csv names, and sn_model_*_wide.csv, from DIR (default:
SHARED_DATA_DIR/data/dfe). Needs the authorities (load_authorities). Idempotent: a second run changes nothing.
"""

from pathlib import Path

from django.conf import settings

from inspections.loading.dfe import load_dfe_statistics

from ._statistics import StatisticsCommand


class Command(StatisticsCommand):
    help = "Load the DfE's statistics (children in need, child protection, looked after, workforce) and neighbours."
    what = "DfE statistics"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(data_dir=Path(settings.SHARED_DATA_DIR) / "data" / "dfe")

    def load(self, data_dir, dry_run):
        return load_dfe_statistics(data_dir, dry_run=dry_run)
