"""Every main page in a real browser under the Content-Security-Policy the app sends: no violation, charts drawn.

A violation is caught twice over: Chromium's console message ("Refused to ... Content Security Policy") and the
page's own securitypolicyviolation events, recorded by a script Playwright adds before the page's own.
"""

from decimal import Decimal

import pytest

from inspections.models import MeasureValue
from tests import factories as f
from tests.improvement.journey_world import build_world as build_journey_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(offline_page):
    page = offline_page
    page.console_csp = []
    page.on("console", lambda message: page.console_csp.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def visit(page, url):
    """Opens url, checks the policy came with it, and that nothing on the page broke it."""
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy
    page.wait_for_load_state("load")
    assert_no_violation(page, url)
    return page


def assert_no_violation(page, url):
    assert page.evaluate("window.cspViolations") == [], url
    assert page.console_csp == [], url


def charts_drawn(page, count):
    """Plotly drew `count` charts, each from its data block (which charts.js removes once drawn)."""
    page.locator(".app-plotly .main-svg").nth(count - 1).wait_for(state="attached")
    assert page.locator(".app-plotly.js-plotly-plot").count() == count
    assert page.locator('.app-plotly script[type="application/json"]').count() == 0


def sign_in(page, base_url):
    f.make_superuser("director")
    page.goto(f"{base_url}/accounts/login/")
    assert_no_violation(page, "login")
    page.fill("#id_username", "director")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    return page


def add_figures(authority):
    measure = f.make_measure(slug="re_referrals_percent", name="Re-referrals within 12 months")
    for period, value in ((2024, "20"), (2025, "25")):
        f.make_measure_value(measure, authority, period=period, value=Decimal(value), region_code="E12000004",
                             region_name="East Midlands")
        f.make_measure_value(measure, None, level=MeasureValue.Level.ENGLAND, code="E92000001", name="England",
                             period=period, value=Decimal("21.5"))


def test_the_detector_sees_an_inline_script_the_policy_forbids(watched, live_server):
    """Without this, a policy that was never sent or never checked would pass every test below."""
    page = watched
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.ran = 1";
                             document.head.appendChild(s); }""")
    page.wait_for_function("window.cspViolations.length > 0")
    assert page.evaluate("window.ran") is None
    assert "script-src" in page.evaluate("window.cspViolations")[0]


def test_the_dashboard_pages_and_the_admin_keep_to_the_policy(watched, live_server, world):
    add_figures(world.leicester)
    page = sign_in(watched, live_server.url)
    base = live_server.url
    charts_drawn(visit(page, f"{base}/"), 2)
    visit(page, f"{base}/authorities/")
    visit(page, f"{base}/authorities/E06000016/")
    charts_drawn(page, 4)  # timeline, neighbours, comparison and How it compares' measure
    assert page.locator("#how-it-compares .js-plotly-plot").count() == 1
    page.locator("#timeline summary").click()  # GOV.UK Frontend's scripts ran: details open, nothing refused
    assert page.locator("#timeline table").is_visible()
    visit(page, f"{base}/inspections/{world.ilacs_2024.pk}/")
    visit(page, f"{base}/admin/")
    visit(page, f"{base}/admin/inspections/authority/")
    visit(page, f"{base}/admin/inspections/authority/{world.leicester.pk}/change/")
    assert_no_violation(page, "after every page")


@pytest.mark.parametrize("path, charts", [("/journeys/?authority=E10000018", 1), ("/claims/", 1), ("/cohorts/", 1)])
def test_the_improvement_pages_keep_to_the_policy(watched, live_server, starting_themes, path, charts):
    build_journey_world()
    page = sign_in(watched, live_server.url)
    charts_drawn(visit(page, f"{live_server.url}{path}"), charts)
    page.locator(".app-chart summary").first.click()
    assert_no_violation(page, path)
