import gc

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
        # What the process has loaded so far (Django, the apps' models, the libraries: ~90,000 objects) lives as long
        # as the process: moved out of the collector's sight, so that a full collection, which a page of a few
        # thousand objects sets off every dozen requests or so, no longer walks it each time (bench/pages.py: a
        # 90 ms pause on a page, 25 ms since). They are still freed when no longer referenced, only a cycle among them
        # would stay: gc.freeze() in Python's documentation.
        gc.freeze()
