"""Each dashboard page in a real browser: the chart draws, its table holds the data, axe finds nothing."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# serialized_rollback: the flush after each test would drop the themes the data migration loads.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def check_accessible(page):
    results = Axe().run(page)
    if results.violations_count:
        print(results.generate_report())
    assert results.violations_count == 0, results.generate_report()


def check_chart(page, chart_id, expected_cell):
    """The Plotly chart drew an SVG, and its "view as table" holds the same data."""
    chart = page.locator(f"#{chart_id}")
    chart.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached")
    assert chart.locator(".js-plotly-plot svg").count() >= 1
    chart.locator("summary").click()
    table = chart.locator("table")
    assert table.is_visible()
    assert expected_cell in table.inner_text()


def screenshot(page, folder, name):
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_the_login_page_is_accessible(offline_page, live_server, screenshot_dir):
    offline_page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in offline_page.url
    assert offline_page.locator("h1").inner_text() == "Sign in"
    check_accessible(offline_page)
    screenshot(offline_page, screenshot_dir, "login")


def test_the_overview_draws_grades_by_region_and_their_age(signed_in, live_server, screenshot_dir):
    page = signed_in
    check_chart(page, "by-region", "East Midlands")
    check_chart(page, "grade-age", "Under 1 year")
    assert page.locator("a[href='/journeys/?authority=E06000016']").count() == 1
    check_accessible(page)
    screenshot(page, screenshot_dir, "overview")


def test_the_overview_rebuilds_grades_as_at_a_date(signed_in, live_server):
    page = signed_in
    page.fill("#id_as_at", "2016-01-01")
    page.click("text=Show grades")
    page.wait_for_url("**/?as_at=2016-01-01")
    check_chart(page, "by-region", "East Midlands")
    rows = page.locator("#by-region tbody tr")
    assert rows.count() == 2
    # In 2016 only Leicester held an overall grade (inadequate, 2015); Leicestershire was not yet graded.
    assert rows.first.inner_text().split("\t") == ["East Midlands", "0", "0", "0", "1", "0", "1", "2"]


def test_the_authorities_table_filters_and_sorts(signed_in, live_server, screenshot_dir):
    page = signed_in
    page.goto(f"{live_server.url}/authorities/")
    assert page.locator("table.dashboard-table tbody tr").count() == 3
    screenshot(page, screenshot_dir, "authorities")
    check_accessible(page)
    page.select_option("#id_region", "East Midlands")
    page.click("text=Apply filters")
    page.wait_for_url("**region=East+Midlands**")
    assert page.locator("table.dashboard-table tbody tr").count() == 2
    page.click("th >> text=Overall effectiveness")
    page.wait_for_url("**sort=overall**")
    first = page.locator("table.dashboard-table tbody tr").first.inner_text()
    assert first.startswith("Leicestershire")  # Good before Requires improvement


def test_an_authority_page_draws_its_timeline_and_peers(signed_in, live_server, world, screenshot_dir):
    page = signed_in
    page.goto(f"{live_server.url}/authorities/E06000016/")
    check_chart(page, "timeline", "Inadequate")
    check_chart(page, "neighbours", "Leicestershire")
    check_chart(page, "comparison", "England")
    assert page.locator("#timeline .js-plotly-plot .scatterlayer .trace").count() >= 4
    check_accessible(page)
    screenshot(page, screenshot_dir, "authority")


def test_an_inspection_page_lists_judgements_and_sources(signed_in, live_server, world, screenshot_dir):
    page = signed_in
    page.goto(f"{live_server.url}/inspections/{world.ilacs_2024.pk}/")
    assert "Overall effectiveness" in page.locator("#main-content").inner_text()
    assert page.locator(".grade-tag--good").count() == 4
    assert page.locator("a[href='/documents/%d/download']" % world.report_2024.pk).count() >= 1
    check_accessible(page)
    screenshot(page, screenshot_dir, "inspection")
