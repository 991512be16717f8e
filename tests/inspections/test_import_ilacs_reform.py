"""Saving a report of an inspection begun after the April 2026 reform: its version, four judgements and tags."""

import pytest
from django.core.management import call_command

from inspections.loading.files import examine, save
from inspections.models import Inspection
from tests.conftest import OFSTED
from tests.national import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def trafford():
    call_command("load_authorities", data_dir=OFSTED)
    examined = examine(REPORTS / "trafford-2026-08-03.pdf")
    save(examined)
    return Inspection.objects.get(authority=examined.authority, start_date__year=2026)


def test_the_saved_inspection_has_the_2026_version_and_four_judgements_without_overall(trafford):
    assert trafford.framework_version == "2026"
    assert (trafford.kind, trafford.start_date.isoformat(), trafford.end_date.isoformat()) == (
        "standard", "2026-06-08", "2026-06-19")
    judgements = {j.strand: j.grade for j in trafford.judgements.all()}
    assert judgements == {"leadership": "Inadequate", "help_and_protection": "Inadequate",
                          "children_in_care": "Good", "care_leavers": "Requires improvement to be good"}
    assert not trafford.judgements.filter(strand="overall").exists()


def test_each_saved_improvement_keeps_its_national_framework_tag(trafford):
    tags = list(trafford.areas_for_improvement.order_by("position").values_list("national_framework_tag", flat=True))
    assert tags[:2] == ["outcome 2, national framework"] * 2
    assert len(tags) == 9 and all(tags)
    first = trafford.areas_for_improvement.order_by("position").first()
    assert "national framework" not in first.text
