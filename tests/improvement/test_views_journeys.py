"""/journeys/ and /journeys/export.csv."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from improvement.journeys import LATER_SHOWN
from inspections.exports.journeys import COLUMNS
from inspections.models import AreaForImprovement, Authority, Finding, Inspection, Theme
from tests import factories as f
from tests.improvement.journey_world import (  # noqa: F401
    county_user,
    fast_password_hashing,
    grow,
    grow_city,
    leeds_user,
    member,
    outsider,
    regional_user,
    staff,
    world,
)

pytestmark = pytest.mark.django_db

JOURNEYS = "/journeys/"
COUNTY = "/journeys/?authority=E10000018"
SELF_EVALUATION_WORDS = ("County self-evaluation 2018", "Conferences are nearly always held on time", "page 6")


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_it_asks_for_a_sign_in(client, world):
    for url in (JOURNEYS, COUNTY, "/journeys/export.csv"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_with_no_choice_it_shows_the_first_featured_journey_and_links_to_both(client, world, staff):
    response = get(client, staff, JOURNEYS)
    html = response.content.decode()
    assert response.context["authority"] == world.city
    assert response.context["start"].document == world.letter
    assert f'href="/journeys/?authority=E06000016&amp;start={world.letter.pk}"' in html
    assert f'href="/journeys/?authority=E10000018&amp;start={world.self_evaluation.document.pk}"' in html
    assert "Leicester from the April 2017 monitoring visit" in html


def test_the_featured_list_offers_only_the_journeys_the_user_may_open(client, world, leeds_user, outsider):
    # Leicestershire's featured start is its private self-evaluation: a Leeds user (or a user of no council)
    # is offered Leicester's public letter alone, and nothing on the page names the county's self-evaluation.
    for user in (leeds_user, outsider):
        response = get(client, user, JOURNEYS)
        html = response.content.decode()
        assert [(a.ons_code, d.pk) for a, d, _ in response.context["featured"]] == [("E06000016", world.letter.pk)]
        featured = html.split('id="featured"')[1].split("</ul>")[0]
        assert "Leicester from the April 2017 monitoring visit" in featured and "Leicestershire" not in featured
        for words in ("February 2018 self-evaluation", world.self_evaluation.document.title, *SELF_EVALUATION_WORDS):
            assert words not in html


def test_a_monitoring_visit_journey_shows_the_verdict_and_the_grades_then_in_force(client, world, staff):
    html = get(client, staff, "/journeys/?authority=E06000016").content.decode()
    assert "progress: <strong>steady progress</strong>" in html
    assert 'Overall effectiveness: <strong class="govuk-tag grade-tag grade-tag--inadequate">Inadequate</strong>' in html
    assert 'id="theme-pre-proceedings-plo-title">Pre-proceedings and the Public Law Outline</span>' in html


def test_every_item_links_to_its_inspection_and_shows_where_it_comes_from(client, world, staff):
    html = get(client, staff, "/journeys/?authority=E06000016").content.decode()
    plo = html.split('id="theme-pre-proceedings-plo"')[1].split("</details>")[0]
    assert f'href="/inspections/{world.visit_2017.pk}/"' in plo
    assert f'href="/inspections/{world.reinspection_2017.pk}/"' in plo
    assert "bullet 2" in plo and "recommendation 2" in plo
    assert "Track children in pre-proceedings closely." in plo


def test_its_chart_marks_the_start_and_draws_later_grades_on_the_shared_axis(client, world, staff):
    chart = get(client, staff, "/journeys/?authority=E06000016").context["chart"]
    assert chart.figure["layout"]["shapes"][0]["x0"] == "2017-04-26"
    overall = next(trace for trace in chart.figure["data"] if trace["name"] == "Overall effectiveness")
    assert overall["x"] == ["2015-01-12", "2017-06-12", "2021-09-20"]
    assert [point[0] for point in overall["customdata"]] == ["Inadequate", "Requires improvement to be good", "Good"]
    ticks = dict(zip(chart.figure["layout"]["yaxis"]["tickvals"], chart.figure["layout"]["yaxis"]["ticktext"]))
    assert ticks[3] == "Adequate / Requires improvement"
    assert ["After the start", "In force at the start"] == sorted({row[-1] for row in chart.rows})


def test_a_start_can_be_chosen_from_the_councils_documents(client, world, staff):
    report = world.sif_2015.documents.exclude(pk=world.letter.pk).get()
    response = get(client, staff, f"/journeys/?authority=E06000016&start={report.pk}")
    assert response.context["start"].inspection == world.sif_2015
    assert not response.context["start"].is_default
    assert f'<option value="{report.pk}" selected>' in response.content.decode()


def test_a_start_from_another_council_falls_back_to_the_default(client, world, staff):
    response = get(client, staff, f"/journeys/?authority=E06000016&start={world.county_report_2016.pk}")
    assert response.context["start"].document == world.letter
    assert "Showing Leicester's default starting point" in response.content.decode()


def test_a_self_evaluation_journey_shows_claims_figures_and_verdicts_to_the_council(client, world, county_user):
    html = get(client, county_user, COUNTY).content.decode()
    for words in SELF_EVALUATION_WORDS:
        assert words in html
    assert "(97% of initial conferences within 15 working days)" in html
    assert '<strong class="govuk-tag app-verdict app-verdict--contradicted">Contradicted</strong>' in html
    assert f'href="/inspections/{world.county_2024.pk}/"' in html
    assert "Note: Later listed as needing to improve." in html


def test_a_user_of_another_council_never_sees_the_self_evaluation(client, world, leeds_user, outsider):
    for user in (leeds_user, outsider):
        response = get(client, user, f"{COUNTY}&start={world.self_evaluation.document.pk}")
        html = response.content.decode()
        assert response.context["start"].document == world.county_report_2016
        for words in SELF_EVALUATION_WORDS:
            assert words not in html
        assert f'value="{world.self_evaluation.document.pk}"' not in html
        assert "Self-evaluation" not in str(response.context["chart"].figure)


def test_a_regional_user_sees_the_self_evaluations_of_the_region(client, world, regional_user):
    html = get(client, regional_user, COUNTY).content.decode()
    assert "Conferences are nearly always held on time." in html


def test_an_unknown_council_falls_back_to_the_featured_journey(client, world, staff):
    assert get(client, staff, "/journeys/?authority=E99999999").context["authority"] == world.city


def test_its_query_count_does_not_grow_with_the_record(client, world, staff, django_assert_num_queries):
    # session, user, the featured documents with their councils, the authority (form), the authority select, its
    # documents, the start's event, judgements, later events, findings and areas for improvement (two each: their
    # places, then those shown), record currency (two)
    client.force_login(staff)
    with django_assert_num_queries(15):
        client.get("/journeys/?authority=E06000016")
    grow_city(world, 6)
    grow(5)
    with django_assert_num_queries(15):
        response = client.get("/journeys/?authority=E06000016")
    assert len(response.context["journey"].later_events) == 2 + 12


def test_a_self_evaluation_journeys_query_count_does_not_grow_with_its_claims(client, world, county_user,
                                                                              django_assert_num_queries):
    # As above, with the claims and their assessments instead of the start's event; the county has no later
    # finding, and a kind with nothing to show is not read a second time.
    client.force_login(county_user)
    with django_assert_num_queries(15):
        client.get(COUNTY)
    grow(5)
    for n in range(8):
        world.self_evaluation.claims.create(statement=f"Another claim {n}", document=world.self_evaluation.document)
    with django_assert_num_queries(15):
        client.get(COUNTY)


def thicken(world, inspections, findings):
    """Many later inspections of the city, each with findings and areas for improvement on every theme."""
    grow_city(world, inspections)
    themes = list(Theme.objects.order_by("pk"))
    later = list(Inspection.objects.filter(authority=world.city, start_date__gt=world.visit_2017.start_date))
    Finding.objects.bulk_create([
        Finding(inspection=i, document=i.documents.first() or world.letter, text=f"Finding {n} of {i.pk}",
                theme=themes[n % len(themes)], position=n)
        for i in later for n in range(findings)
    ])
    AreaForImprovement.objects.bulk_create([
        AreaForImprovement(inspection=i, document=i.documents.first() or world.letter, text=f"Area {n} of {i.pk}",
                           theme=themes[n % len(themes)], position=n)
        for i in later for n in range(findings // 4)
    ])


@pytest.mark.parametrize("theme", ["", "&theme=caseloads"])
def test_a_journey_on_a_thick_record_takes_no_more_queries_than_on_a_thin_one(
        client, world, staff, county_user, django_assert_max_num_queries, theme):
    # 15 from a letter (its event read once), 16 from a self-evaluation (its claims and their assessments):
    # whatever the number of later inspections, findings and areas for improvement, shown or not.
    client.force_login(staff)
    with django_assert_max_num_queries(15):
        client.get(f"/journeys/?authority=E06000016{theme}")
    thicken(world, inspections=30, findings=40)
    grow(5)
    with django_assert_max_num_queries(15):
        response = client.get(f"/journeys/?authority=E06000016{theme}")
    assert len(response.context["journey"].later_events) == 2 + 60
    assert sum(section.later_item_count for section in response.context["journey"].sections) > 30 * 40
    client.force_login(county_user)
    with django_assert_max_num_queries(16):
        client.get(f"/journeys/?authority=E10000018{theme}")


def test_the_export_is_the_tidy_csv_of_one_council(client, world, staff):
    response = get(client, staff, "/journeys/export.csv?authority=E06000016")
    assert response["Content-Disposition"] == 'attachment; filename="journeys-E06000016.csv"'
    rows = csv_rows(response)
    assert rows[0] == COLUMNS
    assert {row[0] for row in rows[1:]} == {"E06000016"}
    overall = [(row[5], row[12]) for row in rows[1:] if row[11] == "overall"]
    assert overall == [("2015-01-12", "Inadequate"), ("2017-06-12", "Requires improvement to be good"),
                       ("2021-09-20", "Good")]
    # The ungraded monitoring visit has a row of its own, with its letter as the source.
    assert ["monitoring_visit", "City monitoring visit letter"] in [[row[3], row[14]] for row in rows[1:]]


def test_the_export_of_every_council_holds_no_self_evaluation(client, world, leeds_user):
    text = b"".join(get(client, leeds_user, "/journeys/export.csv").streaming_content).decode()
    assert {"E06000016", "E10000018", "E08000035"} <= {row[0] for row in csv.reader(io.StringIO(text))}
    for words in SELF_EVALUATION_WORDS[:2] + ("Leeds self-evaluation 2019",):
        assert words not in text


def test_the_export_answers_404_for_an_unknown_council(client, world, staff):
    assert get(client, staff, "/journeys/export.csv?authority=E99999999").status_code == 404


def test_the_exports_query_count_does_not_grow_with_the_record(client, world, staff, django_assert_num_queries):
    client.force_login(staff)
    with django_assert_num_queries(6):  # session, user, authority, inspections, judgements, documents
        b"".join(client.get("/journeys/export.csv?authority=E06000016").streaming_content)
    grow_city(world, 6)
    with django_assert_num_queries(6):
        b"".join(client.get("/journeys/export.csv?authority=E06000016").streaming_content)


def test_a_long_theme_shows_its_first_later_items_and_links_to_all_of_them(client, world, staff):
    grow_city(world, 8)  # eight more areas for improvement on pre-proceedings, each from a later inspection
    url = f"/journeys/?authority=E06000016&start={world.letter.pk}"
    response = get(client, staff, url)
    plo = next(s for s in response.context["journey"].sections if s.slug == "pre-proceedings-plo")
    assert len(plo.later_items_shown) == LATER_SHOWN and plo.later_item_count == 9
    html = response.content.decode().split('id="theme-pre-proceedings-plo"')[1].split("</details>")[0]
    assert f"Showing 2 of 2 later grades and {LATER_SHOWN} of 9 later findings" in html
    assert f'href="/journeys/?authority=E06000016&amp;start={world.letter.pk}&amp;theme=pre-proceedings-plo' \
           '#theme-pre-proceedings-plo"' in html
    assert html.count('class="app-journey-item"') == 1 + 2 + LATER_SHOWN

    response = get(client, staff, f"{url}&theme=pre-proceedings-plo")
    html = response.content.decode().split('id="theme-pre-proceedings-plo"')[1].split("</details>")[0]
    assert html.count('class="app-journey-item"') == 1 + 2 + 9 and "Showing" not in html
    caseloads = next(s for s in response.context["journey"].sections if s.slug == "caseloads")
    assert not caseloads.in_full and len(caseloads.later_items_shown) == LATER_SHOWN


class TestTheRealRecord:
    """The featured journeys on the national record load_demo builds from the shared data (loaded once a session)."""

    @pytest.fixture
    def demo(self, national_record):
        return national_record

    def test_leicester_starts_from_the_2017_monitoring_visit_after_the_inadequate_2015_inspection(self, demo, client, db):
        journey = get(client, f.make_user("adviser", is_staff=True), JOURNEYS).context["journey"]
        start = journey.start
        assert start.document.kind == "monitoring_letter" and start.on == datetime.date(2017, 4, 26)
        assert "steady progress" in start.inspection.verdict
        standing = {j.strand: (j.inspection.start_date.year, j.grade) for j in journey.standing}
        assert standing["overall"] == (2015, "Inadequate")
        later = [(j.inspection.start_date.year, j.grade) for j in journey.later if j.strand == "overall"]
        assert later[:3] == [(2017, "Requires improvement to be good"), (2021, "Good"),
                             (2024, "Requires improvement to be good")]
        plo = next(s for s in journey.sections if s.theme and s.theme.slug == "pre-proceedings-plo")
        assert plo.start_items and all(item.inspection == start.inspection for item in plo.start_items)
        assert plo.later_items and all(item.on > start.on for item in plo.later_items)

    def test_leicestershire_sets_its_2018_claims_beside_the_2024_report(self, demo, client, db):
        county = Authority.objects.get(ons_code="E10000018")
        response = get(client, member("county-manager", county), "/journeys/?authority=E10000018")
        journey = response.context["journey"]
        assert journey.start.document.kind == "self_evaluation" and journey.start.on.year == 2018
        icpc = next(s for s in journey.sections if s.theme and s.theme.slug == "icpc-timeliness")
        claim = next(item for item in icpc.start_items if item.figure.startswith("97%"))
        contradicted = [v for v in claim.verdicts if v.code == "contradicted"]
        assert contradicted and contradicted[0].other.inspection.start_date.year == 2024
        assert "97%" in response.content.decode() and "app-verdict--contradicted" in response.content.decode()

    def test_a_leeds_manager_never_sees_leicestershires_self_evaluation(self, demo, client, db):
        leeds = Authority.objects.get(ons_code="E08000035")
        response = get(client, member("leeds-manager", leeds), "/journeys/?authority=E10000018")
        assert response.context["journey"].start.document.kind != "self_evaluation"
        html = response.content.decode()
        assert "self-evaluation 2018" not in html.lower() and "app-verdict" not in html
