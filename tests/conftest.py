import os
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


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only, tests only
    settings.PAGE_CACHE_SECONDS = 0  # query counts are about the pages themselves; test_caching turns it on
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
