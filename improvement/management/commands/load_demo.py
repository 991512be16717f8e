"""Load the real demo record: national statistics, the seeds and the report PDFs, and the curated claims.

    python manage.py load_demo

Idempotent: a second run changes nothing and says so.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from improvement.demo_accounts import ensure_demo_accounts
from improvement.loading import apply_curation
from inspections.importing.records import ParseError
from inspections.loading.files import examine, iter_files, save

CURATED = Path(__file__).resolve().parents[2] / "curated"


class Command(BaseCommand):
    help = "Load statistics, seeds, report PDFs and curated claims from the shared data folder."

    def handle(self, *args, **options):
        shared = Path(settings.SHARED_DATA_DIR)
        if not (shared / "seeds").is_dir():
            raise CommandError(f"{shared}: the shared data folder (seeds/, data/) is missing; set SHARED_DATA_DIR")
        call_command("load_authorities", stdout=self.stdout, stderr=self.stderr)
        call_command("load_ofsted_outcomes", stdout=self.stdout, stderr=self.stderr)

        try:
            examined = [examine(path) for path in iter_files([shared / "seeds", shared / "data" / "reports"])
                        if path.suffix in (".txt", ".pdf") and path.name != "README.md"]
        except ParseError as error:
            raise CommandError(str(error)) from None
        # Oldest first, so that a later document's citation finds the inspection it cites.
        examined.sort(key=lambda e: (e.record.start_date or e.record.published).first_day())
        changed = 0
        for item in examined:
            try:
                outcome = save(item)
            except ParseError as error:
                raise CommandError(str(error)) from None
            if outcome.status != "already present":
                changed += 1
                self.stdout.write(f"{item.source.filename}: {outcome.summary()}")
        self.stdout.write(f"Documents: {changed} imported, {len(examined) - changed} already present")

        for path in sorted(CURATED.glob("*.json")):
            try:
                counts = apply_curation(path)
            except ParseError as error:
                raise CommandError(str(error)) from None
            changed += counts["confirmed"] + counts["assessments"]
            self.stdout.write(
                f"{path.name}: {counts['confirmed']} claims confirmed, {counts['unchanged']} unchanged, "
                f"{counts['assessments']} assessments added or changed"
            )
        created = list(ensure_demo_accounts())
        if created:
            changed += len(created)
            self.stdout.write(f"Demo logins created: {', '.join(created)}; `manage.py create_admin --demo` sets passwords")
        if not changed:
            self.stdout.write("Nothing changed: the demo record was already loaded.")
