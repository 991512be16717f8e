"""/claims/: the claims tracker, its calibration per council and its CSV."""

import csv
import datetime
import io

import pytest

from tests import factories as f
from tests.improvement.journey_world import (  # noqa: F401
    county_user,
    fast_password_hashing,
    grow,
    leeds_user,
    outsider,
    regional_user,
    staff,
    world,
)

pytestmark = pytest.mark.django_db

CLAIMS = "/claims/"
COUNTY_CLAIMS = ["Conferences are nearly always held on time.", "Average caseloads have fallen.", "Families are heard.",
                 "A heading, not a claim."]
LEEDS_CLAIM = "Leeds listens to children."


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def statements(response):
    return [claim.statement for claim in response.context["table"].data]


def export(client, user, query=""):
    response = get(client, user, f"{CLAIMS}?_export=csv{query}")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8's byte order mark, for Excel
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_asks_for_a_sign_in(client, world):
    assert client.get(CLAIMS).url.startswith("/accounts/login/")


def test_each_user_sees_only_the_claims_of_their_own_councils(client, world, staff, county_user, leeds_user,
                                                               regional_user, outsider):
    assert statements(get(client, county_user, CLAIMS)) == COUNTY_CLAIMS
    assert statements(get(client, regional_user, CLAIMS)) == COUNTY_CLAIMS  # Leeds is in another region
    assert statements(get(client, leeds_user, CLAIMS)) == [LEEDS_CLAIM]
    assert statements(get(client, outsider, CLAIMS)) == []
    assert sorted(statements(get(client, staff, CLAIMS))) == sorted(COUNTY_CLAIMS + [LEEDS_CLAIM])


def test_a_row_shows_figure_theme_strand_status_verdict_and_the_evidence_that_tested_it(client, world, county_user):
    html = get(client, county_user, CLAIMS).content.decode()
    row = html.split("Conferences are nearly always held on time.")[1].split("</tr>")[0]
    assert "97% of initial conferences within 15 working days" in row
    assert "Initial child protection conference timeliness" in row and "Help and protection" in row
    assert "Confirmed by a person" in row
    assert '<strong class="govuk-tag app-verdict app-verdict--contradicted">Contradicted</strong>' in row
    assert f'<a class="govuk-link" href="/inspections/{world.county_2024.pk}/">Standard inspection, April 2024</a>' in row
    assert "The timeliness of initial conferences. (what needs to improve, 1)" in row


def test_it_filters_by_council_theme_and_verdict(client, world, staff):
    assert statements(get(client, staff, f"{CLAIMS}?authority=E08000035")) == [LEEDS_CLAIM]
    assert statements(get(client, staff, f"{CLAIMS}?theme=caseloads")) == ["Average caseloads have fallen."]
    assert statements(get(client, staff, f"{CLAIMS}?verdict=contradicted")) == [COUNTY_CLAIMS[0]]
    # Never assessed counts as not yet tested, as does an assessment saying so.
    assert sorted(statements(get(client, staff, f"{CLAIMS}?verdict=not_yet_tested"))) == sorted(
        [COUNTY_CLAIMS[2], COUNTY_CLAIMS[3], LEEDS_CLAIM])


def test_the_latest_assessment_gives_the_verdict(client, world, staff):
    f.make_assessment(world.claims["icpc"], verdict="partly_borne_out", assessed_on=datetime.date(2025, 1, 10),
                      judgement=world.county_2024.judgements.get(strand="help_and_protection"))
    assert statements(get(client, staff, f"{CLAIMS}?verdict=contradicted")) == []
    assert statements(get(client, staff, f"{CLAIMS}?verdict=partly_borne_out")) == [COUNTY_CLAIMS[0]]


def test_the_council_filter_offers_only_councils_whose_claims_the_user_may_see(client, world, leeds_user):
    response = get(client, leeds_user, f"{CLAIMS}?authority=E10000018")
    assert statements(response) == []
    html = response.content.decode()
    assert '<option value="E08000035">Leeds</option>' in html
    assert "E10000018" not in html.split('id="id_authority"')[1].split("</select>")[0]


def test_calibration_counts_each_councils_claims_by_latest_verdict(client, world, staff):
    chart = get(client, staff, CLAIMS).context["calibration"]
    assert chart.rows == [
        ["Leeds", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)", "1 (100.0%)", 1],
        # The rejected heading is not a claim.
        ["Leicestershire", "1 (33.3%)", "0 (0.0%)", "1 (33.3%)", "1 (33.3%)", 3],
    ]
    bars = {trace["name"]: trace["x"] for trace in chart.figure["data"]}
    assert bars["Contradicted"] == [0, 33.3] and bars["Not yet tested"] == [100.0, 33.3]


def test_calibration_follows_the_council_and_theme_filters_but_not_the_verdict(client, world, staff):
    assert [row[0] for row in get(client, staff, f"{CLAIMS}?authority=E10000018").context["calibration"].rows] == [
        "Leicestershire"]
    rows = get(client, staff, f"{CLAIMS}?verdict=contradicted").context["calibration"].rows
    assert [row[-1] for row in rows] == [1, 3]


def test_calibration_never_counts_another_councils_claims(client, world, leeds_user):
    chart = get(client, leeds_user, CLAIMS).context["calibration"]
    assert [row[0] for row in chart.rows] == ["Leeds"]
    assert "Leicestershire" not in str(chart.figure)


def test_the_csv_holds_exactly_the_filtered_rows(client, world, staff):
    rows = export(client, staff, "&authority=E10000018&verdict=borne_out")
    assert [(row["Council"], row["Claim"], row["Verdict"]) for row in rows] == [
        ("Leicestershire", "Average caseloads have fallen.", "Borne out")]
    assert rows[0]["Evidence that tested it"] == "Standard inspection 2019-09-23: Impact of leaders: Good " \
                                                 "(judgement table, row 2)"
    assert rows[0]["Self-evaluation"] == "County self-evaluation 2018 (2018-02-01)"
    assert len(export(client, staff)) == 5


def test_the_csv_of_a_user_of_another_council_holds_only_their_claims(client, world, leeds_user):
    rows = export(client, leeds_user)
    assert [row["Claim"] for row in rows] == [LEEDS_CLAIM]
    assert export(client, leeds_user, "&authority=E10000018") == []


def test_its_query_count_does_not_grow_with_the_claims(client, world, staff, django_assert_num_queries):
    # session, user, the council filter's choices, themes, count, claims, assessments, calibration
    client.force_login(staff)
    with django_assert_num_queries(8):
        client.get(CLAIMS)
    grow(8)
    with django_assert_num_queries(8):
        response = client.get(CLAIMS)
    assert len(response.context["calibration"].rows) == 10
    # session, user, the theme, two counts (page, export), claims, their self-evaluations, assessments, figure checks
    with django_assert_num_queries(9):
        client.get(f"{CLAIMS}?_export=csv&theme=caseloads")
