"""The record's version row and the triggers that bump it (inspections.record.version).

Tables added by later migrations get their triggers from the post_migrate hook in inspections.apps."""

from django.db import migrations

from inspections.record import version as record_version


def install(apps, schema_editor):
    record_version.install_triggers(schema_editor.connection, apps)


def uninstall(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in record_version.tables_with_triggers(connection):
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {quote(record_version._trigger_name(table))} ON {quote(table)}")
            else:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {quote(record_version._trigger_name(table, event))}")
        cursor.execute(f"DROP TABLE IF EXISTS {quote(record_version.TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0008_statistics"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
