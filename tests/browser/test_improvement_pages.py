"""The improvement pages in a real browser: charts draw, axe finds nothing, and a journey works by keyboard alone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.improvement.journey_world import build_world

# serialized_rollback: the flush after each test would drop the themes the data migration loads.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_TABS = 80


@pytest.fixture
def world(starting_themes):
    """This module's record (tests/improvement/journey_world.py), in place of the overview's."""
    return build_world()


def check_accessible(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def check_chart(page, chart_id, expected_cell):
    """The Plotly chart drew, and its "view as table" holds the same data."""
    chart = page.locator(f"#{chart_id}")
    chart.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached")
    chart.locator("summary").click()
    assert expected_cell in chart.locator("table").inner_text()


def tab_to(page, predicate, what):
    """Presses Tab until the focused element passes `predicate` (a JavaScript function of the element)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return
    raise AssertionError(f"{what} was not reached within {MAX_TABS} presses of Tab")


def test_the_journey_page_draws_its_path_and_themes_accessibly(signed_in, live_server, screenshot_dir):
    page = signed_in
    page.goto(f"{live_server.url}/journeys/?authority=E10000018")
    check_chart(page, "journey-grades", "Outstanding")
    assert page.locator(".app-verdict--contradicted").first.inner_text() == "Contradicted"
    assert page.locator("#theme-icpc-timeliness h3").all_inner_texts() == [
        "In the starting document", "Later, nearest in time to the start first"]
    # A folded theme unfolds on a click, with no script of ours.
    folded_id = page.locator("details.app-theme-section:not([open])").first.get_attribute("id")
    folded = page.locator(f"#{folded_id}")
    assert not folded.locator(".govuk-details__text").is_visible()
    folded.locator("summary").click()
    assert folded.locator(".govuk-details__text").is_visible()
    check_accessible(page)
    page.screenshot(path=str(screenshot_dir / "journey.png"), full_page=True)


def test_a_journey_can_be_chosen_and_followed_by_keyboard_alone(signed_in, live_server, world):
    page = signed_in
    page.goto(f"{live_server.url}/journeys/")
    tab_to(page, "e => e.id === 'id_authority'", "The council list")
    page.keyboard.type("Leicestershire")
    assert page.eval_on_selector("#id_authority", "e => e.value") == "E10000018"
    tab_to(page, "e => e.type === 'submit'", "The button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Leicestershire's improvement journey"

    # Now the county's own documents are listed: choose its 2016 report, the first of them.
    tab_to(page, "e => e.id === 'id_start'", "The list of starting documents")
    page.keyboard.press("Home")
    assert page.eval_on_selector("#id_start", "e => e.value") == str(world.county_report_2016.pk)
    tab_to(page, "e => e.type === 'submit'", "The button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"start={world.county_report_2016.pk}" in page.url
    assert "Full inspection of 14 to 24 November 2016" in page.locator("#main-content").inner_text()

    # Unfold a folded theme by its name.
    tab_to(page, "e => e.tagName === 'SUMMARY' && e.closest('.app-theme-section') && !e.parentElement.open",
           "A folded theme")
    section_id = page.evaluate("document.activeElement.parentElement.id")
    page.keyboard.press("Enter")
    section = page.locator(f"#{section_id}")
    assert section.get_attribute("open") is not None
    assert section.locator(".govuk-details__text").is_visible() and "Later" in section.inner_text()


def test_the_claims_tracker_draws_its_calibration_accessibly(signed_in, live_server, screenshot_dir):
    page = signed_in
    page.goto(f"{live_server.url}/claims/")
    check_chart(page, "calibration", "Leicestershire")
    assert page.locator("table.dashboard-table tbody tr:not(.app-claim-group)").count() == 5
    assert page.locator("table.dashboard-table tbody tr.app-claim-group").count() == 2  # one per self-evaluation
    page.select_option("#id_verdict", "contradicted")
    page.click("text=Apply filters")
    page.wait_for_url("**verdict=contradicted**")
    assert page.locator("table.dashboard-table tbody tr:not(.app-claim-group)").count() == 1
    check_accessible(page)
    page.screenshot(path=str(screenshot_dir / "claims.png"), full_page=True)


def test_the_cohort_page_draws_its_swimlanes_accessibly(signed_in, live_server, screenshot_dir):
    page = signed_in
    page.goto(f"{live_server.url}/cohorts/")
    check_chart(page, "swimlanes", "Leeds")
    assert page.locator("#swimlanes .js-plotly-plot .scatterlayer .trace").count() >= 4
    assert "Leeds" in page.locator("#most-improved").inner_text()
    check_accessible(page)
    page.screenshot(path=str(screenshot_dir / "cohort.png"), full_page=True)
