"""Writers for tests/test_sqlite_locking.py, each run in its own process against one SQLite file.

python -m tests.sqlite_writers setup             a superuser and one authority to edit
python -m tests.sqlite_writers hold SECONDS N    N write transactions, each holding the write lock SECONDS
python -m tests.sqlite_writers admin-saves N     N saves of the authority's name through the admin's change form
"""

import os
import sys
import time

import django


def setup():
    from tests.factories import make_authority, make_superuser

    make_superuser("editor")
    make_authority(name="Rutland", ons_code="E06000017")


def hold(seconds, times):
    from django.db import transaction

    from inspections.models import Theme

    for n in range(times):
        with transaction.atomic():
            Theme.objects.create(slug=f"held-{os.getpid()}-{n}", name=f"Held {os.getpid()} {n}")
            print("holding", flush=True)
            time.sleep(seconds)
        time.sleep(0.05)  # long enough for a waiting writer to get in


def admin_saves(times):
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from inspections.models import Authority
    from tests.admin_forms import form_data

    setup_test_environment()  # the response's context, for the form's values
    client = Client()
    # Signed in without a password check: the sign-in throttling backend (django-axes) wants a real request.
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="editor"))
    authority = Authority.objects.get(ons_code="E06000017")
    url = reverse("admin:inspections_authority_change", args=[authority.pk])
    for n in range(times):
        page = client.get(url)
        assert page.status_code == 200, (page.status_code, page.get('Location'))
        data = form_data(page)
        data["name"] = f"Rutland (edit {n})"
        response = client.post(url, data)
        print(f"save {n}: {response.status_code}", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    mode, *args = sys.argv[1:]
    {"setup": setup, "hold": lambda: hold(float(args[0]), int(args[1])), "admin-saves": lambda: admin_saves(int(args[0]))}[
        mode
    ]()
