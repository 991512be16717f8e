"""/claims/: each self-evaluation named once, figures as people write them, CSV for Excel, XLSX, bad formats."""

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.template import engines

from improvement.models import Claim
from improvement.templatetags.claim_figures import written_figure
from inspections.models import Authority
from tests.improvement.journey_world import (  # noqa: F401
    county_user,
    fast_password_hashing,
    grow,
    leeds_user,
    member,
    staff,
    world,
)

pytestmark = pytest.mark.django_db

CLAIMS = "/claims/"


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def table_html(response):
    return response.content.decode().split('id="claims"')[1]


@pytest.mark.parametrize(("figure", "unit", "written"), [
    ("2.50", "£ million additional funding", "£2.5 million additional funding"),
    ("120000", "£", "£120,000"),
    ("97.00", "% of conferences on time", "97% of conferences on time"),
    ("17", "cases", "17 cases"),
    ("1780", "children in need", "1,780 children in need"),
    ("40", "", "40"),
    ("17", "average cases per social worker (17 to 19)", "17 to 19 average cases per social worker"),
    ("17", "average number of cases per social worker (range to 19)", "17 to 19 average number of cases per social worker"),
    ("7.6", "% placement stability measure (top quartile nationally)", "7.6% placement stability measure (top quartile nationally)"),
])
def test_a_figure_is_written_as_people_write_it(figure, unit, written):
    assert written_figure(Decimal(figure), unit) == written


def test_the_figure_filter_writes_a_claims_figure(world):
    claim = Claim.objects.get(statement="Conferences are nearly always held on time.")
    rendered = engines["django"].from_string("{% load claim_figures %}{{ claim|figure }}").render({"claim": claim})
    assert rendered == written_figure(claim.figure, claim.unit) and rendered.startswith("97%")


def test_each_self_evaluation_is_named_once_as_the_heading_of_its_claims(client, world, staff):
    html = table_html(get(client, staff, CLAIMS))
    headings = re.findall(r'<th scope="colgroup"[^>]*>(.*?)</th>', html)
    assert len(headings) == 2 and any("County self-evaluation 2018" in h for h in headings)
    assert html.count("County self-evaluation 2018") == 1  # in its heading, on no row
    assert ">Self-evaluation<" not in html  # no column of it


def test_the_csv_still_names_the_self_evaluation_on_every_row(client, world, staff):
    response = get(client, staff, f"{CLAIMS}?_export=csv&authority=E10000018")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and {row["Self-evaluation"] for row in rows} == {"County self-evaluation 2018 (2018-02-01)"}


def test_the_xlsx_holds_the_rows_of_the_csv(client, world, staff):
    client.force_login(staff)
    as_csv = client.get(f"{CLAIMS}?_export=csv&authority=E10000018")
    as_xlsx = client.get(f"{CLAIMS}?_export=xlsx&authority=E10000018")
    assert as_xlsx.status_code == 200 and "spreadsheetml" in as_xlsx["Content-Type"]
    assert 'filename="claims.xlsx"' in as_xlsx["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).active
    cells = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert "Claims and how later evidence tested them" not in str(cells)


def test_the_page_offers_both_downloads(client, world, staff):
    html = get(client, staff, CLAIMS).content.decode()
    assert "_export=csv" in html and "_export=xlsx" in html


@pytest.mark.parametrize("asked, said", [("pdf", "csv or xlsx"), ("json", "csv or xlsx"), ("", "csv or xlsx"),
                                         ("csv%00", "NUL byte")])  # a NUL is refused before the view
def test_an_export_format_not_offered_is_a_bad_request(client, world, staff, django_assert_max_num_queries, asked, said):
    client.force_login(staff)
    with django_assert_max_num_queries(2):  # the session and the user: nothing is read for a bad link
        response = client.get(f"{CLAIMS}?_export={asked}")
    assert response.status_code == 400 and said in response.content.decode()


def test_the_xlsx_query_count_does_not_grow_with_the_claims(client, world, staff, django_assert_num_queries):
    client.force_login(staff)
    # session, user, two counts (page, export), claims, their self-evaluations, assessments, figure checks
    with django_assert_num_queries(8):
        client.get(f"{CLAIMS}?_export=xlsx")
    grow(6)
    with django_assert_num_queries(8):
        client.get(f"{CLAIMS}?_export=xlsx")


def test_a_leeds_manager_sees_only_leeds_heading(client, world, leeds_user):
    html = table_html(get(client, leeds_user, CLAIMS))
    headings = re.findall(r'<th scope="colgroup"[^>]*>(.*?)</th>', html)
    assert len(headings) == 1 and headings[0].startswith("Leeds") and "Leicestershire" not in html


class TestTheRealRecord:
    @pytest.fixture
    def demo(self, national_record):
        return national_record

    def test_leicestershires_claims_are_under_one_heading_with_figures_written_out(self, demo, client, db):
        county = Authority.objects.get(ons_code="E10000018")
        response = get(client, member("county-claims", county), f"{CLAIMS}?authority=E10000018")
        html = table_html(response)
        assert len(re.findall(r'<th scope="colgroup"', html)) == 1
        figures = [written_figure(c.figure, c.unit) for c in Claim.objects.filter(self_evaluation__authority=county)]
        money = [text for text in figures if text.startswith("£")]
        assert money and all(re.match(r"£[\d.,]+ million", text) for text in money)
        assert not any(re.search(r"\d %", text) for text in figures)
