import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_login_page_needs_no_login_and_uses_the_service_style(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in html
    assert "Children&#x27;s services improvement" in html or "Children's services improvement" in html
    assert 'class="govuk-service-navigation__list"' not in html  # no menu before signing in
    assert "govuk-frontend-6.6.0.min.css" in html and "fonts.googleapis" not in html


def test_a_wrong_password_shows_the_error_summary(client):
    f.make_user("reader")
    response = client.post("/accounts/login/", {"username": "reader", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "enter a correct username and password" in html


def test_signing_in_returns_to_the_page_asked_for(client):
    f.make_user("reader")
    response = client.post("/accounts/login/?next=/authorities/",
                           {"username": "reader", "password": "a-long-test-password", "next": "/authorities/"})
    assert response.status_code == 302 and response["Location"] == "/authorities/"


def test_the_menu_marks_the_current_section_and_signs_out_by_post(client):
    client.force_login(f.make_user("reader"))
    html = client.get("/authorities/").content.decode()
    assert 'href="/authorities/" aria-current="page"' in html
    for label in ("Overview", "Authorities", "Journeys", "Claims", "Cohorts"):
        assert label in html
    assert '<form method="post" action="/accounts/logout/">' in html
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/authorities/").status_code == 302


def test_every_page_has_a_skip_link_and_the_data_sources(client):
    client.force_login(f.make_user("reader"))
    html = client.get("/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html and 'id="main-content"' in html
    assert "Open Government Licence v3.0" in html
