"""How the finder's proposals count in the claims tracker (calibration.py): a person's verdict before any
proposal, proposals counted but shown as proposed, on the page and in the CSV."""

import csv
import datetime
import io

import pytest

from improvement import calibration
from improvement.evidence.proposing import propose_for
from improvement.models import ClaimAssessment
from tests import factories as f
from tests.improvement.journey_world import fast_password_hashing, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db

Verdict = ClaimAssessment.Verdict
Status = ClaimAssessment.Status


@pytest.fixture
def proposed(world):
    claim = f.make_claim(world.self_evaluation, statement="Conferences are quorate and timely.",
                         theme=f.theme("icpc-timeliness"), strand="help_and_protection", position=5)
    propose_for(world.self_evaluation)
    return claim


def tracked(user, claim):
    return calibration.tracked_claims(user).get(pk=claim.pk)


def test_a_proposal_never_overrides_a_persons_verdict_whatever_its_date(world, staff):
    claim = world.claims["icpc"]  # a person's "contradicted", assessed 1 June 2024
    later = ClaimAssessment.objects.create(
        claim=claim, verdict=Verdict.BORNE_OUT, status=Status.PROPOSED, assessed_on=datetime.date(2026, 12, 1),
        judgement=world.county_2024.judgements.get(strand="help_and_protection"))
    row = tracked(staff, claim)
    assert (row.verdict, row.verdict_status) == (Verdict.CONTRADICTED, Status.CONFIRMED)
    assert calibration.latest_assessment(row) != later
    assert calibration.latest_assessment(row).verdict == Verdict.CONTRADICTED


def test_the_csv_gives_the_evidence_of_the_verdict_it_gives(client, world, staff):
    """A later proposal neither changes a person's verdict nor lends it its evidence, in the CSV as on the page."""
    claim = world.claims["icpc"]  # a person's "contradicted", by an area for improvement
    ClaimAssessment.objects.create(
        claim=claim, verdict=Verdict.BORNE_OUT, status=Status.PROPOSED, assessed_on=datetime.date(2026, 12, 1),
        judgement=world.county_2024.judgements.get(strand="help_and_protection"))
    client.force_login(staff)
    body = client.get("/claims/?authority=E10000018&_export=csv").content.decode("utf-8-sig")
    row = next(row for row in csv.DictReader(io.StringIO(body)) if row["Claim"] == claim.statement)
    assert row["Verdict"] == "Contradicted"
    assert row["Evidence that tested it"] == ("Standard inspection 2024-04-22: The timeliness of initial conferences. "
                                              "(what needs to improve, 1)")


def test_proposals_count_in_the_calibration_and_show_as_proposed(client, world, staff, proposed):
    row = tracked(staff, proposed)
    assert (row.verdict, row.verdict_status) == (Verdict.CONTRADICTED, Status.PROPOSED)
    counts = dict((name, c) for name, c, _ in calibration.calibration(calibration.tracked_claims(staff)))
    # The county's: icpc contradicted (a person's) and this proposal, caseloads borne out, untested.
    assert counts["Leicestershire"][Verdict.CONTRADICTED] == 2
    client.force_login(staff)
    html = client.get("/claims/?authority=E10000018").content.decode()
    assert html.count("proposed, not yet confirmed") == 1
    assert f'href="/self-evaluations/{world.self_evaluation.pk}/review/"' in html
    csv = client.get("/claims/?authority=E10000018&_export=csv").content.decode("utf-8-sig")
    assert "Contradicted (proposed, not yet confirmed)" in csv
    assert csv.count("(proposed, not yet confirmed)") == 1


def test_the_journey_marks_a_proposed_verdict_and_links_to_the_review(client, world, staff, proposed):
    client.force_login(staff)
    html = client.get(f"/journeys/?authority=E10000018&start={world.self_evaluation.document.pk}").content.decode()
    assert "proposed, not yet confirmed" in html
    assert f'href="/self-evaluations/{world.self_evaluation.pk}/review/"' in html
