"""Each rule is checked twice: by full_clean(), whose message must name the field or the rule, and by the
database itself, so that an importer that skips validation still cannot store a broken record."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from inspections.models import Authority, Inspection, Judgement
from tests.factories import make_authority, make_document, make_inspection, make_judgement

pytestmark = pytest.mark.django_db


def errors_of(instance, **kwargs):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean(**kwargs)
    return caught.value.message_dict


def refused_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def slac():
    return make_inspection(framework="slac", documents=[make_document()])


def test_full_clean_refuses_a_grade_off_the_frameworks_scale(slac):
    judgement = Judgement(inspection=slac, document=slac.documents.get(), area="Overall effectiveness",
                          grade="Requires improvement to be good")
    message = errors_of(judgement)["grade"][0]
    assert "not a grade of the Safeguarding and looked after children (2009-12) scale" in message
    assert "Adequate" in message


def test_the_database_refuses_a_grade_off_the_frameworks_scale(slac):
    refused_by_database(lambda: make_judgement(slac, grade="Requires improvement to be good"))
    ilacs = make_inspection(framework="ilacs", start_date=datetime.date(2024, 4, 29))
    refused_by_database(lambda: make_judgement(ilacs, grade="Adequate"))


def test_the_database_accepts_each_scales_own_third_grade(slac):
    ilacs = make_inspection(framework="ilacs", start_date=datetime.date(2024, 4, 29))
    assert make_judgement(slac, grade="Adequate").grade_rank == 3
    assert make_judgement(ilacs, grade="Requires improvement to be good").scale == "B"


def test_full_clean_accepts_a_new_judgement_with_a_grade_on_its_scale(slac):
    Judgement(inspection=slac, document=slac.documents.get(), area="Overall effectiveness", grade="Good").full_clean()


def test_full_clean_refuses_an_inspection_that_ends_before_it_starts():
    inspection = Inspection(authority=make_authority(), kind="full", framework="slac",
                            start_date=datetime.date(2011, 11, 21), end_date=datetime.date(2011, 11, 1))
    assert errors_of(inspection)["end_date"] == ["An inspection cannot end before it starts."]


def test_the_database_refuses_an_inspection_that_ends_before_it_starts():
    refused_by_database(
        lambda: make_inspection(start_date=datetime.date(2011, 11, 21), end_date=datetime.date(2011, 11, 1))
    )


def test_full_clean_and_the_database_refuse_publication_before_the_start():
    inspection = Inspection(authority=make_authority(), kind="full", framework="slac",
                            start_date=datetime.date(2011, 11, 21), published=datetime.date(2011, 1, 1))
    assert "published" in errors_of(inspection)
    refused_by_database(
        lambda: make_inspection(start_date=datetime.date(2011, 11, 21), published=datetime.date(2011, 1, 1))
    )


def test_full_clean_and_the_database_refuse_an_authority_that_ends_before_it_starts():
    authority = Authority(name="Old shire", ons_code="E10000999", kind="county",
                          start_date=datetime.date(2009, 4, 1), end_date=datetime.date(2009, 1, 1))
    assert errors_of(authority)["end_date"] == ["An authority's end date must be after its start date."]
    refused_by_database(authority.save)


def test_full_clean_refuses_a_duplicate_ons_code():
    make_authority(ons_code="E06000016")
    duplicate = Authority(name="Another", ons_code="E06000016", kind="unitary")
    assert errors_of(duplicate)["ons_code"] == ["Authority with this ONS code already exists."]


def test_the_database_refuses_a_duplicate_ons_code():
    make_authority(ons_code="E06000016")
    refused_by_database(lambda: make_authority(ons_code="E06000016"))


def test_full_clean_and_the_database_refuse_a_malformed_ons_code():
    assert errors_of(Authority(name="Typo", ons_code="X123", kind="unitary"))["ons_code"] == [
        "An ONS code is a letter and eight digits, e.g. E06000016."
    ]
    refused_by_database(lambda: make_authority(ons_code="E0600001"))


def test_full_clean_refuses_a_duplicate_judgement_area_within_one_inspection(slac):
    make_judgement(slac, section="Safeguarding services", area="Overall effectiveness")
    duplicate = Judgement(inspection=slac, document=slac.documents.get(), section="Safeguarding services",
                          area="Overall effectiveness")
    message = errors_of(duplicate)[NON_FIELD_ERRORS][0]
    assert message == "Judgement with this Inspection, Section and Area already exists."


def test_the_database_refuses_a_duplicate_judgement_area_but_not_the_same_area_in_another_section(slac):
    make_judgement(slac, section="Safeguarding services", area="Overall effectiveness")
    make_judgement(slac, section="Services for looked after children", area="Overall effectiveness")
    refused_by_database(lambda: make_judgement(slac, section="Safeguarding services", area="Overall effectiveness"))
    assert slac.judgements.count() == 2
