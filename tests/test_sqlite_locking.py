"""SQLite as the embedded default: writers in two processes wait for each other instead of failing.

One process holds the write lock again and again (as an import holds it for each document) while another saves
an authority through the admin ten times: every save succeeds, and every edit is kept."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Its databases are SQLite files of its own whatever the suite runs on: once, in the SQLite run, is enough.
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite only; runs in the SQLite run"
)


def run(database, *args, **popen):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(ROOT),
        "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",  # no collectstatic
        "DJANGO_HTTPS": "false",  # the test client speaks plain HTTP (with DEBUG off, HTTPS is required otherwise)
    }
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        **popen,
    )


def finished(process, timeout=180):
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output
    return output


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    database = tmp_path_factory.mktemp("sqlite-locking") / "record.sqlite3"
    finished(run(database, "manage.py", "migrate", "-v0"))
    finished(run(database, "-m", "tests.sqlite_writers", "setup"))
    return database


def test_the_database_is_in_wal_mode_with_a_busy_timeout_and_immediate_transactions(database):
    import sqlite3

    assert sqlite3.connect(database).execute("PRAGMA journal_mode").fetchone() == ("wal",)
    options = settings.DATABASES["default"]["OPTIONS"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 10


def test_admin_saves_during_long_writes_all_succeed(database):
    holder = run(database, "-m", "tests.sqlite_writers", "hold", "0.8", "6")
    assert holder.stdout.readline().strip() == "holding"  # the lock is taken before the first save
    saver = run(database, "-m", "tests.sqlite_writers", "admin-saves", "10")
    saves = [line for line in finished(saver).splitlines() if line.startswith("save ")]
    finished(holder)
    assert saves == [f"save {n}: 302" for n in range(10)]  # 302: saved, back to the list

    import sqlite3

    db = sqlite3.connect(database)
    assert db.execute("SELECT name FROM inspections_authority WHERE ons_code = 'E06000017'").fetchone() == (
        "Rutland (edit 9)",
    )
    edits = db.execute(
        "SELECT COUNT(*) FROM inspections_historicalauthority WHERE name LIKE 'Rutland (edit %'"
    ).fetchone()
    assert edits == (10,)
    assert db.execute("SELECT COUNT(*) FROM inspections_theme WHERE slug LIKE 'held-%'").fetchone() == (6,)
