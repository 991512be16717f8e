"""Create (or reset) the local admin login with a fresh random password, and print it."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from improvement.demo_accounts import ensure_demo_accounts


class Command(BaseCommand):
    help = "Create or reset the 'admin' superuser (and with --demo the demo logins) with new random passwords."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--demo", action="store_true", help="Also give the demo accounts new passwords.")

    def handle(self, *args, username, demo, **options):
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Admin login ({'created' if created else 'password reset'}): {username} / {password}")
        if demo:
            for name, new_password in ensure_demo_accounts(reset_passwords=True).items():
                self.stdout.write(f"Demo login: {name} / {new_password}")
