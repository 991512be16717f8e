"""Every figure the pages embed is valid Plotly, and its table holds the same numbers."""

import plotly.graph_objects as go
import pytest

from inspections.charts import Chart
from tests.inspections.dashboard_world import signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db


def charts_on(client, url):
    response = client.get(url)
    charts = {id(response.context[key]): response.context[key] for key in response.context.keys()}
    return [chart for chart in charts.values() if isinstance(chart, Chart)]


def test_every_figure_passes_plotlys_own_validation(client, world, staff):
    signed_in(client, staff)
    urls = ["/", "/?as_at=2012-06-01", "/authorities/E06000016/", "/authorities/E10000018/", "/authorities/E08000035/"]
    seen = 0
    for url in urls:
        for chart in charts_on(client, url):
            go.Figure(chart.figure)  # raises ValueError on any property Plotly does not know
            seen += 1
    assert seen == 2 + 2 + 3 * 3


def test_each_chart_embeds_its_figure_without_loading_plotly_itself(client, world, staff):
    signed_in(client, staff)
    html = client.get("/authorities/E06000016/").content.decode()
    assert html.count("plotly-basic-4.1.1.min.js") == 1  # once, from the base template
    assert html.count('<div class="app-plotly">') == 3  # drawn by static/js/charts.js
    assert "cdn.plot.ly" not in html
    assert '"displayModeBar": false' in html.replace('"displayModeBar":false', '"displayModeBar": false')


def test_the_regional_bars_and_their_table_hold_the_same_numbers(client, world, staff):
    chart = signed_in(client, staff).get("/").context["regions"]
    for trace_index, trace in enumerate(chart.figure["data"]):
        assert trace["x"] == [row[1 + trace_index] for row in chart.rows]
        assert trace["y"] == [row[0] for row in chart.rows]
        assert trace["name"] == chart.columns[1 + trace_index]


def test_pages_without_charts_do_not_load_plotly(client, world, staff):
    signed_in(client, staff)
    assert "plotly" not in client.get("/authorities/").content.decode()
    assert "plotly" not in client.get(f"/inspections/{world.ilacs_2024.pk}/").content.decode()
