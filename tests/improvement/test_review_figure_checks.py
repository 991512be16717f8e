"""The review workbench shows a figure claim beside the official statistics and lets a person confirm or reject
the link, on the real record: Leicestershire's 2018 self-evaluation (seed 003) and the DfE workforce figures."""

import re

import pytest
from django.urls import reverse

from improvement.models import ClaimAssessment, FigureCheck
from inspections.models import Authority, Membership
from tests import factories as f
from tests.improvement.test_figure_checks import LEICESTERSHIRE, caseload_check, csww, record  # noqa: F401

pytestmark = pytest.mark.django_db


def review_url(check):
    return reverse("improvement:review", args=[check.claim.self_evaluation_id])


def page_at(client, check):
    return client.get(f"{review_url(check)}?at={check.claim_id}")


def post(client, check, action, note=""):
    prefix = f"figure-{check.claim_id}"
    return client.post(review_url(check), {"claim": check.claim_id, "form": "figure", f"{prefix}-action": action,
                                           f"{prefix}-note": note})


@pytest.fixture
def county_user(record):  # noqa: F811
    user = f.make_user("leicestershire.reviewer")
    Membership.objects.create(user=user, authority=record)
    return user


def test_the_caseload_claim_shows_both_figures_both_sources_and_the_tolerance(client, county_user):
    client.force_login(county_user)
    check = caseload_check()
    text = re.sub(r"\s+", " ", page_at(client, check).content.decode())
    assert "Beside the official figures" in text
    published = csww(LEICESTERSHIRE, "caseload_fte")
    for year in (2017, 2018):  # the years the claim speaks of, as the DfE's file prints them
        assert f"Year ending 31 March {year}: <strong>{published[year]}" in text
    assert "csww_indicators_2017_to_2025.csv" in text and "Tolerance" in text
    assert check.claim.source_ref in text  # the council's paragraph


def test_confirming_the_link_records_a_persons_verdict_with_the_official_figure(client, county_user):
    client.force_login(county_user)
    check = caseload_check()
    response = post(client, check, "confirm", note="Same measure as our own returns.")
    assert response.status_code == 302
    check = caseload_check()
    assert check.status == FigureCheck.Status.CONFIRMED and check.confirmed_by == county_user
    assessment = ClaimAssessment.objects.get(pk=check.assessment_id)
    assert assessment.status == ClaimAssessment.Status.CONFIRMED and assessment.assessed_by == county_user
    assert assessment.measure_value.measure.slug == "caseload_per_worker"
    assert assessment.verdict == check.judged.verdict
    # The page then says who confirmed it, and the history keeps it.
    text = page_at(client, check).content.decode()
    assert "Link confirmed by leicestershire.reviewer" in text
    assert assessment.history.filter(history_user=county_user).exists()


def test_rejecting_the_link_withdraws_its_verdict(client, county_user):
    client.force_login(county_user)
    post(client, caseload_check(), "confirm")
    assessment_id = caseload_check().assessment_id
    assert post(client, caseload_check(), "reject", note="Wrong years.").status_code == 302
    check = caseload_check()
    assert check.status == FigureCheck.Status.REJECTED and check.assessment_id is None
    assert not ClaimAssessment.objects.filter(pk=assessment_id).exists()


def test_an_unknown_action_saves_nothing_and_says_why(client, county_user):
    client.force_login(county_user)
    check = caseload_check()
    response = post(client, check, "delete-everything")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert caseload_check().status == FigureCheck.Status.PROPOSED


def test_another_councils_user_cannot_decide_the_link(client, record):  # noqa: F811
    leeds = f.make_user("leeds.reviewer")
    Membership.objects.create(user=leeds, authority=Authority.objects.get(ons_code="E08000035"))  # Leeds
    client.force_login(leeds)
    check = caseload_check()
    assert post(client, check, "confirm").status_code == 404
    assert caseload_check().status == FigureCheck.Status.PROPOSED
