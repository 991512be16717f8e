import pytest

from inspections.models import Theme
from inspections.themes import THEMES

pytestmark = pytest.mark.django_db


def test_missing_starting_themes_are_restored_and_an_edited_one_is_kept():
    edited = Theme.objects.get(slug=THEMES[0].slug)
    edited.name = "A name an admin chose"
    edited.save()
    Theme.objects.exclude(pk=edited.pk).delete()
    assert Theme.add_missing_starting_themes() == len(THEMES) - 1
    assert Theme.objects.get(slug=THEMES[0].slug).name == "A name an admin chose"
    assert Theme.add_missing_starting_themes() == 0
