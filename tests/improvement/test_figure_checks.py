"""Figure checks on the real record: Leicestershire's 2018 self-evaluation (seed 003) imported, its caseload claim
set beside the DfE's workforce statistics (data/dfe/csww_indicators_2017_to_2025.csv, read here to compare),
the tolerance an admin sets, confirmation into an assessment, withheld values, and privacy."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from improvement import figures
from improvement.models import Claim, ClaimAssessment, FigureCheck, FigureTolerance
from inspections.models import Authority, MeasureValue, Membership
from tests import factories as f
from tests.conftest import OFSTED, SHARED, seed_path

pytestmark = pytest.mark.django_db

CSWW = SHARED / "data" / "dfe" / "csww_indicators_2017_to_2025.csv"
LEICESTERSHIRE = "E10000018"


def csww(code, column):
    """{year: the figure as the CSV prints it} for one council, read from the DfE's file."""
    with CSWW.open(encoding="utf-8-sig") as rows:
        return {int(row["time_period"]): row[column] for row in csv.DictReader(rows)
                if row["new_la_code"] == code and row["geographic_level"] == "Local authority"}


@pytest.fixture
def record(db):
    """Authorities, the DfE statistics and the seed self-evaluation, imported as load_demo does."""
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("load_authorities", data_dir=OFSTED, **quiet)
    call_command("load_dfe_statistics", data_dir=SHARED / "data" / "dfe", **quiet)
    call_command("import_report", str(seed_path("003")), **quiet)
    return Authority.objects.get(ons_code=LEICESTERSHIRE)


def caseload_check():
    return FigureCheck.objects.for_display().get(claim__unit__icontains="cases per social worker",
                                                 claim__self_evaluation__authority__ons_code=LEICESTERSHIRE)


def test_saving_the_self_evaluation_proposes_the_caseload_link_with_the_official_figures(record):
    check = caseload_check()
    assert check.status == FigureCheck.Status.PROPOSED and check.measure.slug == "caseload_per_worker"
    assert list(check.periods) == [2017, 2018] and (check.low, check.high) == (17, 19)
    published = csww(LEICESTERSHIRE, "caseload_fte")
    official = {value.period: value for value in check.official_values.all()}
    assert {period: f"{value.value.normalize():f}" for period, value in official.items()} == \
        {period: published[period] for period in (2017, 2018)}
    assert all(value.document.filename == CSWW.name for value in official.values())
    # Every figure claim of the self-evaluation has a check; those without a measure say so.
    figure_claims = Claim.objects.filter(self_evaluation__authority=record, kind=Claim.Kind.FIGURE,
                                         figure__isnull=False)
    checks = FigureCheck.objects.filter(claim__in=figure_claims)
    assert checks.count() == figure_claims.count()
    assert all(c.reason.startswith("No official measure") for c in checks.filter(measure__isnull=True))


def test_the_verdict_follows_the_official_figures_and_the_tolerance_an_admin_sets(record, admin_client):
    published = csww(LEICESTERSHIRE, "caseload_fte")
    within_one = all(17 - 1 <= Decimal(published[year]) <= 19 + 1 for year in (2017, 2018))
    check = caseload_check()
    assert check.judged.verdict == ("borne_out" if within_one else "partly_borne_out")
    assert check.judged.tolerance.describe() == "±1 case per worker"

    tolerance = FigureTolerance.objects.get(unit="cases per worker")
    response = admin_client.post(f"/admin/improvement/figuretolerance/{tolerance.pk}/change/",
                                 {"unit": "cases per worker", "amount": "0", "kind": "absolute", "note": "exact"})
    assert response.status_code == 302
    inside = [year for year in (2017, 2018) if 17 <= Decimal(published[year]) <= 19]
    expected = "borne_out" if len(inside) == 2 else "partly_borne_out" if inside else "contradicted"
    check = caseload_check()
    assert check.judged.verdict == expected != ("borne_out" if within_one else None)
    assert check.judged.tolerance.describe() == "±0 cases per worker"


def test_confirming_records_the_verdict_as_an_assessment_and_proposals_keep_it(record):
    person = f.make_user("reviewer", is_staff=True)
    check = figures.confirm(caseload_check(), person, note="Checked against LAIT.")
    assessment = ClaimAssessment.objects.get(pk=check.assessment_id)
    assert assessment.verdict == check.judged.verdict and assessment.assessed_by == person
    assert assessment.measure_value.measure.slug == "caseload_per_worker"
    assert assessment.measure_value.authority == record and "Checked against LAIT." in assessment.note
    assert check.history.first().status == FigureCheck.Status.CONFIRMED  # kept with who and when
    # Proposing again (a second load_demo) never replaces a person's decision.
    assert figures.propose_for(record.self_evaluations.get())["kept"] >= 1
    assert caseload_check().status == FigureCheck.Status.CONFIRMED

    figures.reject(caseload_check(), person, note="Wrong measure.")
    assert not ClaimAssessment.objects.filter(pk=assessment.pk).exists()
    assert caseload_check().status == FigureCheck.Status.REJECTED


def test_a_withheld_official_figure_is_not_tested_never_zero(record):
    value = MeasureValue.objects.get(measure__slug="caseload_per_worker", period=2018, authority=record)
    MeasureValue.objects.filter(measure__slug="caseload_per_worker", period=2017, authority=record).update(
        value=None, symbol="c")
    MeasureValue.objects.filter(pk=value.pk).update(value=None, symbol="x")
    check = caseload_check()
    assert check.judged.verdict == "not_yet_tested"
    assert "withheld (c: " in check.judged.reason
    confirmed = figures.confirm(check, None)
    assert confirmed.assessment.verdict == "not_yet_tested" and confirmed.assessment.measure_value.symbol in "cx"


def test_proposing_twice_changes_nothing(record):
    before = list(FigureCheck.objects.values_list("pk", "measure", "first_period", "last_period", "reason"))
    counts = figures.propose_for(record.self_evaluations.get())
    assert counts["proposed"] == 0 and counts["unchanged"] == len(before)
    assert list(FigureCheck.objects.values_list("pk", "measure", "first_period", "last_period", "reason")) == before


def test_a_leeds_user_never_sees_leicestershires_checks(record, client):
    leeds = Authority.objects.get(ons_code="E08000035")
    user = f.make_user("leeds-manager")
    Membership.objects.create(user=user, authority=leeds, role=Membership.Role.AUTHORITY)
    assert not FigureCheck.objects.visible_to(user).exists()
    client.force_login(user)
    for url in ("/claims/", "/claims/?_export=csv", f"/journeys/?authority={LEICESTERSHIRE}"):
        body = client.get(url).content.decode("utf-8-sig")
        assert "cases per social worker" not in body and "data-figure-check" not in body
    staff = f.make_user("adviser", is_staff=True)
    client.force_login(staff)
    assert "data-figure-check" in client.get("/claims/?authority=" + LEICESTERSHIRE).content.decode()


def test_load_demo_confirms_leicestershires_caseload_link_from_the_curation(national_record):
    check = FigureCheck.objects.for_display().get(claim__self_evaluation__authority__ons_code=LEICESTERSHIRE,
                                                  measure__slug="caseload_per_worker")
    assert check.status == FigureCheck.Status.CONFIRMED and list(check.periods) == [2017, 2018]
    published = csww(LEICESTERSHIRE, "caseload_fte")
    assert check.assessment.verdict == check.judged.verdict
    assert f"{check.assessment.measure_value.value.normalize():f}" == published[check.assessment.measure_value.period]
    # Every figure claim of the self-evaluation has a check, each linked to a measure or saying why not.
    figure_claims = Claim.objects.filter(self_evaluation=check.claim.self_evaluation, kind=Claim.Kind.FIGURE,
                                         figure__isnull=False).exclude(status=Claim.Status.REJECTED)
    assert not figure_claims.filter(figure_check__isnull=True).exists()
