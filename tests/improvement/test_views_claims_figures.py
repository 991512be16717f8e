"""Figure checks on the pages: the claims tracker row, its CSV, the journey's claim item; query counts flat
however many checks a page shows; another council's users never see them."""

import csv
import io
import re
from decimal import Decimal

import pytest

from improvement import figures
from improvement.models import Claim, FigureCheck
from tests import factories as f
from tests.improvement.journey_world import (  # noqa: F401
    county_user,
    fast_password_hashing,
    leeds_user,
    staff,
    world,
)

pytestmark = pytest.mark.django_db

CLAIMS = "/claims/"


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def caseloads(world):
    """The county's workforce caseloads for 2017 and 2018, and its claim of 17 to 19 cases since January 2017."""
    measure = f.make_measure(slug="caseload_per_worker", name="Average caseload per social worker",
                             unit="cases per worker", publication="Children's social work workforce",
                             source_file="csww.csv")
    for period, value, row in ((2017, "16.6", 1367), (2018, "17.4", 1204)):
        f.make_measure_value(measure, world.county, period=period, value=Decimal(value), source_row=row)
    claim = f.make_claim(world.self_evaluation, statement="Caseloads have ranged from 17 to 19 since January 2017.",
                         kind=Claim.Kind.FIGURE, figure=17, unit="cases per social worker",
                         period_text="since January 2017", position=5)
    figures.propose_for(world.self_evaluation)
    return claim


def more_figure_claims(self_evaluation, count):
    for n in range(count):
        f.make_claim(self_evaluation, statement=f"Caseloads are {14 + n} per worker.", kind=Claim.Kind.FIGURE,
                     figure=14 + n, unit="cases per worker", position=10 + n)
    figures.propose_for(self_evaluation)


def test_the_tracker_row_sets_the_councils_figure_beside_the_official_one(client, caseloads, county_user):
    client.force_login(county_user)
    page = text_of(client.get(f"{CLAIMS}?kind=figure").content.decode())
    assert "The council said 17 to 19 cases per social worker (since January 2017)" in page
    assert "Year ending 31 March 2017: 16.6 (within 16 to 20) (row 1367)" in page
    assert "Average caseload per social worker" in page and "csww.csv" in page
    assert "Tolerance ±1 case per worker" in page and "Borne out" in page
    assert "Proposed, not yet confirmed" in page


def test_the_csv_carries_the_check_in_one_column(client, caseloads, county_user):
    client.force_login(county_user)
    response = client.get(f"{CLAIMS}?_export=csv&kind=figure")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["Claim"] == caseloads.statement)
    assert row["Figure"] == "17 to 19 cases per social worker"
    assert row["Official figure"].startswith("The council said 17 to 19 cases per social worker; official figures")
    assert "2017: 16.6 (row 1367); 2018: 17.4 (row 1204)" in row["Official figure"]
    assert "tolerance ±1 case per worker; Borne out" in row["Official figure"]


def test_a_confirmed_check_gives_the_claim_its_verdict_on_the_tracker(client, caseloads, county_user, staff):
    figures.confirm(caseloads.figure_check, staff)
    client.force_login(county_user)
    response = client.get(f"{CLAIMS}?kind=figure&verdict=borne_out")
    assert caseloads.statement in [claim.statement for claim in response.context["table"].data]
    assert "Link confirmed by adviser" in text_of(response.content.decode())


def test_the_tracker_reads_figure_checks_in_two_queries_however_many(client, caseloads, staff,
                                                                      django_assert_num_queries):
    client.force_login(staff)
    with django_assert_num_queries(10):  # the page's 8, then the page's checks and their official values
        client.get(f"{CLAIMS}?kind=figure")
    more_figure_claims(caseloads.self_evaluation, 6)
    assert FigureCheck.objects.count() >= 7
    with django_assert_num_queries(10):
        response = client.get(f"{CLAIMS}?kind=figure")
    assert response.content.decode().count("data-figure-check") >= 7


def test_the_csv_reads_figure_checks_in_two_queries_however_many(client, caseloads, staff, django_assert_num_queries):
    client.force_login(staff)
    # session, user, two counts, claims, self-evaluations, assessments, figure checks, their official values
    with django_assert_num_queries(9):
        client.get(f"{CLAIMS}?_export=csv&kind=figure")
    more_figure_claims(caseloads.self_evaluation, 6)
    with django_assert_num_queries(9):
        client.get(f"{CLAIMS}?_export=csv&kind=figure")


def test_the_journey_shows_the_check_in_the_claims_item(client, caseloads, county_user):
    client.force_login(county_user)
    response = client.get(f"/journeys/?authority={caseloads.self_evaluation.authority.ons_code}"
                          f"&start={caseloads.self_evaluation.document_id}")
    page = text_of(response.content.decode())
    assert "The council said 17 to 19 cases per social worker" in page and "Tolerance ±1 case per worker" in page


def test_a_confirmed_checks_verdict_in_the_journey_points_to_the_official_figures(client, caseloads, county_user,
                                                                                  staff):
    figures.confirm(caseloads.figure_check, staff)
    client.force_login(county_user)
    response = client.get(f"/journeys/?authority={caseloads.self_evaluation.authority.ons_code}"
                          f"&start={caseloads.self_evaluation.document_id}")
    assert "Borne out by the official figures below" in text_of(response.content.decode())


def test_another_councils_user_sees_no_check(client, caseloads, leeds_user):
    client.force_login(leeds_user)
    for url in (f"{CLAIMS}?kind=figure", f"{CLAIMS}?_export=csv", "/journeys/?authority=E10000018"):
        body = client.get(url).content.decode("utf-8-sig")
        assert "data-figure-check" not in body and "The council said" not in body
