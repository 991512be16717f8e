"""The review workbench: /self-evaluations/ and /self-evaluations/<pk>/review/ — who may see it, a POST round trip
for each form, the history with who and when, and query counts that do not grow with the claims."""

import pytest
from django.test import Client

from improvement.evidence.proposing import propose_for
from improvement.models import Claim, ClaimAssessment
from tests import factories as f
from tests.improvement.journey_world import (  # noqa: F401
    county_user,
    fast_password_hashing,
    leeds_user,
    member,
    outsider,
    regional_user,
    staff,
    world,
)

pytestmark = pytest.mark.django_db

Verdict = ClaimAssessment.Verdict
Status = ClaimAssessment.Status


def url(self_evaluation):
    return f"/self-evaluations/{self_evaluation.pk}/review/"


@pytest.fixture
def proposed(world):
    """A claim on conference timeliness that only the evidence finder has assessed (contradicted, by the 2024
    area for improvement)."""
    claim = f.make_claim(world.self_evaluation, statement="Conferences are quorate and timely.",
                         theme=f.theme("icpc-timeliness"), strand="help_and_protection", source_ref="page 7",
                         position=5)
    propose_for(world.self_evaluation)
    return claim


def get(client, user, path):
    client.force_login(user)
    return client.get(path)


def test_staff_the_councils_own_users_and_its_regional_advisers_may_review(client, world, staff, county_user,
                                                                          regional_user, proposed):
    for user in (staff, county_user, regional_user):
        response = get(client, user, url(world.self_evaluation))
        html = response.content.decode()
        assert response.status_code == 200, user
        assert "Review the claims of “County self-evaluation 2018”" in html
        assert "Conferences are quorate and timely." in html
        assert "The timeliness of initial conferences." in html  # its evidence, beside it
        assert 'name="csrfmiddlewaretoken"' in html


def test_anyone_else_gets_a_404_as_if_it_did_not_exist(client, world, leeds_user, outsider, regional_user, proposed):
    for user in (leeds_user, outsider):
        assert get(client, user, url(world.self_evaluation)).status_code == 404
        response = client.post(url(world.self_evaluation), {"claim": proposed.pk, "form": "verdict",
                                                            f"verdict-{proposed.pk}-action": "confirm"})
        assert response.status_code == 404
    # The East Midlands adviser is not Leeds's (Yorkshire and The Humber).
    assert get(client, regional_user, url(world.leeds_self_evaluation)).status_code == 404
    assert proposed.assessments.get().status == Status.PROPOSED  # nothing changed


def test_it_asks_for_a_sign_in(client, world):
    for path in ("/self-evaluations/", url(world.self_evaluation)):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_list_offers_only_the_self_evaluations_the_user_may_review(client, world, county_user, staff, outsider,
                                                                      proposed):
    html = get(client, county_user, "/self-evaluations/").content.decode()
    assert url(world.self_evaluation) in html and url(world.leeds_self_evaluation) not in html
    listed = get(client, county_user, "/self-evaluations/").context["self_evaluations"]
    assert [(s.claim_count, s.proposed_count) for s in listed] == [(5, 1)]  # the rejected one is still listed
    html = get(client, staff, "/self-evaluations/").content.decode()
    assert url(world.self_evaluation) in html and url(world.leeds_self_evaluation) in html
    html = get(client, outsider, "/self-evaluations/").content.decode()
    assert "There is no self-evaluation you may review." in html


def test_confirming_a_proposed_verdict_keeps_who_when_and_the_note(client, world, county_user, proposed):
    client.force_login(county_user)
    response = client.post(url(world.self_evaluation), {
        "claim": proposed.pk, "form": "verdict", "claim_anchor": f"claim-{proposed.pk}",
        f"verdict-{proposed.pk}-action": "confirm", f"verdict-{proposed.pk}-note": "Checked against the report.",
    })
    assert response.status_code == 302 and response.url.endswith(f"?at={proposed.pk}#claim-{proposed.pk}")
    assessment = proposed.assessments.get()
    assert (assessment.verdict, assessment.status, assessment.assessed_by) == \
        (Verdict.CONTRADICTED, Status.CONFIRMED, county_user)
    assert assessment.note == "Checked against the report."
    assert assessment.area_for_improvement.text == "The timeliness of initial conferences."
    latest = assessment.history.first()
    assert (latest.history_user, latest.history_change_reason) == (county_user, "Checked against the report.")
    proposed.refresh_from_db()
    assert proposed.status == Claim.Status.CONFIRMED  # reviewed with its verdict
    html = client.get(response.url).content.decode()
    assert "Verdict confirmed." in html  # the message
    assert "county-officer:</span> Verdict: confirmed by a person <span class=\"govuk-body-s\">– “Checked against " \
           "the report.”" in html


def test_changing_a_verdict_needs_its_evidence_and_saves_nothing_until_it_has_it(client, world, staff, proposed):
    client.force_login(staff)
    form = {"claim": proposed.pk, "form": "verdict", f"verdict-{proposed.pk}-action": "change",
            f"verdict-{proposed.pk}-verdict": Verdict.BORNE_OUT, f"verdict-{proposed.pk}-evidence": ""}
    response = client.post(url(world.self_evaluation), form)
    assert response.status_code == 400
    assert "Choose the piece of evidence the verdict rests on" in response.content.decode()
    assert proposed.assessments.get().status == Status.PROPOSED
    # A key the finder did not find for this claim (another council's finding) is refused too.
    elsewhere = world.visit_2017.findings.first()
    response = client.post(url(world.self_evaluation), {**form, f"verdict-{proposed.pk}-evidence":
                                                        f"finding:{elsewhere.pk}"})
    assert response.status_code == 400 and proposed.assessments.get().status == Status.PROPOSED

    grade = world.county_2024.judgements.get(strand="help_and_protection")
    response = client.post(url(world.self_evaluation), {**form, f"verdict-{proposed.pk}-evidence":
                                                        f"judgement:{grade.pk}",
                                                        f"verdict-{proposed.pk}-note": "The grade says more."})
    assert response.status_code == 302
    assessment = proposed.assessments.get()
    assert (assessment.verdict, assessment.status, assessment.judgement, assessment.area_for_improvement) == \
        (Verdict.BORNE_OUT, Status.CHANGED, grade, None)
    html = client.get(url(world.self_evaluation)).content.decode()
    assert "adviser:</span> Verdict: verdict Contradicted → Borne out; changed by a person" in html
    assert "the evidence finder would propose <strong>contradicted</strong>" in html


def test_sorting_a_claim_again_and_rejecting_it(client, world, county_user, proposed):
    client.force_login(county_user)
    base = {"claim": proposed.pk, "form": "claim", f"claim-{proposed.pk}-kind": Claim.Kind.QUALITY,
            f"claim-{proposed.pk}-strand": "help_and_protection"}
    caseloads = f.theme("caseloads")
    response = client.post(url(world.self_evaluation), {**base, f"claim-{proposed.pk}-theme": caseloads.pk,
                                                        f"claim-{proposed.pk}-action": "save",
                                                        f"claim-{proposed.pk}-note": "It is about workloads."})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.theme, proposed.status) == (caseloads, Claim.Status.CONFIRMED)
    # Its proposal follows its new theme: nothing on caseloads after 2018 in the county, so the grade of its
    # strand stands in (help and protection good in 2024), where the area for improvement on conferences decided.
    assessment = proposed.assessments.get()
    assert (assessment.verdict, assessment.judgement) == (
        Verdict.BORNE_OUT, world.county_2024.judgements.get(strand="help_and_protection"))
    response = client.post(url(world.self_evaluation), {**base, f"claim-{proposed.pk}-theme": caseloads.pk,
                                                        f"claim-{proposed.pk}-action": "reject"})
    proposed.refresh_from_db()
    assert proposed.status == Claim.Status.REJECTED
    html = client.get(url(world.self_evaluation)).content.decode()
    assert "Claim changed: theme Initial child protection conference timeliness → Caseloads" in html
    assert "“It is about workloads.”" in html
    assert "status Confirmed by a person → Rejected" in html
    set_apart = html[html.index('id="set-apart"'):]
    assert "Conferences are quorate and timely." in set_apart and "Restore the claim" in set_apart


def test_a_claim_of_another_self_evaluation_cannot_be_posted_through_this_one(client, world, staff):
    leeds_claim = world.leeds_self_evaluation.claims.get()
    client.force_login(staff)
    response = client.post(url(world.self_evaluation), {"claim": leeds_claim.pk, "form": "claim",
                                                        f"claim-{leeds_claim.pk}-kind": "context",
                                                        f"claim-{leeds_claim.pk}-strand": "none"})
    assert response.status_code == 404
    leeds_claim.refresh_from_db()
    assert leeds_claim.kind == Claim.Kind.QUALITY


def test_a_post_without_the_csrf_token_is_refused(world, staff, proposed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post(url(world.self_evaluation), {"claim": proposed.pk, "form": "verdict",
                                                        f"verdict-{proposed.pk}-action": "confirm"})
    assert response.status_code == 403
    assert proposed.assessments.get().status == Status.PROPOSED


def test_its_query_count_does_not_grow_with_the_claims(client, world, staff, proposed, django_assert_num_queries):
    client.force_login(staff)
    client.get(url(world.self_evaluation))  # the session's first read
    # session, user, the self-evaluation, themes, claims, three kinds of evidence, assessments, two histories
    with django_assert_num_queries(11):
        client.get(url(world.self_evaluation))
    for n in range(25):
        f.make_claim(world.self_evaluation, statement=f"More claim {n}.", theme=f.theme("care-leavers"),
                     strand="care_leavers", position=10 + n)
    propose_for(world.self_evaluation)
    with django_assert_num_queries(11):
        response = client.get(url(world.self_evaluation))
    # 30 claims: the first page holds 20, the second the other 9 and the rejected one, set apart.
    html = response.content.decode()
    assert html.count('class="app-review-claim"') == 20 and "Page 1 of 2" in html and 'id="set-apart"' not in html
    with django_assert_num_queries(11):
        html = client.get(url(world.self_evaluation) + "?page=2").content.decode()
    assert html.count('class="app-review-claim"') == 10 and 'id="set-apart"' in html
    assert "More claim 24." in html and "A heading, not a claim." in html
    # After a POST the page opens where the claim is.
    last = world.self_evaluation.claims.get(statement="More claim 24.")
    response = client.post(url(world.self_evaluation), {"claim": last.pk, "form": "verdict",
                                                        f"verdict-{last.pk}-action": "confirm"})
    assert response.url == f"{url(world.self_evaluation)}?at={last.pk}#claim-{last.pk}"
    assert "More claim 24." in client.get(response.url).content.decode()
