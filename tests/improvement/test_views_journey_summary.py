"""/journeys/: the summary on top, folded themes, the later facts nearest the start first, each document once."""

import datetime
import re

import pytest

from improvement import journeys
from improvement.journeys import LATER_GRADES_SHOWN, LATER_SHOWN, OPEN_THEMES, START_SHOWN
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


def test_a_self_evaluation_with_no_claims_yet_says_so_rather_than_counting_zeros(client, world, county_user):
    empty = f.make_self_evaluation(world.county, title="County self-evaluation 2020", published=datetime.date(2020, 2, 3))
    html = get(client, county_user, f"{COUNTY}&start={empty.document.pk}").content.decode()
    assert "No claims have been read from it yet." in html and "0 borne out" not in html


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
    assert [item.on for item in plo.later_grades_shown] == sorted(item.on for item in plo.later_grades)[:LATER_GRADES_SHOWN]


def test_nothing_is_ever_shown_as_zero_of_zero(client, world, staff):
    grow_city(world, 8)
    for url in (CITY, f"{CITY}&start={world.letter.pk}", COUNTY):
        html = get(client, staff, url).content.decode()
        assert not re.search(r"Showing 0 of 0|\b0 of 0\b", html)


def test_the_most_telling_themes_open_first_a_contradicted_claim_before_one_borne_out(client, world, county_user):
    journey = get(client, county_user, COUNTY).context["journey"]
    opened = [(s.slug, s.is_open) for s in journey.start_sections]
    # icpc: its claim contradicted; caseloads: borne out; the unthemed claim was never put to the test.
    assert opened == [("icpc-timeliness", True), ("caseloads", True), ("none", False)]


def test_a_visits_own_focus_is_the_first_theme_open(client, world, staff):
    journey = get(client, staff, f"{CITY}&start={world.letter.pk}").context["journey"]
    assert journey.start.inspection.theme.slug == "pre-proceedings-plo"
    assert journey.start_sections[0].slug == "pre-proceedings-plo" and journey.start_sections[0].is_open


def test_a_themes_starting_items_beyond_the_first_few_fold_beneath_them_tested_ones_first(client, world, county_user):
    for n in range(START_SHOWN + 1):  # claims before the tested one in the document, none of them tested
        f.make_claim(world.self_evaluation, statement=f"Caseload claim {n}.", theme=f.theme("caseloads"),
                     source_ref=f"page {n}", position=0)
    response = get(client, county_user, COUNTY)
    caseloads = next(s for s in response.context["journey"].sections if s.slug == "caseloads")
    assert caseloads.start_items[0].fact == world.claims["caseloads"]  # the one put to the test
    assert len(caseloads.start_items_shown) == START_SHOWN and len(caseloads.start_items_folded) == 2
    html = response.content.decode().split('id="theme-caseloads"')[1].split("</details>\n</div>")[0]
    folded = html.split('class="govuk-details app-start-more"')[1].split("</details>")[0]
    assert "2 more in the starting document" in folded and folded.count('class="app-journey-item"') == 2
    assert "Average caseloads have fallen." not in folded  # shown above the fold


def test_a_start_with_nothing_of_its_own_has_no_theme_by_theme_heading(client, world, staff):
    html = get(client, staff, f"{COUNTY}&start={world.county_report_2016.pk}").content.decode()
    assert 'id="themes"' not in html and "Theme by theme" not in html
    assert 'id="later-themes">Themes raised only later</h2>' in html


def test_the_later_events_fold_beneath_their_heading_and_are_counted(client, world, staff):
    html = get(client, staff, CITY).content.decode()
    after = html.split('id="after"')[1].split("</details>")[0]
    assert "Inspections and visits after the start (2), oldest first" in after
    assert after.count('<tr class="govuk-table__row">') == 1 + 2  # the header row and the two events


def test_a_grade_in_several_themes_reads_the_same_in_each_and_one_that_evidences_a_claim_keeps_its_verdict(
        client, world, staff, county_user):
    html = get(client, staff, f"{CITY}&start={world.letter.pk}").content.decode()
    link = f'href="/inspections/{world.reinspection_2017.pk}/"'

    def grade_items(slug):
        section = html.split(f'id="theme-{slug}"')[1].split("</details>")[0]
        return [li for li in section.split('<li class="app-journey-item">')[1:] if "Judgement," in li and link in li]

    # Help and protection's 2017 grade: under pre-proceedings and under missing children, both of its strand.
    assert grade_items("pre-proceedings-plo") and grade_items("pre-proceedings-plo") == grade_items("missing-exploitation")
    county = get(client, county_user, COUNTY).content.decode().split('id="theme-caseloads"')[1].split("</details>")[0]
    assert "Impact of leaders" in county and "app-verdict--borne_out" in county


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
        assert overall.startswith("Inadequate 2015, Requires improvement 2017, Good 2021, Requires improvement 2024")
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
