"""improvement.journeys: choosing a start, and setting its themes beside what came after."""

import datetime
from decimal import Decimal

import pytest

from improvement import journeys
from inspections.models import Document
from tests import factories as f
from tests.improvement.journey_world import (  # noqa: F401
    county_user,
    fast_password_hashing,
    leeds_user,
    outsider,
    regional_user,
    staff,
    world,
)

pytestmark = pytest.mark.django_db


def journey_from(world, user, authority, document=None):
    documents = list(journeys.documents_for(authority, user))
    featured = journeys.featured_starts(user)
    start = journeys.choose_start(authority, documents, document.pk if document else None, featured)
    return journeys.build_journey(authority, start)


def section(journey, slug):
    return next(s for s in journey.sections if s.theme and s.theme.slug == slug)


def texts(items):
    return [item.text for item in items]


def test_documents_for_lists_a_councils_documents_by_the_date_of_their_event(world, staff):
    documents = list(journeys.documents_for(world.city, staff))
    assert [d.event_on for d in documents] == [
        datetime.date(2015, 1, 12), datetime.date(2017, 4, 26), datetime.date(2017, 6, 12), datetime.date(2021, 9, 20)]
    # The letter is also linked to the 2015 inspection it follows; its own event is the later visit.
    assert documents[1] == world.letter


def test_documents_for_shows_a_self_evaluation_only_to_those_who_may_see_it(world, staff, county_user, leeds_user,
                                                                           regional_user, outsider):
    def kinds(user):
        return [d.kind for d in journeys.documents_for(world.county, user)]

    for user in (staff, county_user, regional_user):
        assert kinds(user).count(Document.Kind.SELF_EVALUATION) == 1
    for user in (leeds_user, outsider):
        assert Document.Kind.SELF_EVALUATION not in kinds(user)
        assert len(kinds(user)) == 3


def test_featured_starts_are_found_by_kind_authority_and_month(world, staff):
    featured = {authority.ons_code: (document, text) for authority, document, text in journeys.featured_starts(staff)}
    assert featured["E06000016"][0] == world.letter
    assert featured["E10000018"][0] == world.self_evaluation.document
    assert "April 2017 monitoring visit" in featured["E06000016"][1]


def test_a_featured_self_evaluation_is_not_offered_to_a_user_of_another_council(world, leeds_user):
    # Left out altogether, not offered without its document: its description alone would say it exists.
    featured = {authority.ons_code: document for authority, document, _ in journeys.featured_starts(leeds_user)}
    assert featured == {"E06000016": world.letter}


def test_choose_start_defaults_to_the_featured_document_then_to_the_earliest(world, staff, leeds_user):
    assert journey_from(world, staff, world.city).start.document == world.letter
    assert journey_from(world, staff, world.city).start.is_default
    # The county's featured start is private: a Leeds officer starts from its earliest public report instead.
    assert journey_from(world, leeds_user, world.county).start.document == world.county_report_2016


def test_choose_start_ignores_a_document_the_user_may_not_see(world, leeds_user, county_user):
    hidden = world.self_evaluation.document
    assert journey_from(world, leeds_user, world.county, hidden).start.document != hidden
    chosen = journey_from(world, county_user, world.county, hidden).start
    assert chosen.document == hidden and not chosen.is_default


def test_a_monitoring_visit_journey_starts_from_the_grades_of_the_inadequate_inspection(world, staff):
    journey = journey_from(world, staff, world.city)
    assert journey.start.inspection == world.visit_2017
    assert journey.start.on == datetime.date(2017, 4, 26)
    assert [(j.strand, j.grade) for j in journey.standing] == [
        ("overall", "Inadequate"), ("help_and_protection", "Inadequate"),
        ("children_in_care", "Requires improvement to be good"), ("leadership", "Inadequate")]
    assert [(j.inspection.start_date.year, j.grade) for j in journey.later if j.strand == "overall"] == [
        (2017, "Requires improvement to be good"), (2021, "Good")]
    assert [event.start_date for event, _ in journey.later_events] == [
        datetime.date(2017, 6, 12), datetime.date(2021, 9, 20)]


def test_it_sets_the_letters_findings_beside_later_items_on_the_same_theme(world, staff):
    plo = section(journey_from(world, staff, world.city), "pre-proceedings-plo")
    assert texts(plo.start_items) == ["Letters to parents are now clearer."]
    # The 2015 recommendation came before the visit: it is not "later".
    assert texts(plo.later_items) == ["Track children in pre-proceedings closely."]
    assert plo.later_items[0].inspection == world.reinspection_2017
    # Pre-proceedings belongs to help and protection: its later grades sit beside it.
    assert [(g.on.year, g.grade) for g in plo.later_grades] == [(2017, "Requires improvement to be good"), (2021, "Good")]


def test_caseloads_follow_the_leadership_strand(world, staff):
    caseloads = section(journey_from(world, staff, world.city), "caseloads")
    assert [item.kind for item in caseloads.start_items] == ["Weakness"]
    assert texts(caseloads.later_items) == ["Caseloads are manageable."]
    assert [(g.text, g.grade) for g in caseloads.later_grades] == [("Leadership, management and governance", "Good")]


def test_themes_raised_only_later_come_after_those_of_the_start(world, staff):
    journey = journey_from(world, staff, world.city)
    # The visit's own focus (pre-proceedings) is the most telling theme of the start: open, and first.
    assert [s.theme.slug for s in journey.start_sections] == ["pre-proceedings-plo", "caseloads"]
    assert [s.theme.slug for s in journey.later_only_sections] == ["missing-exploitation"]


def test_a_report_journey_takes_the_reports_own_grades_and_facts_as_the_start(world, staff):
    journey = journey_from(world, staff, world.city, world.sif_2015.documents.exclude(pk=world.letter.pk).get())
    assert journey.start.inspection == world.sif_2015
    assert [j.inspection for j in journey.standing] == [world.sif_2015] * 4
    plo = section(journey, "pre-proceedings-plo")
    assert texts(plo.start_items) == ["Make pre-proceedings letters plain."]
    assert texts(plo.later_items) == ["Letters to parents are now clearer.", "Track children in pre-proceedings closely."]


def test_a_self_evaluation_journey_sets_claims_with_their_verdicts_beside_later_evidence(world, county_user):
    journey = journey_from(world, county_user, world.county, world.self_evaluation.document)
    assert journey.start.inspection is None and journey.start.on == datetime.date(2018, 2, 1)
    assert [(j.strand, j.grade) for j in journey.standing] == [
        ("overall", "Requires improvement to be good"), ("help_and_protection", "Requires improvement to be good")]
    icpc = section(journey, "icpc-timeliness")
    claim = icpc.start_items[0]
    assert claim.figure == "97% of initial conferences within 15 working days"
    assert [(v.label, v.other.text) for v in claim.verdicts] == [
        ("Contradicted", "The timeliness of initial conferences.")]
    # The later area for improvement shows the verdict too, naming the claim it contradicts.
    assert [(v.code, v.other.fact) for v in icpc.later_items[0].verdicts] == [
        ("contradicted", world.claims["icpc"])]


def test_a_judgement_used_as_evidence_joins_the_claims_theme_section(world, county_user):
    caseloads = section(journey_from(world, county_user, world.county, world.self_evaluation.document), "caseloads")
    borne_out = [g for g in caseloads.later_grades if g.verdicts]
    assert [(g.text, g.grade, g.verdicts[0].label) for g in borne_out] == [("Impact of leaders", "Good", "Borne out")]


def test_rejected_claims_stay_out_and_unthemed_claims_get_their_own_section(world, county_user):
    journey = journey_from(world, county_user, world.county, world.self_evaluation.document)
    statements = [item.text for s in journey.sections for item in s.start_items]
    assert "A heading, not a claim." not in statements
    unthemed = next(s for s in journey.sections if s.theme is None)
    assert texts(unthemed.start_items) == ["Families are heard."]
    assert [v.label for v in unthemed.start_items[0].verdicts] == ["Not yet tested"]
    assert journey.start_sections[-1] is unthemed


def test_a_council_with_no_documents_shows_its_whole_record(db, staff):
    authority = f.make_authority()
    inspection = f.make_inspection(authority, framework="ilacs", kind="standard", start_date=datetime.date(2019, 1, 7))
    statistics = f.make_document(kind=Document.Kind.STATISTICS, title="National statistics")
    f.make_judgement(inspection, statistics, strand="overall", area="Overall effectiveness", grade="Good")
    documents = list(journeys.documents_for(authority, staff))
    assert documents == [] and journeys.choose_start(authority, documents, None) is None
    journey = journeys.build_journey(authority, None)
    assert journey.standing == [] and [j.grade for j in journey.later] == ["Good"]
    assert journey.sections == []


def test_figure_text_writes_a_figure_as_a_person_would():
    assert journeys.figure_text(Decimal("97.00"), "% of conferences on time") == "97% of conferences on time"
    assert journeys.figure_text(Decimal("1780.00"), "children in need") == "1,780 children in need"
    assert journeys.figure_text(Decimal("12.50"), "days") == "12.5 days"
    assert journeys.figure_text(None, "") == ""
