"""Load every ILACS inspection and the year's visits from Ofsted's outcomes workbook.

    python manage.py load_ofsted_outcomes [--data-dir DIR] [--dry-run]

Reads LA_Inspection_Outcomes_as_at_*.ods from DIR (default: SHARED_DATA_DIR/data/ofsted). Needs the
authorities (load_authorities). Idempotent: a second run changes nothing.
"""

from inspections.loading.outcomes import load_outcomes

from ._statistics import StatisticsCommand


class Command(StatisticsCommand):
    help = "Load ILACS inspections, grades and visits from Ofsted's official statistics (ODS)."
    what = "Ofsted outcomes"

    def load(self, data_dir, dry_run):
        return load_outcomes(data_dir, dry_run=dry_run)
