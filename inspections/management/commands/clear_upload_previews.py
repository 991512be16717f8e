"""Remove upload previews that were never confirmed or cancelled (run it from cron, e.g. hourly)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from inspections.upload import previews_root, sweep_expired_previews


class Command(BaseCommand):
    help = (
        "Delete upload previews under MEDIA_ROOT/uploads/ older than UPLOAD_PREVIEW_SECONDS "
        "(the uploaded files of a preview nobody confirmed or cancelled)."
    )

    def handle(self, *args, **options):
        removed = sweep_expired_previews()
        root = previews_root()
        waiting = sum(1 for _ in root.iterdir()) if root.is_dir() else 0
        self.stdout.write(
            f"Removed {len(removed)} expired upload preview{'s' if len(removed) != 1 else ''} "
            f"(older than {settings.UPLOAD_PREVIEW_SECONDS} s); {waiting} still waiting."
        )
