"""/cohorts/: councils judged inadequate in a year, their swimlanes, time in each grade and time to good."""

import csv
import datetime
import io

import pytest

from improvement import cohorts
from tests import factories as f
from tests.improvement.journey_world import (  # noqa: F401
    fast_password_hashing,
    graded,
    grow,
    leeds_user,
    member,
    staff,
    world,
)

pytestmark = pytest.mark.django_db

COHORTS = "/cohorts/"
D = datetime.date


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def names(response):
    return [member.authority.name for member in response.context["cohort"].members]


def test_it_asks_for_a_sign_in(client, world):
    assert client.get(COHORTS).url.startswith("/accounts/login/")


def test_the_2015_cohort_is_the_default_and_lists_the_most_improved_first(client, world, staff):
    response = get(client, staff, COHORTS)
    assert response.context["cohort"].year == 2015
    # Both reached Good; Leeds sooner (3.8 years against 6.7).
    assert names(response) == ["Leeds", "Leicester"]
    assert [m.years_to_good for m in response.context["cohort"].members] == [3.8, 6.7]
    html = response.content.decode()
    most_improved = html.split('id="most-improved"')[1].split("</div>")[0]
    assert ">Leeds</a>" in most_improved and "Leicester" not in most_improved


def test_a_council_inadequate_only_in_another_year_is_not_in_the_cohort(client, world, staff):
    graded(world.county, "ilacs", "standard", D(2019, 6, 3), D(2019, 8, 1),
           [("overall", "Overall effectiveness", "Inadequate")])
    assert names(get(client, staff, f"{COHORTS}?inadequate_in=2019")) == ["Leicestershire"]
    assert "Leicestershire" not in names(get(client, staff, COHORTS))
    assert '<option value="2019">2019</option>' in get(client, staff, COHORTS).content.decode()


def test_the_board_reviews_inadequate_is_not_the_councils(client, world, staff):
    inspection, report = graded(world.county, "sif", "full", D(2015, 9, 7), D(2015, 11, 2),
                                [("overall", "Overall effectiveness", "Good")])
    f.make_judgement(inspection, report, strand="overall", area="Overall effectiveness", grade="Inadequate",
                     section="Review of the Local Safeguarding Children Board")
    assert "Leicestershire" not in names(get(client, staff, COHORTS))


def test_time_in_each_grade_runs_from_the_inadequate_inspection_to_the_next_grade_or_the_day(world, staff):
    city = next(m for m in cohorts.cohort(2015, staff, as_at=D(2023, 9, 20)).members if m.authority == world.city)
    assert city.inadequate_on == D(2015, 1, 12)
    assert [j.grade for j in city.since] == ["Inadequate", "Requires improvement to be good", "Good"]
    # Jan 2015 - Jun 2017 inadequate, Jun 2017 - Sep 2021 requires improvement, Sep 2021 - Sep 2023 good.
    assert city.years_at == {1: 0.0, 2: 2.0, 3: 4.3, 4: 2.4, "no_overall": 0.0}
    assert city.improvement == 2


def test_a_council_not_yet_good_says_so(client, world, staff):
    grow(1)
    response = get(client, staff, COHORTS)
    grown = response.context["cohort"].members[-1]
    assert grown.years_to_good is None and grown.improvement == 1
    row = response.content.decode().split(grown.authority.name + "</a>")[1].split("</tr>")[0]
    assert "not yet" in row


def test_the_swimlane_has_a_lane_per_council_and_the_grade_word_in_each_marker(client, world, staff):
    chart = get(client, staff, COHORTS).context["chart"]
    traces = {trace["name"]: trace for trace in chart.figure["data"]}
    inadequate = traces["Inadequate"]
    assert inadequate["y"] == ["Leeds", "Leicester"] and inadequate["x"] == ["2015-01-05", "2015-01-12"]
    assert [point[0] for point in traces["Adequate / Requires improvement"]["customdata"]] == [
        "Requires improvement to be good"]
    assert "%{customdata[0]}" in inadequate["hovertemplate"]
    assert inadequate["marker"]["symbol"] != traces["Good"]["marker"]["symbol"]
    assert chart.rows[0] == ["Leeds", D(2015, 1, 5), "Full inspection", "Inadequate",
                             "Single inspection framework (2013-17)"]


def test_the_swimlane_shows_only_the_self_evaluations_the_user_may_see(client, world, staff, leeds_user):
    f.make_self_evaluation(world.city, title="City self-evaluation 2016", published=D(2016, 5, 1))
    city_user = member("city-officer", world.city)

    def reviews(user):
        chart = get(client, user, COHORTS).context["chart"]
        return [point[0] for trace in chart.figure["data"] if trace["name"] == "Self-evaluations"
                for point in trace["customdata"]]

    assert reviews(leeds_user) == ["Leeds self-evaluation 2019"]
    assert reviews(city_user) == ["City self-evaluation 2016"]
    assert sorted(reviews(staff)) == ["City self-evaluation 2016", "Leeds self-evaluation 2019"]
    html = get(client, leeds_user, COHORTS).content.decode()
    assert "City self-evaluation 2016" not in html


def test_an_unknown_year_shows_the_default_cohort_and_says_so(client, world, staff):
    response = get(client, staff, f"{COHORTS}?inadequate_in=soon")
    assert response.context["cohort"].year == 2015
    assert "“soon” is not a year: the 2015 cohort is shown." in response.content.decode()


def test_a_year_with_no_council_in_it_says_so_and_never_shows_another_year(client, world, staff):
    response = get(client, staff, f"{COHORTS}?inadequate_in=2011")
    html = response.content.decode()
    assert response.context["cohort"].year == 2011 and response.context["cohort"].members == []
    assert "Councils judged inadequate in 2011" in html
    assert "inspection begun in 2011: this cohort is empty" in html
    assert '<option value="2011" selected>2011</option>' in html
    assert "Leeds" not in html.split('id="no-cohort"')[1]  # the 2015 cohort's councils are not shown


def test_an_empty_cohort_says_so(client, staff):
    response = get(client, staff, COHORTS)
    assert response.context["cohort"].members == []
    html = response.content.decode()
    assert "No council’s overall grade was Inadequate in an inspection begun in 2015: this cohort is empty." in html
    assert 'id="most-improved"' not in html and 'id="swimlanes"' not in html


def test_the_csv_has_a_row_per_council_with_its_times(client, world, staff, leeds_user):
    response = get(client, staff, f"{COHORTS}?_export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="cohort-inadequate-2015.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["Council"], r["ONS code"], r["Inadequate inspection"], r["Years from inadequate to good"])
            for r in rows] == [("Leeds", "E08000035", "2015-01-05", "3.8"), ("Leicester", "E06000016", "2015-01-12", "6.7")]
    assert rows[1]["Overall grades since"] == (
        "2015-01-12 Inadequate; 2017-06-12 Requires improvement to be good; 2021-09-20 Good")
    assert rows[1]["Years Inadequate"] == "2.4" and rows[1]["Latest overall grade"] == "Good"
    assert "self-evaluation" not in get(client, leeds_user, f"{COHORTS}?_export=csv").content.decode().lower()


def test_a_large_cohort_shows_a_page_of_councils_in_its_table_and_swimlanes(client, world, staff):
    grow(30)  # 32 councils inadequate in 2015
    response = get(client, staff, COHORTS)
    lanes = {name for name in response.context["chart"].figure["data"][0]["y"] if name}
    assert len(lanes) == 25 and lanes == {row.record.authority.name for row in response.context["table"].page}
    html = response.content.decode()
    assert "Councils 1 to 25 of 32, most improved first" in html and "Councils 1 to 25 of 32:" in html
    assert 'href="?page=2"' in html
    second = get(client, staff, f"{COHORTS}?page=2")
    assert {name for name in second.context["chart"].figure["data"][0]["y"] if name} == {
        m.authority.name for m in second.context["cohort"].members[25:]}
    assert "Councils 26 to 32 of 32" in second.content.decode()
    rows = list(csv.DictReader(io.StringIO(get(client, staff, f"{COHORTS}?page=2&_export=csv").content.decode())))
    assert [row["Council"] for row in rows] == names(response)

def test_its_query_count_does_not_grow_with_the_cohort(client, world, staff, django_assert_num_queries):
    # session, user, the years and their members, record currency (statistics, reports), the members'
    # successors, the cohort's overall grades, the self-evaluations of the councils shown (none in the CSV)
    client.force_login(staff)
    with django_assert_num_queries(8):
        client.get(COHORTS)
    grow(8)
    with django_assert_num_queries(8):
        response = client.get(COHORTS)
    assert len(response.context["cohort"].members) == 10
    with django_assert_num_queries(7):
        client.get(f"{COHORTS}?_export=csv")
