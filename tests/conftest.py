import os
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside the ORM

SHARED = Path(settings.SHARED_DATA_DIR)
SEEDS = SHARED / "seeds"
REPORTS = SHARED / "data" / "reports"
OFSTED = SHARED / "data" / "ofsted"


def seed_path(prefix):
    """A seed file by its number, e.g. seed_path("000")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session", autouse=True)
def _plain_http():
    """Tests speak plain HTTP (the test client, the live server), so the HTTPS-only settings that DEBUG off turns
    on are off for the session; tests/inspections/test_deploy_settings.py checks the real ones in a subprocess."""
    from django.test import override_settings

    with override_settings(SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False,
                           SECURE_HSTS_SECONDS=0):
        yield


@pytest.fixture(autouse=True)
def _test_settings(request, settings, tmp_path):
    # The national record's files live in its own session folder; every other test gets a fresh one.
    national = "national_record" in request.fixturenames
    settings.MEDIA_ROOT = request.getfixturevalue("national_record").media_root if national else tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only, tests only
    settings.PAGE_CACHE_SECONDS = 0  # query counts are about the pages themselves; test_caching turns it on
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def restore_starting_themes():
    """The themes the data migrations load, put back after a flush (live_server, transactional_db) dropped them."""
    from inspections.models import Theme
    from inspections.themes import THEMES

    for spec in THEMES:
        Theme.objects.get_or_create(slug=spec.slug, defaults={"name": spec.name, "keywords": list(spec.keywords)})


@dataclass
class NationalRecord:
    output: str  # what load_demo printed
    media_root: Path


@pytest.fixture(scope="session")
def national_record(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole real record, as `load_demo` builds it (statistics, seeds, the national corpus), loaded once per
    test session. Tests that use it only read it (each test's own changes roll back with its transaction); they
    run last (see pytest_collection_modifyitems), so no other test sees the loaded record."""
    from django.core.management import call_command
    from django.test import override_settings

    media_root = tmp_path_factory.mktemp("national-media")
    out = StringIO()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        restore_starting_themes()  # an earlier test's flush may have dropped them
        call_command("load_demo", stdout=out, stderr=out)
    return NationalRecord(out.getvalue(), media_root)


def pytest_collection_modifyitems(config, items):
    # The national record is committed once for the session: tests that need it run after every other test,
    # and no test that flushes the database (transactional_db, live_server) may use it.
    # Tests that flush it (live_server, transactional_db) run after the others too, or a flush would drop the rows
    # the data migrations load (the themes) from under the tests that follow.
    def flushes(item):
        return bool({"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ())))

    items.sort(key=lambda item: ("national_record" in getattr(item, "fixturenames", ()), flushes(item)))
