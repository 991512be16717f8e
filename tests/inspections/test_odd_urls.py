"""Odd addresses are a bad link, never a fault: every list page and download, with every odd parameter the issue
tried (and a NUL byte in the path or a parameter), answers 200 (the parameter ignored), 400 or 404, never 500."""

import datetime
import types

import pytest
from django.test import Client
from django.urls import reverse

from inspections.models import Inspection
from tests.improvement.journey_world import staff, world  # noqa: F401 (fixtures)

ODD_PARAMETERS = [
    {"_export": "xlsx"},
    {"_export": "ods"},
    {"_export": "json"},
    {"_export": "latex"},
    {"_export": "<script>"},
    {"_export": ""},
    {"per_page": "-1"},
    {"per_page": "0"},
    {"per_page": "abc"},
    {"per_page": "99999999999999999999"},
    {"page": "999999"},
    {"page": "-1"},
    {"page": "abc"},
    {"sort": "nonsense"},
    {"sort": "-"},
    {"sort": "name,__class__"},
    {"authority": "nonsense"},
    {"start": "abc"},
    {"theme": "nonsense"},
    {"inadequate_in": "abc"},
    {"inadequate_in": "99999"},
    {"as_at": "2024-13-45"},
    {"as_at": "9999-01-01"},
]


def list_urls(world):  # noqa: F811
    inspection = Inspection.objects.filter(authority=world.city).first()
    return [
        reverse("inspections:overview"),
        reverse("inspections:authorities"),
        reverse("inspections:authority", args=[world.city.ons_code]),
        reverse("inspections:how_it_compares_csv", args=[world.city.ons_code]),
        reverse("inspections:inspection", args=[inspection.pk]),
        reverse("improvement:journeys"),
        reverse("improvement:journeys-export"),
        reverse("improvement:claims"),
        reverse("improvement:cohorts") + "?inadequate_in=2015",
    ]


@pytest.fixture
def staff_client(staff):  # noqa: F811
    client = Client(raise_request_exception=False)  # a 500 is a figure here, not an exception
    client.force_login(staff)
    return client


def test_no_odd_parameter_gives_a_500_on_any_list_page(staff_client, world):  # noqa: F811
    faults = []
    for url in list_urls(world):
        for parameters in ODD_PARAMETERS:
            response = staff_client.get(url, parameters)
            if response.status_code not in (200, 400, 404):
                faults.append(f"{url} {parameters}: {response.status_code}")
    assert faults == []


# "listing", not "page": that name is Playwright's browser page fixture.
@pytest.mark.parametrize("listing", ["authorities", "claims"])
def test_an_export_format_not_offered_is_a_400_that_says_what_is(staff_client, world, listing):  # noqa: F811
    response = staff_client.get(reverse(f"improvement:{listing}" if listing == "claims" else f"inspections:{listing}"),
                                {"_export": "ods"})
    assert response.status_code == 400
    assert "'ods' is not offered here" in response.content.decode()


def test_the_offered_exports_still_work(staff_client, world):  # noqa: F811
    assert staff_client.get(reverse("inspections:authorities"), {"_export": "csv"}).status_code == 200
    assert staff_client.get(reverse("improvement:claims"), {"_export": "xlsx"}).status_code == 200


@pytest.mark.parametrize("odd", ["%00", "abc%00def", "%2500"])
def test_a_nul_byte_in_a_parameter_is_refused_on_every_list_page(staff_client, world, odd):  # noqa: F811
    for url in list_urls(world):
        joiner = "&" if "?" in url else "?"
        for name in ("authority", "sort", "q", "inadequate_in"):
            response = staff_client.get(f"{url}{joiner}{name}={odd}")
            expected = (400,) if odd != "%2500" else (200, 400, 404)  # %2500 is the text "%00", not a NUL
            assert response.status_code in expected, (url, name, odd, response.status_code)


def test_a_nul_byte_in_a_path_is_refused(staff_client, world):  # noqa: F811
    for path in ("/authorities/E06%0000016/", "/authorities/%00/how-it-compares.csv", "/claims/%00", "/%00"):
        response = staff_client.get(path)
        assert response.status_code == 400, path
        assert "NUL byte" in response.content.decode()


def test_a_nul_byte_in_a_submitted_form_is_refused(staff_client):
    response = staff_client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400


def test_a_nul_byte_is_refused_before_sign_in_too(client):
    assert client.get("/authorities/?q=%00").status_code == 400


@pytest.mark.parametrize("prefix", ["/", "/dashboard/"])
def test_an_authority_link_built_from_its_reversed_pattern_is_the_one_reverse_gives(prefix):
    from django.urls import set_script_prefix

    from inspections.templatetags.dashboard import authority_path

    set_script_prefix(prefix)
    try:
        for code in ("E06000016", "W06000001", "E0600 001", "x%y"):
            assert authority_path(code) == reverse("inspections:authority", args=[code])
    finally:
        set_script_prefix("/")


def test_authority_links_escape_as_format_html_would():
    from django.utils.html import format_html_join

    from inspections.models import Authority
    from inspections.templatetags.dashboard import authority_links

    authorities = [Authority(name="Brighton & Hove", ons_code="E06000043"), Authority(name='"<b>"', ons_code="x&y")]
    expected = format_html_join(", ", '<a class="govuk-link" href="{}">{}</a>',
                                ((reverse("inspections:authority", args=[a.ons_code]), a.name) for a in authorities))
    assert authority_links(authorities) == expected


@pytest.mark.parametrize("prefix", ["/", "/dashboard/"])
def test_a_path_filled_in_from_its_reversed_pattern_is_the_one_reverse_gives(prefix):
    from django.urls import set_script_prefix

    from inspections.templatetags.dashboard import path_to

    set_script_prefix(prefix)
    try:
        for name in ("inspections:inspection", "inspections:document", "improvement:review"):
            for pk in (1, 42, 9007199254740881, 10**20):
                assert path_to(name, pk) == reverse(name, args=[pk])
        assert path_to("improvement:journeys") == reverse("improvement:journeys")
    finally:
        set_script_prefix("/")


def test_links_written_in_python_escape_as_format_html_would():
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    from inspections.models import Document, Inspection
    from inspections.templatetags.dashboard import escaped, event_link, source

    assert escaped('<a href="x">&\'') == format_html("{}", '<a href="x">&\'')
    assert escaped(mark_safe("<b>")) == "<b>"
    document = Document(pk=7, title='Report & "letter" <b>')
    fact = types.SimpleNamespace(document_id=7, document=document, source_ref="para <3>")
    assert source(fact, {7}) == format_html('<span class="govuk-body-s app-source">Source: {}{}</span>', format_html(
        '<a class="govuk-link" href="{}">{}</a>', reverse("inspections:document", args=[7]), document.title),
        ", para <3>")
    assert source(fact, set()) == format_html('<span class="govuk-body-s app-source">Source: {}{}</span>',
                                              "a private document", ", para <3>")
    inspection = Inspection(pk=9, kind="standard", start_date=datetime.date(2024, 1, 8),
                            end_date=datetime.date(2024, 1, 19))
    assert event_link(inspection) == format_html('<a class="govuk-link" href="{}">{} of {}</a>', reverse(
        "inspections:inspection", args=[9]), inspection.get_kind_display(), "8 to 19 January 2024")
