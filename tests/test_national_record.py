"""The whole record as `load_demo` builds it (tests/conftest.py, national_record): one inspection, one record."""

import datetime

import pytest
from django.db.models import Q

from inspections.grades import Framework
from inspections.models import Document, Inspection, Judgement

pytestmark = pytest.mark.django_db

SIF_BEGAN = datetime.date(2013, 11, 1)
A_MONTH = datetime.timedelta(days=31)


def test_no_council_has_two_inspections_of_one_framework_within_a_month(national_record):
    inspections = Inspection.objects.exclude(kind__in=Inspection.VISIT_KINDS).order_by(
        "authority_id", "framework", "start_date")
    previous, twice = None, []
    for inspection in inspections.select_related("authority"):
        same = previous and (previous.authority_id, previous.framework) == (inspection.authority_id, inspection.framework)
        if same and inspection.start_date - previous.start_date <= A_MONTH:
            twice.append(f"{inspection.authority}: {inspection.framework} {previous.start_date} and {inspection.start_date}")
        previous = inspection
    assert inspections.exists()
    assert twice == []


def test_an_inspection_known_from_a_citation_is_dated_as_the_citation_dates_it(national_record):
    cited = Inspection.objects.filter(known_from__isnull=False).exclude(kind__in=Inspection.VISIT_KINDS)
    assert cited.exists()
    # Reports cite a month or a year; only a letter may name the day ("the inspection of 12 January 2015").
    letters = (Document.Kind.MONITORING_LETTER, Document.Kind.FOCUSED_VISIT_LETTER)
    assert not cited.filter(date_precision=Inspection.Precision.DAY).exclude(known_from__kind__in=letters).exists()
    # First days of the month or year cited, never a day the citation did not give.
    assert all(i.start_date.day == 1 and (i.date_precision == "month" or i.start_date.month == 1)
               for i in cited.exclude(date_precision=Inspection.Precision.DAY))


def test_no_inspection_before_the_sif_is_labelled_sif_or_ilacs(national_record):
    assert not Inspection.objects.filter(
        start_date__lt=SIF_BEGAN, framework__in=[Framework.SIF, Framework.ILACS]).exists()


def test_no_inspection_before_the_sif_has_an_overall_grade(national_record):
    # 2009-12 inspections graded each half; the 2012-13 ones graded protection or looked after children.
    assert not Judgement.objects.filter(
        Q(inspection__start_date__lt=SIF_BEGAN) | Q(inspection__framework__in=[
            Framework.SLAC, Framework.SAFEGUARDING_FOLLOWUP, Framework.LAC, Framework.CHILD_PROTECTION]),
        strand="overall",
    ).exists()

