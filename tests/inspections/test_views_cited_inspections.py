"""Inspections known only from a later report's citation, as the pages show them: their own framework and grade
words, dated to the month or the year the citation gives, never to a day it does not."""

import io

import pytest
from django.core.management import call_command

from inspections.models import Authority, Inspection
from tests.conftest import OFSTED
from tests.inspections.dashboard_world import signed_in, staff  # noqa: F401
from tests.national import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def derbyshire():
    """derbyshire-2014-02-11.pdf, page 8: "The previous inspection of Derbyshire's safeguarding arrangements was
    in May 2011. The Local Authority was judged to be good." (and the same of its looked after children)."""
    call_command("load_authorities", data_dir=OFSTED, stdout=io.StringIO())
    call_command("import_report", str(REPORTS / "derbyshire-2014-02-11.pdf"), stdout=io.StringIO())
    return Authority.objects.get(name="Derbyshire")


def cited(authority):
    return Inspection.objects.get(authority=authority, known_from__isnull=False)


def test_the_inspection_page_names_its_framework_and_month(client, derbyshire, staff):
    inspection = cited(derbyshire)
    html = signed_in(client, staff).get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Full inspection, May 2011</h1>" in html
    assert "1 May 2011" not in html
    assert "Safeguarding and looked after children (2009-12)" in html
    assert "Single inspection framework" not in html.split("<h1")[1].split("</dl>")[0]


def test_the_timeline_hover_and_table_give_the_month_not_a_day(client, derbyshire, staff):
    response = signed_in(client, staff).get(f"/authorities/{derbyshire.ons_code}/")
    timeline = response.context["timeline"]
    cited_points = [point for trace in timeline.figure["data"] if "customdata" in trace
                    for point in trace["customdata"] if "known from a later document" in str(point)]
    assert cited_points and {point[4] for point in cited_points} == {"May 2011"}
    strands = [trace for trace in timeline.figure["data"] if trace.get("mode") == "lines+markers"]
    assert strands and all("%{x|" not in trace["hovertemplate"] for trace in strands)
    rows = [row for row in timeline.rows if row[-1] == "Known from a later document"]
    assert {row[0] for row in rows} == {"May 2011"}
    assert {row[3] for row in rows} == {"Good"}


def test_an_inspection_cited_by_its_year_only_is_shown_as_that_year(client, derbyshire, staff):
    inspection = cited(derbyshire)
    inspection.date_precision = Inspection.Precision.YEAR
    inspection.start_date = inspection.start_date.replace(month=1)
    inspection.save()
    html = signed_in(client, staff).get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Full inspection, 2011</h1>" in html and "January 2011" not in html
