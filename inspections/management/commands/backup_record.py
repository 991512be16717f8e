"""manage.py backup_record FOLDER: the database and the media folder, together, in a new folder under FOLDER."""

from django.core.management.base import BaseCommand, CommandError

from inspections.record.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the whole record (database and media, private self-evaluations included) into one folder."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A folder; the backup is a new folder record-<UTC time> inside it.")

    def handle(self, *args, destination, **options):
        try:
            folder = create_backup(destination)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        self.stdout.write(str(folder))
