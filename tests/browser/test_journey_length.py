"""Each featured journey, on the real national record, opens at a length a person reads: eight screens or fewer
at 1366x768, everything else one click away, and axe finds nothing on it.

The national record is loaded once a session and must never be flushed, so these tests use no live server
(that would need a transactional database): each page is rendered by Django's test client in the test's own
transaction and handed to the browser, which fetches the static files from the finders; any other request is
refused and listed. (Playwright's callbacks run in a greenlet of their own, with a database connection that
cannot see the test's transaction, so they never touch the database.)
"""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.staticfiles import finders

from improvement import journeys
from inspections.models import Authority
from tests import factories as f
from tests.improvement.journey_world import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SCREEN = {"width": 1366, "height": 768}
MOST_SCREENS = 8
ORIGIN = "http://testserver"
STATIC = "/" + settings.STATIC_URL.lstrip("/")


@pytest.fixture
def served(page):
    """The page, with `page.rendered`: URL -> the test client's response to hand the browser for it."""
    page.set_viewport_size(SCREEN)
    page.refused, page.rendered = [], {}

    def answer(route):
        url = urlsplit(route.request.url)
        if url.path.startswith(STATIC) and f"{url.scheme}://{url.netloc}" == ORIGIN:
            found = finders.find(url.path[len(STATIC):])
            return route.fulfill(path=found) if found else route.fulfill(status=404, body="no such static file")
        response = page.rendered.get(route.request.url)
        if response is None:
            page.refused.append(route.request.url)
            return route.abort()
        return route.fulfill(status=response.status_code, body=response.content,
                             headers={"content-type": response["Content-Type"]})

    page.route("**/*", answer)
    yield page
    assert page.refused == [], f"requests outside the page measured: {page.refused}"


def screens(page, client, url):
    """Opens `url` and gives its height in screens of 1366x768, once the chart has drawn."""
    response = page.rendered[f"{ORIGIN}{url}"] = client.get(url)
    assert response.status_code == 200, url
    page.goto(f"{ORIGIN}{url}")
    page.locator("#journey-grades .js-plotly-plot .main-svg").first.wait_for(state="attached")
    return page.evaluate("document.documentElement.scrollHeight") / SCREEN["height"]


def check_the_featured_journeys(page, client, user):
    featured = journeys.featured_starts(user)
    measured = {}
    for authority, document, description in featured:
        url = f"/journeys/?authority={authority.ons_code}&start={document.pk}"
        measured[f"{authority.name} {description}"] = height = screens(page, client, url)
        print(f"{user.username}: {authority.name} {description}: {height:.2f} screens at 1366x768")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        # What is folded is one click away: a folded theme opens on its name.
        folded_id = page.locator("details.app-theme-section:not([open])").first.get_attribute("id")
        folded = page.locator(f"#{folded_id}")  # by id: once open, it no longer matches :not([open])
        assert not folded.locator(":scope > .govuk-details__text").is_visible()
        folded.locator(":scope > summary").click()
        assert folded.locator(":scope > .govuk-details__text").is_visible()
    too_long = {name: round(height, 2) for name, height in measured.items() if height > MOST_SCREENS}
    assert not too_long, f"featured journeys longer than {MOST_SCREENS} screens: {too_long}"
    return measured


def test_every_featured_journey_reads_in_eight_screens_or_fewer(national_record, served, client):
    staff = f.make_user("adviser", is_staff=True)
    client.force_login(staff)
    measured = check_the_featured_journeys(served, client, staff)
    assert len(measured) == len(journeys.FEATURED)  # staff may open every one of them


def test_so_does_each_featured_journey_for_a_user_of_another_council(national_record, served, client):
    leeds = member("leeds-manager", Authority.objects.get(ons_code="E08000035"))
    client.force_login(leeds)
    measured = check_the_featured_journeys(served, client, leeds)
    assert list(measured) == ["Leicester from the April 2017 monitoring visit"]  # not the county's own
