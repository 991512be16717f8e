"""One number for the state of the whole record, bumped by the database in the same transaction as every change.

Cached pages are keyed by it (inspections.record.caching). It must change in commit order: an id handed out by a
sequence does not (on PostgreSQL a transaction that took id 10 can commit after one that took id 11, so a page
rendered between the two commits would be cached under the newer id without the older change, and stay stale).

So the version lives in one row, `record_version`, and database triggers on every table of the record bump it.
Whatever writes to the record (the admin, the loaders' bulk inserts, queryset.update(), raw SQL, a restore) bumps
it without having to remember to. The row's lock is held until the writing transaction ends, so writers take
numbers in the order they commit:
- on PostgreSQL the trigger runs once per statement, BEFORE it touches any row, so a transaction takes the
  version's lock before any row lock of the record (no lock-order deadlock against another writer);
- SQLite has only row triggers, and one writer at a time anyway.

The row also holds a random token, replaced by a restore: a restored database restarts from an older number, and
pages cached before the restore must not match it when its number catches up.

The table has no model on purpose: `flush` (between transactional tests) leaves it alone, so its number never
goes back; and a new table of the record gets its triggers from `install_triggers` after every migrate.
"""

import secrets

from django.db import connections

TABLE = "record_version"
RECORD_APPS = ("inspections", "improvement")
# A user's account changes what pages show them (name on the page, staff or not, memberships, permissions);
# a sign-in (last_login) does not.
USER_COLUMNS = ("username", "is_staff", "is_superuser", "is_active")


def record_tables(app_registry):
    """Every table of the record (with the memberships that decide who sees what), the user tables, and the
    columns of each that matter (None: all). History tables are written beside their model's table, so the
    model's own trigger covers them."""
    tables = {}
    for app_label in RECORD_APPS:
        try:
            app = app_registry.get_app_config(app_label)
        except LookupError:  # during migrate, an app not migrated yet: post_migrate covers it
            continue
        for model in app.get_models(include_auto_created=True):
            if model.__name__.startswith("Historical") or not model._meta.managed:
                continue
            tables[model._meta.db_table] = None
    user = app_registry.get_model("auth", "User")
    tables[user._meta.db_table] = USER_COLUMNS
    for through in (user.groups.through, user.user_permissions.through):
        tables[through._meta.db_table] = None
    group = app_registry.get_model("auth", "Group")
    tables[group.permissions.through._meta.db_table] = None
    return tables


def create_table(connection):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {quote(TABLE)} (id integer PRIMARY KEY, token varchar(32) NOT NULL, "
            "number bigint NOT NULL)"
        )
        # A fresh database starts with a token no cache has seen.
        cursor.execute(
            f"INSERT INTO {quote(TABLE)} (id, token, number) VALUES (1, %s, 0) ON CONFLICT (id) DO NOTHING",
            [secrets.token_hex(8)],
        )


def new_token(using="default"):
    """After a restore: the restored number may repeat one that pages were cached under before."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(TABLE)} SET token = %s, number = number + 1 WHERE id = 1",
            [secrets.token_hex(8)],
        )


def _trigger_name(table, event=""):
    return f"bump_record_version_{table}{'_' + event if event else ''}"[:63]


def _install_postgresql(connection, tables):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"""CREATE OR REPLACE FUNCTION bump_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {quote(TABLE)} SET number = number + 1 WHERE id = 1;
                RETURN NULL;
            END $$"""
        )
        for table, columns in tables.items():
            update = f"UPDATE OF {', '.join(quote(c) for c in columns)}" if columns else "UPDATE"
            name = quote(_trigger_name(table))
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
            cursor.execute(
                f"CREATE TRIGGER {name} BEFORE INSERT OR DELETE OR {update} "
                f"{'' if columns else 'OR TRUNCATE '}ON {quote(table)} "
                "FOR EACH STATEMENT EXECUTE FUNCTION bump_record_version()"
            )


def _install_sqlite(connection, tables):
    quote = connection.ops.quote_name
    bump = f"UPDATE {quote(TABLE)} SET number = number + 1 WHERE id = 1;"
    with connection.cursor() as cursor:
        for table, columns in tables.items():
            for event in ("insert", "update", "delete"):
                what = event.upper()
                if event == "update" and columns:
                    what = f"UPDATE OF {', '.join(quote(c) for c in columns)}"
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {quote(_trigger_name(table, event))} AFTER {what} "
                    f"ON {quote(table)} BEGIN {bump} END"
                )


def install_triggers(connection, app_registry):
    """Create the version row and a trigger on every existing table of the record; safe to run again."""
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"The record version has triggers for SQLite and PostgreSQL, not {connection.vendor}")
    create_table(connection)
    existing = set(connection.introspection.table_names())
    tables = {table: columns for table, columns in record_tables(app_registry).items() if table in existing}
    if connection.vendor == "postgresql":
        _install_postgresql(connection, tables)
    else:
        _install_sqlite(connection, tables)
    return tables


def tables_with_triggers(connection):
    """The tables whose changes bump the version, as the database has them (for tests and checks)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE action_statement LIKE %s",
                ["%bump_record_version%"],
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                ["bump_record_version_%"],
            )
        return {row[0] for row in cursor.fetchall()}


def current(using="default"):
    """The version as a string (token and number); one query."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, number FROM {connection.ops.quote_name(TABLE)} WHERE id = 1")
        row = cursor.fetchone()
    return f"{row[0]}.{row[1]}" if row else "none"
