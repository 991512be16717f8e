"""Backup and restore of the whole record round trip: a small real record (the authorities, two reports and a
self-evaluation, their files in the media folder) is backed up, restored into an empty database and an empty media
folder, and every table's count and the file's bytes come back. On SQLite, and on PostgreSQL when the suite runs
there (DATABASE_URL); each database here is a new one of its own, as an operator's would be."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import REPORTS, seed_path

ROOT = Path(settings.BASE_DIR)


def manage(database_url, media, *args, check=True):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def _on_the_server(sql):
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as server:  # CREATE DATABASE: no transaction
        server.execute(sql)


@pytest.fixture
def new_database(tmp_path):
    """A function that gives the URL of a new, empty database of the engine the suite runs on."""
    made = []

    def new(label):
        if connection.vendor == "sqlite":
            return f"sqlite:///{tmp_path / label}.sqlite3"
        name = f"backup_{label}_{uuid.uuid4().hex[:8]}"
        _on_the_server(f"CREATE DATABASE {name}")
        made.append(name)
        return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"

    yield new
    for name in made:
        _on_the_server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def counts(database_url, media):
    script = "from inspections.record.backup import row_counts; import json; print(json.dumps(row_counts()))"
    import json

    return json.loads(manage(database_url, media, "shell", "-v0", "-c", script).stdout.splitlines()[-1])


def test_a_backup_restores_into_an_empty_database_and_media_folder(new_database, tmp_path):
    source, source_media = new_database("source"), tmp_path / "source-media"
    manage(source, source_media, "migrate", "-v0")
    manage(source, source_media, "load_authorities")
    manage(source, source_media, "import_report", str(REPORTS / "leeds-2022-05-09.pdf"),
           str(REPORTS / "leicestershire-2024-07-12.pdf"), str(seed_path("003")))
    manage(source, source_media, "create_admin")
    stored = next(source_media.glob("documents/*/003_*.txt"))  # the private self-evaluation, as imported
    before = counts(source, source_media)
    assert before["inspections_authority"] > 150 and before["inspections_judgement"] > 0
    assert before["improvement_selfevaluation"] == 1 and before["auth_user"] >= 1

    backup = manage(source, source_media, "backup_record", str(tmp_path / "backups")).stdout.strip()

    target, target_media = new_database("target"), tmp_path / "target-media"
    restored = manage(target, target_media, "restore_record", backup)
    assert "every count and file matches the backup" in restored.stdout
    assert counts(target, target_media) == before
    assert (target_media / stored.relative_to(source_media)).read_bytes() == stored.read_bytes()

    again = manage(target, tmp_path / "other-media", "restore_record", backup, check=False)
    assert again.returncode != 0 and "The database is not empty (table auth_user has rows)" in again.stderr
