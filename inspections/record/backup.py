"""Backing up and restoring the whole record: the database and the media folder together, in one folder.

The media folder holds the documents themselves, private self-evaluations among them, so a database restored
without it would point at files that are not there. The database is dumped by django-dbbackup's connector for
the engine (SQLite's online backup API; pg_dump's custom format on PostgreSQL, restored with pg_restore).

A backup folder holds:
  database.<ext>   the dump
  media.tar.gz     every file under MEDIA_ROOT
  manifest.json    when, from which engine, the row count of every table and the SHA-256 of every media file,
                   checked again after a restore so that a partial restore is reported, not trusted.
"""

import hashlib
import json
import shutil
import sqlite3
import tarfile
from contextlib import closing, nullcontext
from datetime import UTC, datetime
from pathlib import Path

from dbbackup.db.base import get_connector
from django.apps import apps
from django.conf import settings
from django.db import connections, transaction

from inspections.record import version as record_version

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    pass


def _tables(connection):
    existing = set(connection.introspection.table_names())
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and model._meta.db_table in existing
    )


def row_counts(using="default"):
    connection = connections[using]
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in _tables(connection):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_file_counts(path, tables):
    with closing(sqlite3.connect(path)) as copy:
        return {table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


def media_digests(root):
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _dump_name(connector):
    return f"database.{connector.extension}"


def create_backup(destination, using="default"):
    """Write a new backup folder under `destination`; return its path."""
    connection = connections[using]
    folder = Path(destination) / f"record-{datetime.now(UTC):%Y%m%d-%H%M%S-%f}"
    folder.mkdir(parents=True)
    connector = get_connector(using)
    # The counts and the dump must be of the same moment, while the site may be writing: on PostgreSQL pg_dump
    # reads the very snapshot the counts were taken in; on SQLite the dump is a database file, counted itself.
    # (Not in a transaction on SQLite: its online backup cannot copy a database its own connection is writing.)
    with transaction.atomic(using) if connection.vendor == "postgresql" else nullcontext():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                connector.dump_suffix = f"--snapshot={cursor.fetchone()[0]}"
            counts = row_counts(using)
        dump = connector.create_dump()
    with open(folder / _dump_name(connector), "wb") as out:
        shutil.copyfileobj(dump, out)
    if connection.vendor == "sqlite":
        counts = _sqlite_file_counts(folder / _dump_name(connector), _tables(connection))
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname=".")
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "vendor": connection.vendor,
        "connector": f"{type(connector).__module__}.{type(connector).__name__}",
        "database": _dump_name(connector),
        "row_counts": counts,
        "media": media_digests(media_root),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return folder


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} is not a backup of the record: it has no {MANIFEST}")
    manifest = json.loads(path.read_text())
    for name in (manifest["database"], MEDIA_ARCHIVE):
        if not (Path(folder) / name).is_file():
            raise BackupError(f"{folder} is incomplete: {name} is missing")
    return manifest


# A database with rows in any of these already holds a record (or its people): a restore would mix two.
# (A migrated database is still empty: migrate itself fills content types, permissions and the starting themes.)
RECORD_ROOTS = ("auth_user", "inspections_authority", "inspections_document")


def _refuse_unless_empty(connection, media_root):
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in RECORD_ROOTS:
            if table not in existing:
                continue
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
            if cursor.fetchone():
                raise BackupError(
                    f"The database is not empty (table {table} has rows): restore into a new, empty database"
                )
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"The media folder {media_root} is not empty: restore into an empty one")


def _restore_database(connection, connector, dump_path):
    if connection.vendor == "sqlite":
        # The dump is a whole database file, copied over the (empty) one: no connection may hold it, and the
        # empty database's own write-ahead log must not be replayed over the restored file.
        connection.close()
        name = Path(connection.settings_dict["NAME"])
        for leftover in (Path(f"{name}-wal"), Path(f"{name}-shm")):
            leftover.unlink(missing_ok=True)
    with open(dump_path, "rb") as dump:
        connector.restore_dump(dump)
    connection.close()


def _restore_media(archive_path, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # "data": no absolute paths, links or devices


def restore_backup(folder, using="default"):
    """Restore a backup folder into an empty database and an empty media folder; return what was checked."""
    connection = connections[using]
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"{folder} is a {manifest['vendor']} backup; this database is {connection.vendor}"
        )
    media_root = Path(settings.MEDIA_ROOT)
    _refuse_unless_empty(connection, media_root)
    _restore_database(connection, get_connector(using, connector_path=manifest["connector"]), folder / manifest["database"])
    _restore_media(folder / MEDIA_ARCHIVE, media_root)
    # Pages cached before the restore (e.g. in Redis) were keyed by versions that the restored number will reach
    # again: a new token keeps them from ever matching. (This is the one row that differs from the backup.)
    record_version.new_token(using)
    counts = row_counts(using)
    differences = {
        table: (expected, counts.get(table))
        for table, expected in manifest["row_counts"].items()
        if counts.get(table) != expected
    }
    if differences:
        raise BackupError(f"The restored database differs from the backup (table: expected, found): {differences}")
    digests = media_digests(media_root)
    if digests != manifest["media"]:
        missing = sorted(set(manifest["media"]) - set(digests)) or sorted(
            name for name in digests if digests[name] != manifest["media"].get(name)
        )
        raise BackupError(f"The restored media differ from the backup: {missing[:5]}")
    return {"tables": len(counts), "rows": sum(counts.values()), "files": len(digests)}
