"""Failed sign-ins are throttled per account and per address (django-axes), and an administrator can unlock."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import RequestFactory

from config.sign_in import client_address
from tests import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # what tests.factories gives every user
LOGIN = "/accounts/login/"


def sign_in(client, username, password, address="192.0.2.10", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def signed_in_as(client):
    return client.get("/").wsgi_request.user.get_username() or None


def test_after_25_wrong_passwords_the_right_one_does_not_get_in(client):
    f.make_user("leeds.manager")
    for _ in range(25):
        wrong = sign_in(client, "leeds.manager", "guess")
    assert wrong.status_code == 429
    right = sign_in(client, "leeds.manager", PASSWORD)
    assert right.status_code == 429
    page = right.content.decode()
    assert ("Too many failed sign-in attempts for this account or from this address; try again in 15 minutes "
            "or ask an administrator to unlock it.") in page
    assert 'name="username"' in page and 'value="leeds.manager"' in page  # the sign-in form, filled in again
    assert signed_in_as(client) is None


def test_four_wrong_passwords_do_not_lock_and_a_success_starts_the_count_again(client):
    f.make_user("leeds.manager")
    for _ in range(2):
        for _ in range(4):
            assert sign_in(client, "leeds.manager", "guess").status_code == 200  # the form with its error
        assert sign_in(client, "leeds.manager", PASSWORD).status_code == 302
        assert signed_in_as(client) == "leeds.manager"
        client.logout()


def test_an_account_is_locked_whatever_address_the_guesses_come_from(client):
    f.make_user("leeds.manager")
    for n in range(5):
        sign_in(client, "leeds.manager", "guess", address=f"198.51.100.{n}")
    assert sign_in(client, "leeds.manager", PASSWORD, address="203.0.113.7").status_code == 429
    assert signed_in_as(client) is None


def test_an_address_is_locked_whatever_accounts_it_guesses(client):
    f.make_user("leeds.manager")
    f.make_user("staff.analyst")
    for n in range(5):
        sign_in(client, f"someone-{n}", "guess", address="198.51.100.9")
    # The address is locked, even for an account it never guessed...
    assert sign_in(client, "leeds.manager", PASSWORD, address="198.51.100.9").status_code == 429
    assert signed_in_as(client) is None
    # ...but nobody else is: the same account from another address gets in.
    assert sign_in(client, "leeds.manager", PASSWORD, address="203.0.113.7").status_code == 302
    assert signed_in_as(client) == "leeds.manager"


def test_an_administrator_unlocks_an_account_with_the_documented_command(client):
    f.make_user("leeds.manager")
    for n in range(6):
        sign_in(client, "leeds.manager", "guess", address=f"198.51.100.{n}")
    assert sign_in(client, "leeds.manager", PASSWORD, address="203.0.113.7").status_code == 429
    call_command("axes_reset_username", "leeds.manager", stdout=StringIO())
    assert sign_in(client, "leeds.manager", PASSWORD, address="203.0.113.7").status_code == 302
    assert signed_in_as(client) == "leeds.manager"


def test_an_administrator_sees_and_deletes_the_lock_in_the_admin(client):
    f.make_user("leeds.manager")
    for _ in range(5):
        sign_in(client, "leeds.manager", "guess")
    attempt = AccessAttempt.objects.get(username="leeds.manager")
    assert attempt.failures_since_start == 5
    admin = f.make_superuser("director")
    client.force_login(admin)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "leeds.manager" in listing.content.decode()
    deleted = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302 and not AccessAttempt.objects.exists()
    client.logout()
    assert sign_in(client, "leeds.manager", PASSWORD).status_code == 302


def test_the_admins_own_sign_in_page_is_throttled_too(client):
    f.make_superuser("director")
    for _ in range(5):
        client.post("/admin/login/", {"username": "director", "password": "guess"}, REMOTE_ADDR="192.0.2.10")
    response = client.post("/admin/login/", {"username": "director", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429 and "Too many failed sign-in attempts" in response.content.decode()


def test_behind_one_proxy_the_address_is_the_one_the_proxy_saw_not_one_the_client_wrote(settings):
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"  # no proxy trusted: the socket's peer
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.7"  # the proxy appended it; "6.6.6.6" came from the client
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "6.6.6.6"


def test_forged_forwarded_addresses_do_not_dodge_the_address_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    f.make_user("leeds.manager")
    for n in range(5):  # a new forged address each time, as the proxy appends the real one
        sign_in(client, f"someone-{n}", "guess", address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.7")
    refused = sign_in(client, "leeds.manager", PASSWORD, address="10.0.0.2",
                      HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.7")
    assert refused.status_code == 429


def test_password_reset_is_not_offered(client):
    page = client.get(LOGIN).content.decode()
    assert "reset" not in page.lower() and "forgot" not in page.lower()
    for url in ("/accounts/password_reset/", "/accounts/password_reset/done/", "/accounts/reset/MQ/set-password/",
                "/accounts/reset/done/"):
        assert client.get(url).status_code == 404, url
