"""The evidence finder on a small world: the later record on a claim's theme and strand, nearest first, the verdict
it proposes and why, and proposals stored without ever replacing a person's verdict."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from improvement.evidence.finder import find_evidence
from improvement.evidence.proposing import propose_for
from improvement.evidence.verdicts import propose
from improvement.models import Claim, ClaimAssessment
from inspections.models import Inspection
from tests import factories as f
from tests.conftest import OFSTED, seed_path
from tests.improvement.journey_world import graded, world  # noqa: F401

pytestmark = pytest.mark.django_db

D = datetime.date
Verdict = ClaimAssessment.Verdict
Status = ClaimAssessment.Status


def claim_on(world, theme=None, strand="none", statement="A claim to test.", **fields):
    return f.make_claim(world.self_evaluation, statement=statement, theme=f.theme(theme) if theme else None,
                        strand=strand, source_ref="page 20", **fields)


def evidence_of(world, claim):
    return find_evidence(world.self_evaluation, [claim])[claim.pk]


@pytest.fixture
def timely_in_2019(world):
    """The county's 2019 inspection found conferences timely; its 2024 one lists their timeliness to improve."""
    report_2019 = world.county_2019.documents.get()
    return f.make_finding(world.county_2019, report_2019, text="Most initial conferences are held on time.",
                          theme=f.theme("icpc-timeliness"), source_ref="paragraph 12", position=3)


def test_the_evidence_comes_nearest_first_and_the_verdict_follows_from_both(world, timely_in_2019):
    claim = claim_on(world, "icpc-timeliness", "help_and_protection")
    evidence = evidence_of(world, claim)
    # Themed items first within an event, then its grade on the claim's strand; events in date order.
    assert [(item.kind, item.on.year) for item in evidence] == [
        ("finding", 2019), ("area_for_improvement", 2024), ("judgement", 2024)]
    proposal = propose(evidence)
    assert proposal.verdict == Verdict.PARTLY_BORNE_OUT
    assert proposal.evidence.fact == timely_in_2019  # the first test weighs most
    assert proposal.reason.startswith("The September 2019 inspection found “Most initial conferences are held on time.”")
    assert "the April 2024 inspection's area for improvement says “The timeliness of initial conferences.”" \
        in proposal.reason
    assert proposal.reason.endswith("so it held at first and did not last.")


def test_a_claim_first_tested_by_an_area_for_improvement_is_contradicted(world):
    proposal = propose(evidence_of(world, claim_on(world, "icpc-timeliness", "help_and_protection")))
    assert proposal.verdict == Verdict.CONTRADICTED
    assert proposal.evidence.kind == "area_for_improvement"
    assert "so it did not hold" in proposal.reason


def test_a_strands_grade_stands_in_only_where_nothing_on_the_theme_spoke(world):
    # No theme: the 2019 leadership grade (good) tests it.
    proposal = propose(evidence_of(world, claim_on(world, strand="leadership")))
    assert proposal.verdict == Verdict.BORNE_OUT
    assert proposal.evidence.fact == world.county_2019.judgements.get(strand="leadership")
    assert proposal.reason == ("The September 2019 inspection graded Impact of leaders good: so it held.")
    # On the theme of conferences, the 2024 area for improvement decides, not the good help and protection grade.
    assert propose(evidence_of(world, claim_on(world, "icpc-timeliness", "help_and_protection"))).verdict \
        == Verdict.CONTRADICTED


def test_with_nothing_later_on_its_theme_or_strand_it_is_not_yet_tested(world):
    proposal = propose(evidence_of(world, claim_on(world, "care-leavers", "care_leavers")))
    assert (proposal.verdict, proposal.evidence) == (Verdict.NOT_YET_TESTED, None)
    assert proposal.reason == "No later inspection or visit has yet reported on its theme or strand."


def test_only_the_authoritys_own_record_after_the_self_evaluation_counts(world):
    # Before the self-evaluation (the county's 2016 report), and another council's later record: never evidence.
    before = world.county_report_2016.inspections.get()
    f.make_finding(before, world.county_report_2016, text="Caseloads are high.", theme=f.theme("caseloads"))
    evidence = evidence_of(world, claim_on(world, "caseloads", "help_and_protection"))
    assert {item.inspection.authority for item in evidence} == {world.county}
    assert all(item.on > world.self_evaluation.published for item in evidence)
    assert "Caseloads are manageable." not in [item.text for item in evidence]  # the city's 2021 finding


def test_a_successor_is_tested_by_its_predecessors_record_too(world):
    successor = f.make_authority(name="New County", ons_code="E06099001", ofsted_region="East Midlands")
    successor.predecessors.add(world.county)
    self_evaluation = f.make_self_evaluation(successor, published=D(2018, 3, 1))
    claim = f.make_claim(self_evaluation, theme=f.theme("icpc-timeliness"), strand="help_and_protection")
    evidence = find_evidence(self_evaluation, [claim])[claim.pk]
    assert [item.inspection for item in evidence] == [world.county_2024, world.county_2024]


def test_a_report_stored_twice_gives_its_grade_once(world):
    world.county_2024.documents.add(f.make_document(authority=world.county, title="A reissue"))
    evidence = evidence_of(world, claim_on(world, strand="help_and_protection"))
    assert [item.text for item in evidence] == ["Help and protection: Good"]


def test_its_queries_do_not_grow_with_the_claims(world):
    few = [claim_on(world, "icpc-timeliness", "help_and_protection")]
    with CaptureQueriesContext(connection) as first:
        find_evidence(world.self_evaluation, few)
    many = few + [claim_on(world, theme, strand) for theme, strand in [
        ("caseloads", "leadership"), ("care-leavers", "care_leavers"), ("supervision-oversight", "leadership"),
        ("placement-stability-sufficiency", "children_in_care"), (None, "leadership")]]
    with CaptureQueriesContext(connection) as second:
        found = find_evidence(world.self_evaluation, many)
    assert len(second) == len(first) == 3  # findings, areas for improvement, judgements
    assert len(found) == len(many)


def test_proposals_are_stored_for_claims_only_and_never_over_a_persons_verdict(world, timely_in_2019):
    fresh = claim_on(world, "icpc-timeliness", "help_and_protection", statement="Conferences are timely.")
    context = claim_on(world, statement="There were 450 children on plans.", kind=Claim.Kind.CONTEXT)
    person = world.claims["icpc"].assessments.get()  # the world's own, a person's verdict (contradicted)
    counts = propose_for(world.self_evaluation, today=D(2026, 12, 1))
    # Only the fresh claim gets a proposal: the world's three keep their person's verdicts (icpc's, caseloads'
    # and untested's "not yet tested"); context and the rejected claim get none.
    assert counts == {"proposed": 1, "updated": 0, "unchanged": 0, "kept": 3}
    stored = fresh.assessments.get()
    assert (stored.verdict, stored.status, stored.finding) == (Verdict.PARTLY_BORNE_OUT, Status.PROPOSED,
                                                               timely_in_2019)
    assert "held at first and did not last" in stored.reason
    assert not context.assessments.exists() and not world.claims["rejected"].assessments.exists()
    person.refresh_from_db()
    assert (person.verdict, person.status) == (Verdict.CONTRADICTED, Status.CONFIRMED)
    # Again: nothing changes.
    assert propose_for(world.self_evaluation, today=D(2026, 12, 2)) == \
        {"proposed": 0, "updated": 0, "unchanged": 1, "kept": 3}


def test_a_proposal_follows_the_record_until_a_person_speaks(world, timely_in_2019):
    claim = claim_on(world, "icpc-timeliness", "help_and_protection")
    propose_for(world.self_evaluation)
    timely_in_2019.theme = f.theme("caseloads")  # re-themed: the 2024 area for improvement is now the first test
    timely_in_2019.save()
    assert propose_for(world.self_evaluation)["updated"] == 1
    assert claim.assessments.get().verdict == Verdict.CONTRADICTED
    # A person's verdict arrives beside the proposal: the proposal stands aside, so the claim has one verdict.
    f.make_assessment(claim, verdict=Verdict.BORNE_OUT, judgement=world.county_2024.judgements.get(
        strand="help_and_protection"))
    assert propose_for(world.self_evaluation)["kept"] == 4  # the world's three, and this one
    assert [(a.verdict, a.status) for a in claim.assessments.all()] == [(Verdict.BORNE_OUT, Status.CONFIRMED)]
    assert claim.history.count() == 1  # the claim itself untouched; the proposal's removal is in its history
    assert ClaimAssessment.history.filter(claim_id=claim.pk, history_type="-").count() == 1


def test_an_inspection_with_both_directions_is_mixed(world):
    report = world.county_2019.documents.get()
    for text in ("Conferences are timely.", "Some conferences are delayed."):
        f.make_finding(world.county_2019, report, text=text, theme=f.theme("icpc-timeliness"))
    proposal = propose(evidence_of(world, claim_on(world, "icpc-timeliness", "help_and_protection")))
    assert proposal.verdict == Verdict.PARTLY_BORNE_OUT
    assert "(its other findings point the other way)" in proposal.reason
    assert proposal.tests[0].inspection == world.county_2019
    assert Inspection.objects.filter(pk=proposal.tests[0].inspection.pk).exists()


def test_importing_a_self_evaluation_proposes_a_verdict_for_each_claim(db):
    # The real seed (Leicestershire, February 2018) with the county's 2024 report after it: the importer's
    # save_self_evaluation asks the finder, so the claims on conference timeliness meet the 2024 area for
    # improvement at once.
    call_command("load_authorities", data_dir=OFSTED, stdout=io.StringIO())
    call_command("import_report", str(seed_path("002")), stdout=io.StringIO(), stderr=io.StringIO())
    call_command("import_report", str(seed_path("003")), stdout=io.StringIO(), stderr=io.StringIO())
    claims = Claim.objects.filter(self_evaluation__document__filename__startswith="003_")
    tested = claims.claims()
    assert tested.count() > 30
    assert not tested.filter(assessments__isnull=True).exists()  # every claim has its proposal
    assert not claims.filter(kind=Claim.Kind.CONTEXT, assessments__isnull=False).exists()
    assert set(ClaimAssessment.objects.filter(claim__in=claims).values_list("status", flat=True)) == {Status.PROPOSED}
    conference = tested.filter(theme__slug="icpc-timeliness").first()
    assessment = conference.assessments.get()
    assert assessment.verdict == Verdict.CONTRADICTED  # the 2024 report is the only later one here
    assert "timeliness of initial child protection conferences" in assessment.area_for_improvement.text.lower()
    assert assessment.reason.startswith("The April 2024 inspection's area for improvement says")


def test_a_lapse_between_two_tests_that_bear_it_out_is_said(world):
    report_2019 = world.county_2019.documents.get()
    f.make_finding(world.county_2019, report_2019, text="Return home interviews are timely.",
                   theme=f.theme("missing-exploitation"))
    visit = f.make_inspection(world.county, kind=Inspection.Kind.FOCUSED_VISIT, framework="ilacs",
                              start_date=D(2022, 1, 26), documents=[report_2019])
    f.make_finding(visit, report_2019, text="Too many return home interviews are late.",
                   theme=f.theme("missing-exploitation"))
    f.make_finding(world.county_2024, world.county_2024.documents.get(),
                   text="Return home interviews are consistently timely.", theme=f.theme("missing-exploitation"))
    proposal = propose(evidence_of(world, claim_on(world, "missing-exploitation", "help_and_protection")))
    assert proposal.verdict == Verdict.BORNE_OUT
    assert proposal.reason.endswith("so it held, though the January 2022 focused visit found otherwise.")
