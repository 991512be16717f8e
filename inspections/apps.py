from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _bump_record_version_on_new_tables(sender, using, **kwargs):
    # A table added after the record_version migration (a new model of the record) gets its trigger here.
    from django.apps import apps
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from inspections.record import version as record_version

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if any(app == "inspections" and name.endswith("_record_version") for app, name in applied):
        record_version.install_triggers(connection, apps)  # not after the version's migration was unapplied


class InspectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspections"
    verbose_name = "Inspection record"

    def ready(self):
        post_migrate.connect(_bump_record_version_on_new_tables, sender=self)
