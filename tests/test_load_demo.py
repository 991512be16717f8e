"""load_demo on the real shared data: the continuous record of the three featured authorities."""

import csv
import gzip
import io
import re
from pathlib import Path

import brotli
import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from improvement.models import Claim, ClaimAssessment, SelfEvaluation
from inspections.models import Authority, Document, Inspection, Judgement


@pytest.fixture
def demo(national_record, db):
    """The record load_demo built for the session, and what a second run (rolled back with the test) prints."""
    second = io.StringIO()
    call_command("load_demo", stdout=second, stderr=second)
    return national_record.output, second.getvalue()


def events(ons_code):
    """(year, kind) of every event on an authority's record, in date order."""
    return [(i.start_date.year, i.kind) for i in Inspection.objects.filter(authority__ons_code=ons_code).order_by("start_date")]


def test_a_second_run_changes_nothing_and_says_so(demo, db):
    first, second = demo
    imported = re.search(r"Documents: (\d+) imported, (\d+) enriched an existing record, 0 already present, 0 failed", first)
    assert imported, first[-2000:]
    total = int(imported[1]) + int(imported[2])
    assert total >= 27 + 450  # the seeds, the 22 PDFs and the national corpus (copies of one file count once)
    assert f"Documents: 0 imported, 0 enriched an existing record, {total} already present, 0 failed" in second
    assert "Nothing changed" in second


def test_every_current_authority_is_loaded(demo, db):
    assert Authority.objects.current().count() == 153
    assert Document.objects.filter(kind="statistics").count() >= 1


def test_leicester_city_has_a_continuous_record(demo, db):
    record = events("E06000016")
    for expected in [(2011, "full"), (2015, "full"), (2017, "monitoring_visit"), (2017, "full"),
                     (2019, "focused_visit"), (2021, "standard"), (2022, "focused_visit"), (2024, "short")]:
        assert expected in record
    visit = Inspection.objects.get(authority__ons_code="E06000016", kind="monitoring_visit", start_date__year=2017)
    assert visit.follows.start_date.year == 2015 and visit.follows.overall_grade().grade == "Inadequate"
    assert visit.findings.count() == 14 and "steady progress" in visit.verdict
    assert Judgement.objects.filter(inspection__authority__ons_code="E06000016", inspection__start_date__year=2011).count() == 22


def test_leicestershire_has_a_continuous_record_with_its_self_evaluation(demo, db):
    record = events("E10000018")
    for expected in [(2016, "full"), (2018, "focused_visit"), (2019, "standard"), (2022, "focused_visit"),
                     (2023, "focused_visit"), (2024, "standard")]:
        assert expected in record
    self_evaluation = SelfEvaluation.objects.get(authority__ons_code="E10000018")
    assert self_evaluation.published.year == 2018 and self_evaluation.document.is_private
    assert Claim.objects.filter(self_evaluation=self_evaluation, status="confirmed").count() >= 15
    icpc = ClaimAssessment.objects.filter(claim__self_evaluation=self_evaluation, verdict="contradicted",
                                          area_for_improvement__text__icontains="conference")
    assert icpc.exists()
    # The importer saved each proposal's kind; the curation kept its claims claims.
    claims = Claim.objects.filter(self_evaluation=self_evaluation)
    assert claims.get(statement__startswith="There are currently 453 children").kind == Claim.Kind.CONTEXT
    assert claims.filter(kind=Claim.Kind.PLAN, status="proposed").count() >= 10
    assert not claims.filter(status="confirmed", kind=Claim.Kind.CONTEXT).exists()


def test_leeds_2009_grades_are_known_from_the_2011_follow_up(demo, db):
    record = events("E08000035")
    for expected in [(2009, "full"), (2011, "follow_up"), (2015, "full"), (2018, "focused_visit"),
                     (2018, "short"), (2021, "focused_visit"), (2022, "standard")]:
        assert expected in record, expected
    assert any(year == 2025 and kind in ("standard", "short") for year, kind in record)  # after the statistics
    cited = Inspection.objects.get(authority__ons_code="E08000035", start_date__year=2009)
    assert cited.known_from.inspections.filter(kind="follow_up", start_date__year=2011).exists()
    assert cited.date_precision == "month"


def test_a_report_of_an_inspection_in_the_statistics_enriches_it(demo, db):
    inspection = Inspection.objects.get(authority__ons_code="E10000018", start_date__year=2024)
    kinds = sorted(inspection.documents.values_list("kind", flat=True))
    assert kinds == ["report", "report", "statistics"]  # the seed text, the PDF, the outcomes workbook
    assert inspection.judgements.count() == 5
    assert inspection.areas_for_improvement.count() == 2


def test_export_journeys_has_the_featured_facts(demo, db):
    out = io.StringIO()
    call_command("export_journeys", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len({row["ons_code"] for row in rows}) >= 153
    leicester_2011 = [r for r in rows if r["ons_code"] == "E06000016" and r["start_date"].startswith("2011")]
    assert len(leicester_2011) == 22
    assert any(r["kind"] == "monitoring_visit" and r["start_date"] == "2017-04-26" for r in rows)
    assert any(r["ons_code"] == "E06000016" and r["start_date"].startswith("2015") and r["grade"] == "Inadequate"
               and r["strand"] == "overall" for r in rows)
    leeds_2009 = [r for r in rows if r["ons_code"] == "E08000035" and r["start_date"].startswith("2009")]
    assert leeds_2009 and all(r["known_from"] for r in leeds_2009)
    leicestershire = {(r["start_date"][:4], r["strand"]): r["grade"] for r in rows if r["ons_code"] == "E10000018"}
    assert leicestershire[("2019", "overall")] == "Requires improvement to be good"
    assert leicestershire[("2024", "overall")] == "Outstanding"


def test_every_seed_grade_agrees_with_a_line_of_the_seed_text(demo, db):
    judgements = Judgement.objects.filter(document__filename__regex=r"^00[0-4]_").select_related("document")
    assert judgements.count() >= 22 + 9 + 5
    for judgement in judgements:
        lines = judgement.document.text.lower().splitlines()
        assert any(judgement.area.lower() in line and judgement.grade.lower() in line for line in lines), judgement


TIMESCALE_HEADINGS = {"immediately": "immediately", "within three months": "within_three_months",
                      "within six months": "within_six_months"}


def test_every_seed_timescale_agrees_with_the_heading_above_it_in_the_seed_text(demo, db):
    from inspections.models import AreaForImprovement

    areas = AreaForImprovement.objects.filter(document__filename__regex=r"^00[01]_").select_related("document")
    assert areas.count() == 17 + 8
    for area in areas:
        text = " ".join(area.document.text.lower().split())
        at = text.find(" ".join(area.text.lower().split()[:6]))
        assert at > 0, area
        headings = [(text.rfind(heading, 0, at), value) for heading, value in TIMESCALE_HEADINGS.items()]
        assert max(headings)[1] == area.timescale, area


ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+href)="/static/([^"?]+)"')


@pytest.mark.parametrize("url", ["/journeys/?authority=E10000018", "/authorities/E06000016/", "/claims/"])
def test_a_chart_page_stays_within_600_kb_on_the_wire(demo, db, client, django_user_model, url):
    client.force_login(django_user_model.objects.create_user("weigher", is_staff=True))
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assets = set(ASSET.findall(html))
    assert any(name.startswith("vendor/plotly") for name in assets)
    weight = len(response.content) + sum(
        len(brotli.compress(Path(finders.find(name)).read_bytes(), quality=11)) for name in assets
    )
    assert weight < 600 * 1024, f"{url}: {weight / 1024:.0f} KB"


def test_an_inspection_page_lists_the_earlier_inspection_its_report_cites(demo, db, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", is_staff=True))
    reinspection = Inspection.objects.get(authority__ons_code="E06000016", kind="full", start_date__year=2017)
    earlier = Inspection.objects.get(authority__ons_code="E06000016", kind="full", start_date__year=2015)
    assert earlier.known_from is None  # matched to the 2015 report, not known only from the citation
    response = client.get(f"/inspections/{reinspection.pk}/")
    assert list(response.context["cited"]) == [earlier]


def test_the_demo_logins_are_created_and_create_admin_gives_them_passwords(demo, db):
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    from inspections.models import Membership

    manager = Membership.objects.get(user__username="leicestershire.manager")
    assert manager.authority.ons_code == "E10000018" and not manager.user.has_usable_password()
    out = io.StringIO()
    call_command("create_admin", "--demo", stdout=out)
    logins = dict(re.findall(r"(?:Admin|Demo) login[^:]*: (\S+) / (\S+)", out.getvalue()))
    assert set(logins) == {"admin", "leicestershire.manager", "leeds.manager", "staff.analyst", "east-midlands.adviser"}
    assert all(len(password) >= 12 for password in logins.values())
    sign_in = RequestFactory().post("/accounts/login/")  # the throttling backend (django-axes) needs the request
    assert authenticate(sign_in, username="leeds.manager", password=logins["leeds.manager"]).is_staff is False
    assert authenticate(sign_in, username="staff.analyst", password=logins["staff.analyst"]).is_staff is True
