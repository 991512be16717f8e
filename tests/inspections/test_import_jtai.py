"""Saving the six JTAI letters of the national corpus: an ungraded inspection of the council, with its theme,
days on site, agencies, strengths and areas for improvement, each with the letter as its source."""

import datetime

import pytest
from django.core.management import call_command

from inspections.loading.files import examine, save
from inspections.models import Document, Inspection
from tests.national import JTAI

pytestmark = pytest.mark.django_db

# The authority each letter's council matches among the loaded authorities, and the letter's first day on site.
COUNCILS = {
    "south-tyneside-2016-04-05": ("South Tyneside", datetime.date(2016, 2, 22)),
    "southend-on-sea-2018-05-09": ("Southend-on-Sea", datetime.date(2018, 3, 19)),
    "bexley-2020-03-06": ("Bexley", datetime.date(2020, 1, 20)),
    "barnsley-2022-07-18": ("Barnsley", datetime.date(2022, 5, 23)),
    "hertfordshire-2024-12-12": ("Hertfordshire", datetime.date(2024, 10, 21)),
    "blackpool-2025-01-31": ("Blackpool", datetime.date(2024, 11, 18)),
}


@pytest.fixture
def authorities(db):
    call_command("load_authorities", verbosity=0)


@pytest.mark.parametrize("name", COUNCILS)
def test_a_jtai_letter_is_saved_as_an_ungraded_inspection_of_its_council(authorities, name):
    examined = examine(JTAI / f"{name}-jtai.pdf")
    record = examined.record
    outcome = save(examined)
    assert outcome.status == "imported"

    document = outcome.document
    assert document.kind == Document.Kind.JTAI_LETTER
    assert document.title == record.title and document.published == record.published.first_day()
    inspection = Inspection.objects.get(documents=document)
    authority_name, first_day = COUNCILS[name]
    assert inspection.authority.name == authority_name
    assert (inspection.kind, inspection.framework) == (Inspection.Kind.JTAI, "jtai")
    assert inspection.is_visit
    assert (inspection.start_date, inspection.end_date) == (first_day, record.end_date.first_day())
    assert inspection.published == record.published.first_day()
    assert inspection.theme.slug == record.theme and inspection.theme_text == record.theme_text
    assert inspection.agencies == record.agencies and inspection.agencies[0] == "Ofsted"
    assert inspection.verdict == "" and inspection.follows is None

    assert not inspection.judgements.exists() and inspection.overall_grade() is None
    saved = list(inspection.findings.order_by("position").values_list("kind", "text", "source_ref"))
    assert saved == [(f.kind, f.text, f.source_ref) for f in record.findings]
    areas = list(inspection.areas_for_improvement.order_by("position").values_list("text", "source_ref", "document"))
    assert areas == [(a.text, a.source_ref, document.pk) for a in record.areas_for_improvement]
    assert outcome.created == {
        "inspections": 1, "areas for improvement": len(record.areas_for_improvement), "findings": len(record.findings),
    }


def test_the_same_letter_twice_is_already_present(authorities):
    path = JTAI / "hertfordshire-2024-12-12-jtai.pdf"
    first = save(examine(path))
    again = save(examine(path))
    assert again.status == "already present" and again.document == first.document
    assert Inspection.objects.filter(kind=Inspection.Kind.JTAI).count() == 1


def test_a_jtai_enriches_the_statistics_record_of_it_instead_of_duplicating_it(authorities):
    examined = examine(JTAI / "blackpool-2025-01-31-jtai.pdf")
    statistics = Document.objects.create(kind=Document.Kind.STATISTICS, title="Outcomes", sha256="0" * 64)
    known = Inspection.objects.create(
        authority=examined.authority, kind=Inspection.Kind.JTAI, framework="jtai",
        start_date=datetime.date(2024, 11, 18),
    )
    known.documents.add(statistics)
    outcome = save(examined)
    assert outcome.status == "enriched" and outcome.inspection == known
    known.refresh_from_db()
    assert known.theme_text == "identification of initial need and risk" and known.agencies == examined.record.agencies
    assert set(known.documents.all()) == {statistics, outcome.document}
