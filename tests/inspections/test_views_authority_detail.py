import pytest

from tests.inspections.dashboard_world import add_authorities, add_history, signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db

LEICESTER = "/authorities/E06000016/"
LEICESTERSHIRE = "/authorities/E10000018/"


def traces(response):
    return {trace["name"]: trace for trace in response.context["timeline"].figure["data"]}


def test_it_answers_404_for_an_unknown_ons_code(client, world, staff):
    assert signed_in(client, staff).get("/authorities/E06999999/").status_code == 404


def test_it_shows_the_latest_grade_of_each_strand(client, world, staff):
    html = signed_in(client, staff).get(LEICESTER).content.decode()
    assert "<h1 class=\"govuk-heading-xl\">Leicester</h1>" in html
    assert html.count("grade-tag--requires-improvement-to-be-good\">Requires improvement to be good") >= 3
    assert "4 September 2017" in html


def test_its_timeline_draws_one_series_per_strand_in_each_frameworks_own_words(client, world, staff):
    series = traces(signed_in(client, staff).get(LEICESTER))
    overall, help_and_protection = series["Overall effectiveness"], series["Help and protection"]
    assert overall["x"] == ["2015-01-12", "2017-06-12"]  # the LSCB's "Good" of 2015 is not the council's
    assert [point[0] for point in overall["customdata"]] == ["Inadequate", "Requires improvement to be good"]
    # 2011 "Adequate" and 2017 "Requires improvement" share rank 3 but keep their own words.
    assert [point[0] for point in help_and_protection["customdata"]] == [
        "Adequate", "Inadequate", "Requires improvement to be good"]
    assert [round(y) for y in help_and_protection["y"]] == [3, 4, 3]
    assert "%{customdata[0]}" in overall["hovertemplate"]


def test_its_timeline_puts_outstanding_at_the_top_of_one_shared_axis(client, world, staff):
    layout = signed_in(client, staff).get(LEICESTER).context["timeline"].figure["layout"]
    ticks = dict(zip(layout["yaxis"]["tickvals"], layout["yaxis"]["ticktext"]))
    assert ticks[1] == "Outstanding" and ticks[2] == "Good"
    assert ticks[3] == "Adequate / Requires improvement" and ticks[4] == "Inadequate"
    assert layout["yaxis"]["range"][0] > layout["yaxis"]["range"][1]  # reversed: rank 1 on top


def test_its_timeline_draws_grades_known_only_from_a_later_document_hollow(client, world, staff):
    overall = traces(signed_in(client, staff).get(LEICESTERSHIRE))["Overall effectiveness"]
    assert overall["x"] == ["2019-09-16", "2024-04-22"]
    assert overall["marker"]["symbol"] == ["circle-open", "circle"]
    assert "known from a later document" in overall["customdata"][0][3]


def test_its_timeline_marks_visits_with_their_theme(client, world, staff):
    visits = traces(signed_in(client, staff).get(LEICESTER))["Monitoring and focused visits"]
    assert visits["x"] == ["2017-04-26"]
    assert visits["customdata"] == [["Monitoring visit", "Pre-proceedings and the Public Law Outline", "steady progress"]]


def test_its_timeline_shows_self_evaluations_with_their_claim_count_to_staff(client, world, staff):
    response = signed_in(client, staff).get(LEICESTERSHIRE)
    assert traces(response)["Self-evaluations"]["customdata"] == [["Leicestershire self-evaluation 2018", 3]]
    assert "Leicestershire self-evaluation 2018 (February 2018): 3 claims" in response.content.decode()


def test_it_lists_inspections_and_visits_with_links(client, world, staff):
    html = signed_in(client, staff).get(LEICESTERSHIRE).content.decode()
    assert f'href="/inspections/{world.ilacs_2024.pk}/">Standard inspection</a>' in html
    assert "22 April to 3 May 2024" in html
    assert "September 2019" in html and "Known from a later document" in html


def test_it_lists_the_open_areas_for_improvement_by_theme(client, world, staff):
    response = signed_in(client, staff).get(LEICESTERSHIRE)
    assert [area.text for area in response.context["open_areas"]] == [
        "Quality of written plans.", "Timeliness of initial conferences."]  # themes in alphabetical order
    html = response.content.decode()
    assert "<h3 class=\"govuk-heading-s\">Initial child protection conference timeliness</h3>" in html


def test_it_compares_the_statistical_neighbours_in_order_of_closeness(client, world, staff):
    chart = signed_in(client, staff).get(LEICESTER).context["neighbours"]
    assert [row[:3] for row in chart.rows] == [
        ["", "Leicester", "Requires improvement to be good"],
        [1, "Leicestershire", "Good"],
        [2, "Leeds", "Outstanding"],
    ]
    assert chart.figure["data"][0]["x"] == [3, 2, 1]


def test_it_compares_the_authority_with_its_region_and_england(client, world, staff):
    chart = signed_in(client, staff).get(LEICESTER).context["comparison"]
    rows = {row[0]: row[1:] for row in chart.rows}
    assert rows["Good"] == [1, 50.0, 1, 33.3]
    assert rows["Outstanding"] == [0, 0.0, 1, 33.3]
    assert "Leicester's is Requires improvement to be good" in chart.description


def test_its_query_count_does_not_grow_with_the_data(client, world, staff, django_assert_num_queries):
    # session, user, its neighbour links, authority with its neighbours, their predecessors, their judgements
    # (latest grades), self-evaluations, counts by region (England's are their sum), inspections and their
    # judgements (the timeline's and its visits too), open areas, record currency (two),
    # the DfE measures of "How it compares" (none here, so no figures are asked for)
    signed_in(client, staff)
    with django_assert_num_queries(14):
        client.get(LEICESTER)
    add_authorities(10)
    add_history(world.leicester, 6)
    with django_assert_num_queries(14):
        response = client.get(LEICESTER)
    assert len(traces(response)["Monitoring and focused visits"]["x"]) == 7
    assert len(response.context["inspections"]) == 4 + 12
