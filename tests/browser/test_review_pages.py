"""The review workbench in a real browser: axe finds nothing, and a verdict is confirmed with a note by a click."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from improvement.evidence.proposing import propose_for
from tests import factories as f
from tests.improvement.journey_world import build_world

# serialized_rollback: the flush after each test would drop the themes the data migration loads.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(starting_themes):
    world = build_world()
    f.make_claim(world.self_evaluation, statement="Conferences are quorate and timely.",
                 theme=f.theme("icpc-timeliness"), strand="help_and_protection", source_ref="page 7", position=5)
    propose_for(world.self_evaluation)
    return world


def test_the_workbench_is_accessible_and_a_verdict_is_confirmed_by_a_click(signed_in, live_server, world,
                                                                           screenshot_dir):
    page = signed_in
    claim = world.self_evaluation.claims.get(statement="Conferences are quorate and timely.")
    page.goto(f"{live_server.url}/self-evaluations/{world.self_evaluation.pk}/review/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    section = page.locator(f"#claim-{claim.pk}")
    assert "The timeliness of initial conferences." in section.locator("table").inner_text()
    section.locator(f"#id_verdict-{claim.pk}-note").fill("Read the 2024 report.")
    with page.expect_navigation():
        section.get_by_role("button", name="Confirm the verdict").click()
    section = page.locator(f"#claim-{claim.pk}")
    assert "Confirmed by a person (director)" in section.inner_text()
    assert "director: Verdict: confirmed by a person – “Read the 2024 report.”" in section.locator(
        ".app-review-history").inner_text()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=str(screenshot_dir / "review.png"), full_page=True)
