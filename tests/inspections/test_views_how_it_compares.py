"""The authority page's "How it compares": the DfE's figures for a council beside its neighbours (those in force
each year), its region and England, labelled as context, with a table, a rank and quartile in words, and a CSV."""

import csv
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import escape

from inspections.compare import CAUTION, how_it_compares
from inspections.models import Authority, MeasureValue, StatisticalNeighbour
from tests import factories as f
from tests.conftest import OFSTED, SHARED
from tests.inspections.dashboard_world import signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db

LEICESTER = "/authorities/E06000016/"
EAST_MIDLANDS = "E12000004"


def council_figure(measure, authority, period, value=None, symbol=""):
    return f.make_measure_value(measure, authority, period=period, value=value, symbol=symbol,
                                region_code=EAST_MIDLANDS, region_name="East Midlands")


def area_figure(measure, level, code, name, period, value):
    return f.make_measure_value(measure, None, level=level, code=code, name=name, period=period, value=value)


@pytest.fixture
def figures(world):
    """Re-referrals for Leicester and its neighbours: Leicestershire and Leeds in the 2021 groupings (the world's),
    Leeds alone in the 2025 model; Leeds's 2025 figure withheld."""
    measure = f.make_measure(slug="re_referrals_percent", name="Re-referrals within 12 months", unit="%",
                             polarity="lower_is_better", polarity_reason="A second referral suggests an unmet need")
    f.make_neighbour(world.leicester, world.leeds, model="2025")
    for period, leicester, leicestershire, leeds in ((2024, "20", "30", "10"), (2025, "25", "40", None)):
        council_figure(measure, world.leicester, period, Decimal(leicester))
        council_figure(measure, world.leicestershire, period, Decimal(leicestershire))
        council_figure(measure, world.leeds, period, Decimal(leeds) if leeds else None, "" if leeds else "c")
        area_figure(measure, MeasureValue.Level.REGION, EAST_MIDLANDS, "East Midlands", period, Decimal("22"))
        area_figure(measure, MeasureValue.Level.ENGLAND, "E92000001", "England", period, Decimal("21.5"))
    return measure


def section(response):
    return {c.measure.slug: c for c in response.context["how_it_compares"]}["re_referrals_percent"]


def test_the_section_stands_beside_the_timeline_as_context(client, figures, staff):
    html = signed_in(client, staff).get(LEICESTER).content.decode()
    timeline_end = html.index("</figure>", html.index('id="timeline"'))
    assert html.index('id="how-it-compares"') > timeline_end  # beside the timeline, not inside it
    assert "How it compares" in html and escape(CAUTION) in html and "predict Ofsted grades weakly" in html
    assert "View as table<span class=\"govuk-visually-hidden\">: Re-referrals within 12 months (%)" in html


def test_the_neighbours_average_uses_the_grouping_in_force_each_year(client, figures, staff):
    comparison = section(signed_in(client, staff).get(LEICESTER))
    rows = {row[0]: row[1:] for row in comparison.chart.rows}
    # 2024: the 2021 groupings (Leicestershire 30, Leeds 10); 2025: the 2025 model (Leeds, withheld: no average).
    assert rows[2024] == [Decimal("20"), Decimal("20"), "2 of 2", Decimal("22"), Decimal("21.5")]
    assert rows[2025][:3] == [Decimal("25"), "", "0 of 1"]
    lines = {trace["name"]: trace for trace in comparison.chart.figure["data"]}
    assert lines["Statistical neighbours' average"]["y"] == [20.0, None]
    assert lines["Leicester"]["line"]["dash"] != lines["England"]["line"]["dash"]  # not colour alone


def test_the_rank_and_quartile_say_the_polarity_in_words(client, figures, staff):
    standing = section(signed_in(client, staff).get(LEICESTER)).standing
    # 2025: Leicester 25, Leicestershire 40, Leeds withheld (not ranked, not a zero).
    assert (standing.period, standing.rank, standing.of, standing.quartile) == (2025, 1, 2, 1)
    assert "ranked 1 of 2 councils" in standing.text and "lower is better" in standing.text
    assert "top quarter" in standing.text


def test_the_page_ranks_the_latest_year_alone_and_states_what_every_year_s_ranks_say(client, figures, world, staff):
    for authority in (world.leicester, world.leicestershire, world.leeds):
        every = {c.measure.slug: c for c in how_it_compares(authority)}["re_referrals_percent"]
        page = {c.measure.slug: c for c in how_it_compares(authority, every_rank=False)}["re_referrals_percent"]
        assert page.standing == every.standing and page.chart.rows == every.chart.rows
        assert page.ranks == {p: r for p, r in every.ranks.items() if p == every.standing.period}
    assert set(how_it_compares(world.leicester)[0].ranks) == {2024, 2025}  # the downloads rank every year


def test_a_withheld_figure_is_shown_as_its_symbol(client, figures, world, staff):
    leeds = section(signed_in(client, staff).get(f"/authorities/{world.leeds.ons_code}/"))
    rows = {row[0]: row for row in leeds.chart.rows}
    assert rows[2025][1].startswith("c (confidential")
    assert "withheld" in leeds.standing.text and leeds.standing.rank is None


def test_the_csv_has_the_section_s_figures(client, figures, world, staff):
    response = signed_in(client, staff).get(f"/authorities/{world.leeds.ons_code}/how-it-compares.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(StringIO(response.content.decode())))
    withheld = next(r for r in rows if r["geography"] == "Leeds" and r["year_ending_31_march"] == "2025")
    assert (withheld["value"], withheld["symbol"]) == ("", "c") and withheld["symbol_meaning"].startswith("confidential")
    assert {r["geography"] for r in rows} >= {"Leeds", "England"}


def test_the_query_count_stays_flat(client, figures, world, staff, django_assert_max_num_queries):
    signed_in(client, staff)
    with django_assert_max_num_queries(17):
        client.get(LEICESTER)
    for n in range(9):
        other = f.make_authority(name=f"Council {n}")
        f.make_neighbour(world.leicester, other, model="2025", position=n + 2)
        for period in range(2015, 2026):
            council_figure(figures, other, period, Decimal(n))
    with django_assert_max_num_queries(17):
        response = client.get(LEICESTER)
    assert section(response).neighbours[2025][2] == 10


def test_on_the_loaded_statistics(client, staff):
    call_command("load_authorities", data_dir=OFSTED, stdout=StringIO())
    call_command("load_dfe_statistics", data_dir=SHARED / "data" / "dfe", stdout=StringIO())
    leicestershire = Authority.objects.get(ons_code="E10000018")
    response = signed_in(client, staff).get("/authorities/E10000018/")
    comparisons = {c.measure.slug: c for c in response.context["how_it_compares"]}
    assert len(comparisons) == 6
    caseload = {row[0]: row for row in comparisons["caseload_per_worker"].chart.rows}
    assert caseload[2018][1] == Decimal("17.4")  # csww row 1204
    re_referrals = {row[0]: row for row in comparisons["re_referrals_percent"].chart.rows}
    assert re_referrals[2025][5] == Decimal("22.6")  # England, c1 row 2
    # 2024's average is over the 2021 groupings, 2025's over the 2025 model.
    for period in (2024, 2025):
        ids = StatisticalNeighbour.objects.in_force(period).filter(authority=leicestershire).values("neighbour_id")
        values = [v for v in MeasureValue.objects.filter(measure__slug="re_referrals_percent", period=period,
                                                         authority_id__in=ids).values_list("value", flat=True) if v is not None]
        assert re_referrals[period][2] == (sum(values) / len(values)).quantize(Decimal("0.1"))
    assert "Download these figures (CSV)" in response.content.decode()


def test_a_shared_service_s_figures_are_shown_for_both_councils_and_not_ranked(client, figures, world, staff):
    # The DfE publishes some councils' workforce together ("E06000061 / E06000062"): one figure for both.
    caseload = f.make_measure(slug="caseload_per_worker", name="Average caseload", unit="cases per worker")
    partner = f.make_authority(name="Rutland", ons_code="E06000017")
    f.make_measure_value(caseload, None, level=MeasureValue.Level.AUTHORITY, code="E06000016 / E06000017",
                         name="Leicester / Rutland", period=2025, value=Decimal("16.5"), region_code=EAST_MIDLANDS)
    council_figure(caseload, world.leicestershire, 2025, Decimal("14"))
    for authority in (world.leicester, partner):
        comparison = {c.measure.slug: c for c in signed_in(client, staff).get(
            f"/authorities/{authority.ons_code}/").context["how_it_compares"]}["caseload_per_worker"]
        assert comparison.council == {2025: (Decimal("16.5"), "")}
        assert comparison.standing.rank is None and "Leicester / Rutland together" in comparison.standing.text
