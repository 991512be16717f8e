"""manage.py restore_record BACKUP_FOLDER: into an empty database (migrated or not) and an empty media folder."""

from django.core.management.base import BaseCommand, CommandError

from inspections.record.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by backup_record into an empty database and an empty media folder, then check it."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A folder made by backup_record (it holds manifest.json).")

    def handle(self, *args, backup, **options):
        try:
            checked = restore_backup(backup)
        except (BackupError, OSError) as error:
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(
            f"Restored {checked['rows']} rows in {checked['tables']} tables and {checked['files']} media files; "
            "every count and file matches the backup."
        )
