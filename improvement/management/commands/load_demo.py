"""Load the real demo record: national statistics, the seeds, the report PDFs, the national corpus of every
children's services inspection report and JTAI letter (../shared/data/national), and the curated claims.

    python manage.py load_demo [--workers N]

Idempotent: a second run changes nothing and says so.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from improvement.demo_accounts import ensure_demo_accounts
from improvement.evidence.proposing import propose_all as propose_verdicts
from improvement.figures import propose_all as propose_figure_checks
from improvement.loading import apply_curation
from inspections.importing.manifest import read_manifest
from inspections.importing.records import ParseError
from inspections.loading.corpus import import_corpus, terminal_progress
from inspections.loading.files import iter_files
from inspections.models import Theme

CURATED = Path(__file__).resolve().parents[2] / "curated"


class Command(BaseCommand):
    help = "Load statistics, seeds, report PDFs and curated claims from the shared data folder."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=None, help="Processes that read the documents (default: one per core).")

    def handle(self, *args, **options):
        shared = Path(settings.SHARED_DATA_DIR)
        if not (shared / "seeds").is_dir():
            raise CommandError(f"{shared}: the shared data folder (seeds/, data/) is missing; set SHARED_DATA_DIR")
        themes_added = Theme.add_missing_starting_themes()
        if themes_added:
            self.stdout.write(f"Themes: {themes_added} of the starting list added")
        call_command("load_authorities", stdout=self.stdout, stderr=self.stderr)
        call_command("load_ofsted_outcomes", stdout=self.stdout, stderr=self.stderr)
        call_command("load_dfe_statistics", stdout=self.stdout, stderr=self.stderr)

        data = shared / "data"
        national = data / "national"
        files = [path for path in iter_files([shared / "seeds", data / "reports", national / "reports", national / "jtai"])
                 if path.suffix in (".txt", ".pdf")]
        try:
            manifest = {e.sha256: e for e in read_manifest(national / "manifest.csv").values()}
        except (OSError, ParseError) as error:
            raise CommandError(f"{national / 'manifest.csv'}: {error}") from None
        report = import_corpus(files, manifest=manifest, workers=options["workers"], progress=terminal_progress(self.stderr))
        for outcome in report.imported:
            self.stdout.write(f"{outcome.document.filename}: {outcome.summary()}")
        for failure in report.failures:
            self.stderr.write(f"FAILED {failure}")
        self.stdout.write(report.summary())
        changed = report.changed + themes_added
        # Self-evaluations imported before figure checks existed get theirs; a person's decision is kept.
        checks = propose_figure_checks()
        changed += checks["proposed"]
        if checks["proposed"]:
            self.stdout.write(f"Figure checks: {checks['proposed']} proposed or refreshed, {checks['kept']} decided "
                              f"by a person kept")

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
            for conflict in counts["conflicts"]:
                self.stdout.write(f"  conflict: {conflict}")
        # Once every document is in: the evidence finder's verdicts, never over a person's (curated ones included).
        proposals = propose_verdicts()
        changed += proposals["proposed"] + proposals["updated"]
        self.stdout.write(
            f"Evidence finder: {proposals['proposed']} verdicts proposed, {proposals['updated']} updated, "
            f"{proposals['unchanged']} unchanged, {proposals['kept']} claims kept with a person's verdict"
        )
        created = list(ensure_demo_accounts())
        if created:
            changed += len(created)
            self.stdout.write(f"Demo logins created: {', '.join(created)}; `manage.py create_admin --demo` sets passwords")
        if not changed:
            self.stdout.write("Nothing changed: the demo record was already loaded.")
