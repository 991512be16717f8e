"""The theme "Children in need and child protection" (a focused visit's theme: help and protection for children in
need and on protection plans, apart from the quality of their plans), added to databases made before it was in
the starting list. Its words are those of inspections.themes when it was added."""

from django.db import migrations

SLUG = "children-in-need-protection"
NAME = "Children in need and child protection"
KEYWORDS = ["children in need", "child in need", "help and protection", "subject to a child protection plan",
            "subject to child protection plans", "on child protection plans", "on a child protection plan",
            "child protection enquiries", "child protection investigations", "section 47", "s47",
            "child protection work", "child protection practice"]


def add_theme(apps, schema_editor):
    Theme = apps.get_model("inspections", "Theme")
    Theme.objects.get_or_create(slug=SLUG, defaults={"name": NAME, "keywords": KEYWORDS})


def remove_theme(apps, schema_editor):
    apps.get_model("inspections", "Theme").objects.filter(slug=SLUG).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0009_record_version")]
    operations = [migrations.RunPython(add_theme, remove_theme)]
