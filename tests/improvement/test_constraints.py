"""Rules on claims, assessments and self-evaluations: by full_clean() (message names the field or the rule)
and by the database (IntegrityError), so an importer that skips validation cannot break them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from improvement.models import Claim, ClaimAssessment
from inspections.models import Document
from tests.factories import (
    make_area_for_improvement,
    make_assessment,
    make_claim,
    make_document,
    make_finding,
    make_inspection,
    make_judgement,
)

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def refused_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def claim():
    return make_claim(statement="Conferences are held on time", figure=Decimal("96.8"), unit="% within 15 days")


@pytest.fixture
def evidence(claim):
    inspection = make_inspection(claim.self_evaluation.authority, framework="ilacs",
                                 start_date=datetime.date(2024, 4, 29), documents=[make_document()])
    return {
        "judgement": make_judgement(inspection, grade="Good"),
        "finding": make_finding(inspection),
        "area_for_improvement": make_area_for_improvement(inspection),
    }


def test_full_clean_refuses_an_assessment_with_two_pieces_of_evidence(claim, evidence):
    assessment = ClaimAssessment(claim=claim, verdict="borne_out", assessed_on=datetime.date(2024, 6, 1),
                                 judgement=evidence["judgement"], finding=evidence["finding"])
    assert errors_of(assessment)["finding"] == ["Set only one piece of evidence per assessment."]


def test_the_database_refuses_an_assessment_with_two_pieces_of_evidence(claim, evidence):
    refused_by_database(lambda: make_assessment(claim, verdict="contradicted", finding=evidence["finding"],
                                                area_for_improvement=evidence["area_for_improvement"]))
    assert make_assessment(claim, verdict="contradicted", finding=evidence["finding"]).evidence == evidence["finding"]


def test_a_verdict_needs_evidence_unless_not_yet_tested(claim):
    assessment = ClaimAssessment(claim=claim, verdict="borne_out", assessed_on=datetime.date(2024, 6, 1))
    assert "needs a piece of evidence" in errors_of(assessment)["verdict"][0]
    refused_by_database(lambda: make_assessment(claim, verdict="borne_out"))
    assert make_assessment(claim).verdict == "not_yet_tested"


def test_full_clean_refuses_evidence_about_another_authority(claim):
    elsewhere = make_inspection(documents=[make_document()])
    assessment = ClaimAssessment(claim=claim, verdict="contradicted", assessed_on=datetime.date(2024, 6, 1),
                                 finding=make_finding(elsewhere))
    assert errors_of(assessment)["finding"] == ["The evidence must be about the same authority as the claim."]


def test_full_clean_and_the_database_refuse_a_self_evaluation_document_that_is_not_private():
    document = Document(kind="self_evaluation", title="Our self-assessment", sha256="a" * 64, is_private=False)
    assert errors_of(document)["is_private"] == ["A self-evaluation is a private document."]
    refused_by_database(lambda: make_document(kind="self_evaluation", is_private=False))
    assert make_document(kind="self_evaluation").is_private


def test_full_clean_and_the_database_refuse_a_figure_without_a_unit(claim):
    bare = Claim(self_evaluation=claim.self_evaluation, document=claim.document, statement="Almost all",
                 figure=Decimal("97"))
    assert errors_of(bare)["unit"] == ["A claim's figure needs a unit."]
    refused_by_database(lambda: make_claim(claim.self_evaluation, figure=Decimal("97"), unit=""))


def test_full_clean_and_the_database_refuse_a_period_that_ends_before_it_starts(claim):
    claim.period_start, claim.period_end = datetime.date(2017, 4, 1), datetime.date(2016, 4, 1)
    assert errors_of(claim)["period_end"] == ["A claim's period cannot end before it starts."]
    refused_by_database(lambda: claim.save())
