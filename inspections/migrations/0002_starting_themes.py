from django.db import migrations


def add_themes(apps, schema_editor):
    from inspections.themes import THEMES

    Theme = apps.get_model("inspections", "Theme")
    for spec in THEMES:
        Theme.objects.update_or_create(slug=spec.slug, defaults={"name": spec.name, "keywords": list(spec.keywords)})


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
