"""The evidence finder on the real record (load_demo's, once a session): Leicestershire's February 2018
self-evaluation against the 2018-2024 inspections and visits, and the finder's proposals beside the curated
verdicts (improvement/curated/leicestershire-2018.json), with how many agree printed."""

import json

import pytest

from improvement.evidence.finder import find_evidence
from improvement.evidence.proposing import claims_to_test, propose_all
from improvement.evidence.verdicts import propose
from improvement.management.commands.load_demo import CURATED
from improvement.models import ClaimAssessment, SelfEvaluation
from tests import factories as f

Verdict = ClaimAssessment.Verdict


@pytest.fixture
def leicestershire(national_record, db):
    return SelfEvaluation.objects.select_related("authority").get(document__filename="003_5213bc7bad1dcf7c.txt")


@pytest.fixture
def curated():
    spec = json.loads((CURATED / "leicestershire-2018.json").read_text(encoding="utf-8"))
    # By statement: curation words each claim its own way, and two claims may share a paragraph (source_ref).
    return {item["statement"]: item for item in spec["claims"]}


def conference_claim(self_evaluation):
    return self_evaluation.claims.get(theme__slug="icpc-timeliness", statement__contains="15 working days")


def test_the_conference_claim_shows_2019_then_2024_and_a_verdict_from_both(leicestershire, client):
    claim = conference_claim(leicestershire)
    evidence = find_evidence(leicestershire, [claim])[claim.pk]
    dates = [item.on for item in evidence]
    assert dates == sorted(dates)  # nearest first
    # The September 2019 inspection found most conferences timely; the April 2024 one lists their timeliness
    # under what needs to improve.
    first = next(item for item in evidence if item.is_themed)
    assert (first.on.year, first.kind, first.direction) == (2019, "finding", "supports")
    assert "initial child protection conferences" in first.text.lower()
    area = next(item for item in evidence if item.kind == "area_for_improvement")
    assert (area.on.year, area.direction) == (2024, "contradicts")
    assert "timeliness of initial child protection conferences" in area.text.lower()
    proposal = propose(evidence)
    assert proposal.verdict == Verdict.PARTLY_BORNE_OUT
    assert proposal.reason.startswith("The September 2019 inspection found")
    assert "the April 2024 inspection's area for improvement says" in proposal.reason
    assert proposal.reason.endswith("so it held at first and did not last.")

    # On the workbench: both, in time order, beside the claim, with the finder's reason.
    client.force_login(f.make_user("reviewer", is_staff=True))
    html = client.get(f"/self-evaluations/{leicestershire.pk}/review/?evidence={claim.pk}").content.decode()
    section = html[html.index(f'id="claim-{claim.pk}"'):]
    section = section[:section.index("</section>")]
    assert section.index(first.text[:60]) < section.index(area.text[:40])
    assert "so it held at first and did not last." in section


def test_load_demo_proposed_a_verdict_for_every_claim_without_a_persons(leicestershire, curated):
    claims = list(claims_to_test(leicestershire))
    by_status = {}
    for claim in claims:
        statuses = {a.status for a in claim.assessments.all()}
        assert len(statuses) == 1, claim  # one verdict per claim: a person's, or the finder's
        by_status.setdefault(statuses.pop(), []).append(claim)
    curated_claims = [claim for claim in claims if claim.statement in curated]
    assert sorted(by_status[ClaimAssessment.Status.CONFIRMED], key=str) == sorted(curated_claims, key=str)
    assert len(by_status[ClaimAssessment.Status.PROPOSED]) == len(claims) - len(curated_claims) > 0
    assert all(a.reason for c in by_status[ClaimAssessment.Status.PROPOSED] for a in c.assessments.all())
    assert not leicestershire.claims.filter(kind="context", assessments__isnull=False).exists()
    again = propose_all()
    assert again["proposed"] == again["updated"] == 0  # idempotent


def test_the_finders_proposals_beside_the_curated_verdicts(leicestershire, curated):
    claims = list(leicestershire.claims.filter(statement__in=list(curated)).select_related("theme"))
    evidence = find_evidence(leicestershire, claims)
    agree, lines = 0, []
    for claim in claims:
        assessments = curated[claim.statement].get("assessments", [])
        expected = assessments[0]["verdict"] if assessments else Verdict.NOT_YET_TESTED
        proposed = propose(evidence[claim.pk]).verdict
        agree += proposed == expected
        lines.append(f"  {'=' if proposed == expected else 'x'} {expected:>16} | {proposed:<16} {claim.statement[:60]}")
    print(f"\nEvidence finder against the curated verdicts, Leicestershire 2018: {agree} of {len(claims)} agree")
    print("\n".join(lines))
    assert len(claims) == len(curated)
    # A floor, not a target: the rules should agree with a person on most claims.
    assert agree >= len(claims) // 2
