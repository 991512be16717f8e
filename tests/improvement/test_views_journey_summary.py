"""/journeys/: the summary on top, folded themes, the later facts nearest the start first, each document once."""

import datetime
import re

import pytest

from improvement import journeys
from improvement.journeys import LATER_SHOWN, OPEN_THEMES
from inspections.models import Authority, Document, Inspection
from tests import factories as f
from tests.improvement.journey_world import (  # noqa: F401
    county_user,
    fast_password_hashing,
    graded,
    grow_city,
    leeds_user,
    member,
    staff,
    world,
)

pytestmark = pytest.mark.django_db

CITY = "/journeys/?authority=E06000016"
COUNTY = "/journeys/?authority=E10000018"


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def paths(response):
    return {path.strand: path.line for path in response.context["paths"]}


def test_each_strand_path_is_one_line_of_grades_and_years_from_the_grade_in_force_at_the_start(client, world, staff):
    response = get(client, staff, CITY)
    overall = paths(response)["overall"]
    assert overall.startswith("Inadequate 2015, ") and overall.endswith("Good 2021")
    assert f"<dd class=\"govuk-summary-list__value\">{overall}</dd>" in response.content.decode()


def test_an_inspection_with_no_overall_grade_says_so_in_the_overall_path(client, world, staff):
    graded(world.city, "ilacs", Inspection.Kind.STANDARD, datetime.date(2026, 5, 11), datetime.date(2026, 7, 1),
           [("help_and_protection", "Help and protection", "Good")])
    line = paths(get(client, staff, CITY))
    assert line["overall"].endswith("Good 2021, No overall grade (2026 framework) 2026")
    assert line["help_and_protection"].endswith("Good 2026")


def test_the_summary_counts_the_self_evaluations_claims_by_their_latest_verdict(client, world, county_user):
    response = get(client, county_user, COUNTY)
    counts = response.context["claim_counts"]
    # Of the county's four claims, the rejected one is no claim: one contradicted, one borne out, one not tested.
    assert (counts.borne_out, counts.partly_borne_out, counts.contradicted, counts.not_yet_tested) == (1, 0, 1, 1)
    assert "1 borne out, 1 contradicted, 1 not yet tested" in response.content.decode()


def test_who_may_not_see_the_self_evaluation_sees_no_claim_counts(client, world, leeds_user):
    response = get(client, leeds_user, COUNTY)
    assert response.context["claim_counts"] is None
    assert "borne out" not in response.content.decode()


def test_a_journey_from_a_report_counts_no_claims(client, world, staff):
    response = get(client, staff, CITY)
    assert response.context["claim_counts"] is None and "The self-evaluation's claims" not in response.content.decode()


def test_themes_fold_and_only_the_first_few_open(client, world, staff):
    grow_city(world, 4)
    html = get(client, staff, CITY).content.decode()
    details = re.findall(r'<details class="govuk-details app-theme-section" id="([^"]+)"( open)?>', html)
    assert len(details) > OPEN_THEMES and [bool(is_open) for _, is_open in details].count(True) == OPEN_THEMES
    themes = html.split('id="themes"')[1].split("grades as CSV")[0]
    assert "<script" not in themes and 'style="' not in themes  # folding needs no script, and no inline style


def test_a_theme_opened_in_full_is_unfolded(client, world, staff):
    grow_city(world, 4)
    html = get(client, staff, f"{CITY}&start={world.letter.pk}&theme=caseloads").content.decode()
    assert '<details class="govuk-details app-theme-section" id="theme-caseloads" open>' in html


def test_later_facts_come_nearest_in_time_to_the_start_first(client, world, staff):
    grow_city(world, 6)
    journey = get(client, staff, CITY).context["journey"]
    plo = next(s for s in journey.sections if s.slug == "pre-proceedings-plo")
    every = journeys.build_journey(world.city, journey.start, in_full="pre-proceedings-plo")
    every_plo = next(s for s in every.sections if s.slug == "pre-proceedings-plo")
    distance = sorted(abs((item.on - journey.start.on).days) for item in every_plo.later_items)
    assert [abs((item.on - journey.start.on).days) for item in plo.later_items_shown] == distance[:LATER_SHOWN]
    assert [item.on for item in plo.later_grades_shown] == sorted(item.on for item in plo.later_grades)[:LATER_SHOWN]


def test_nothing_is_ever_shown_as_zero_of_zero(client, world, staff):
    grow_city(world, 8)
    for url in (CITY, f"{CITY}&start={world.letter.pk}", COUNTY):
        html = get(client, staff, url).content.decode()
        assert not re.search(r"Showing 0 of 0|\b0 of 0\b", html)


def test_a_report_stored_from_two_files_is_offered_once(client, world, staff):
    report = world.reinspection_2017.documents.get()
    copy = f.make_document(authority=world.city, title=report.title, published=report.published)
    world.reinspection_2017.documents.add(copy)
    html = get(client, staff, CITY).content.decode()
    options = re.findall(r'<option value="(\d+)"', html.split('id="id_start"')[1].split("</select>")[0])
    assert str(copy.pk) in options and str(report.pk) not in options
    assert len(options) == len(set(options))


def test_choosing_a_council_offers_its_own_documents(client, world, staff):
    # The start left over from another council's journey is not kept: the county's own documents are offered.
    response = get(client, staff, f"{COUNTY}&start={world.letter.pk}")
    offered = {document.authority_id for document in response.context["documents"]}
    assert offered == {world.county.pk} and response.context["start"].document.authority_id == world.county.pk


class TestTheRealRecord:
    """The featured journeys on the national record (loaded once a session, read-only)."""

    @pytest.fixture
    def demo(self, national_record):
        return national_record

    def test_leicesters_path_reads_in_one_line_per_strand(self, demo, client, db):
        response = get(client, f.make_user("adviser", is_staff=True), "/journeys/")
        overall = paths(response)["overall"]
        assert overall.startswith("Inadequate 2015, Requires improvement to be good 2017, Good 2021, "
                                  "Requires improvement to be good 2024")
        html = response.content.decode()
        assert overall in html and not re.search(r"\b0 of 0\b", html)
        assert html.count(" open>") == OPEN_THEMES

    def test_leicestershires_claims_are_counted_and_each_document_offered_once(self, demo, client, db):
        county = Authority.objects.get(ons_code="E10000018")
        response = get(client, member("county-manager", county), COUNTY)
        counts, journey = response.context["claim_counts"], response.context["journey"]
        claims = [item for section in journey.sections for item in section.start_items]
        assert counts.total == len(claims) and counts.contradicted >= 1 and counts.borne_out >= 1
        documents = response.context["documents"]
        assert len({(d.kind, d.event_on, d.title) for d in documents}) == len(documents)
        assert sum(d.kind == Document.Kind.REPORT and d.event_on.year == 2024 for d in documents) == 1
