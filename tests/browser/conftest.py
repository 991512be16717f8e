"""Browser tests: Debian's Chromium through Playwright, against the live server, offline."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories as f
from tests.conftest import restore_starting_themes
from tests.inspections.dashboard_world import build_world

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = "a-long-test-password"  # what tests.factories gives every user


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium fonts-liberation, or set CHROMIUM_PATH")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def screenshot_dir():
    folder = Path(os.environ.get("SCREENSHOT_DIR", Path(settings.BASE_DIR) / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def offline_page(page, live_server):
    """A page that may only reach the live server: anything else (a CDN, a font host) is aborted and listed."""
    page.blocked = []

    def only_live_server(route):
        if route.request.url.startswith(live_server.url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_live_server)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert page.blocked == [], f"requests outside the live server: {page.blocked}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"


@pytest.fixture
def starting_themes(transactional_db):
    """The themes the data migration loads, put back if a flush dropped them.

    Serialized rollback cannot always restore them here: Playwright's greenlet gets a database connection
    of its own, without the serialized copy. A browser test's `world` fixture should depend on this one.
    """
    restore_starting_themes()


@pytest.fixture
def world(starting_themes):
    return build_world()


@pytest.fixture
def signed_in(offline_page, live_server, world):
    """Signs a staff user in through the login form."""
    f.make_superuser("director")
    offline_page.goto(f"{live_server.url}/accounts/login/")
    offline_page.fill("#id_username", "director")
    offline_page.fill("#id_password", PASSWORD)
    offline_page.click("button[type=submit]")
    offline_page.wait_for_url(f"{live_server.url}/")
    return offline_page
