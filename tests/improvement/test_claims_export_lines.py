"""The claims CSV writes its lines itself (improvement.claims_export.lines): they must be, byte for byte, what the
csv module writes of the neutralised rows the XLSX gets, on rows made to trip a hand-written CSV: commas, quotes,
line breaks, formula starts, empty and missing cells, negative figures, context, every kind of evidence."""

import csv
import io
from decimal import Decimal

import pytest

from improvement import figures
from improvement.models import Claim, ClaimAssessment
from improvement.tables import ClaimExport
from inspections.exports.safety import csv_cell, safe_rows
from tests import factories as f
from tests.improvement.journey_world import staff, world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

TRICKY = ['Caseloads fell, to 17', 'A "quoted" word', "Two\nlines", "carriage\rreturn", "=1+1", "-2.5", "+44",
          "@SUM(A1)", "\t=1", "-3 cases", "", " leading space", "ümlaut £2.5 million", '",\n"', "'already quoted"]


def written_by_the_csv_module(rows):
    stream = io.StringIO()
    csv.writer(stream).writerows(safe_rows(rows))
    return stream.getvalue()


@pytest.mark.parametrize("row", [[a, b] for a in TRICKY for b in TRICKY[:4]] + [
    [None, "x"], ["x", None, None], [3, 2.5, Decimal("-1.50"), -3, True], [Decimal("12.00"), "a,b"],
])
def test_a_cell_is_written_as_the_csv_module_writes_it_in_its_row(row):
    assert ",".join(csv_cell(cell) for cell in row) + "\r\n" == written_by_the_csv_module([row])


@pytest.fixture
def tricky(world):  # noqa: F811
    """The county's name, title and claims written to trip a CSV, with evidence of every kind."""
    county = world.county
    county.name = 'Leicestershire, "the county"'
    county.save()
    world.self_evaluation.title = "=Self-evaluation,\n2018"
    world.self_evaluation.save()
    inspection = world.county_2019
    finding = f.make_finding(inspection, text='Workers said "caseloads, at last,\nfell"', source_ref="=paragraph 3")
    area = f.make_area_for_improvement(inspection, text="-Plans are late", source_ref="")
    for n, text in enumerate(TRICKY):
        claim = f.make_claim(world.self_evaluation, statement=text, source_ref=TRICKY[-n - 1], position=10 + n,
                             kind=[Claim.Kind.QUALITY, Claim.Kind.CONTEXT, Claim.Kind.PLAN][n % 3],
                             theme=f.theme("caseloads") if n % 2 else None, strand="leadership" if n % 4 else "none")
        if n % 3 == 0:
            f.make_assessment(claim, verdict=ClaimAssessment.Verdict.BORNE_OUT, finding=finding,
                              status=ClaimAssessment.Status.PROPOSED)
        if n % 5 == 1:
            f.make_assessment(claim, verdict=ClaimAssessment.Verdict.CONTRADICTED, area_for_improvement=area,
                              status=ClaimAssessment.Status.CHANGED)
    caseloads = f.make_measure(slug="caseload_per_worker", name="Average caseload, per worker", unit="cases per worker",
                               publication='Workforce "CSWW"', source_file="csww.csv")
    f.make_measure_value(caseloads, county, period=2017, value=Decimal("16.6"), source_row=1367)
    f.make_measure_value(caseloads, county, period=2018, value=None, symbol="c", source_row=1204)
    for n, figure in enumerate(["-3", "17", "1780.50"]):
        f.make_claim(world.self_evaluation, statement=f"Caseloads ranged from {figure} to 19 since January 2017.",
                     kind=Claim.Kind.FIGURE, figure=Decimal(figure), unit="cases per social worker",
                     period_text="since January 2017", position=40 + n)
    figures.propose_for(world.self_evaluation)
    return world


@pytest.mark.parametrize("sort", [None, "statement", "-verdict", "kind", "figure", "-authority"])
def test_the_csv_is_what_the_csv_module_writes_of_the_xlsx_rows(client, tricky, staff, sort):  # noqa: F811
    client.force_login(staff)
    query = {"_export": "csv", **({"sort": sort} if sort else {})}
    response = client.get("/claims/", query)
    table = _table(staff, sort)
    expected = ClaimExport.BOM + written_by_the_csv_module(table.as_values())
    assert response.content.decode("utf-8") == expected
    rows = list(csv.reader(io.StringIO(expected[1:])))
    statements = {row[2] for row in rows}
    assert {"'=1+1", "-2.5", "'@SUM(A1)", "Two\nlines", 'A "quoted" word'} <= statements
    assert any("The council said" in row[-1] for row in rows) and any(row[3] == "Context (not a claim)" for row in rows)
    assert any(row[10].startswith("Standard inspection 2019-09-23: Workers said") for row in rows)


def _table(user, sort):
    """The table the view exports (its data filtered and sorted as the address says)."""
    from django.test import RequestFactory
    from django_tables2 import RequestConfig

    from improvement import calibration
    from improvement.tables import ClaimTable

    request = RequestFactory().get("/claims/", {"sort": sort} if sort else {})
    request.user = user
    table = ClaimTable(calibration.tracked_claims(user))
    RequestConfig(request, paginate=False).configure(table)
    return table
