"""What the authority page reads in Python is what the SQL says: read_latest_grades() (for a page's few councils)
and with_latest_grades() (for listings) give every authority the same latest grades, and timeline_judgements()
the judgements Judgement.objects.for_timeline() gives; on the dashboard's world (an LSCB grade, grades known from
a later document), on the reform world (a 2026-framework inspection, a council's successors), as they stood on
earlier days, and on the whole real record."""

import datetime

import pytest

from inspections.models import Authority, Inspection, Judgement
from inspections.models.latest import SHOWN_STRANDS, current_grade_counts, split_neighbours
from inspections.models.page_reads import neighbourhood, read_latest_grades, timeline_judgements
from tests import factories as f
from tests.inspections.dashboard_world import world  # noqa: F401
from tests.inspections.reform_world import reform  # noqa: F401

pytestmark = pytest.mark.django_db

FIELDS = ["overall_grade", "overall_rank", "overall_on", "overall_authority_id", "no_overall_on",
          "latest_inspection_id", "latest_authority_id",
          *[f"{strand}_{what}" for strand in SHOWN_STRANDS[1:] for what in ("grade", "rank")]]
DAYS = [None, datetime.date(2016, 1, 1), datetime.date(2020, 1, 1), datetime.date(2026, 5, 1)]


def answers(authorities):
    return {a.pk: {name: getattr(a, name) for name in FIELDS} for a in authorities}


def assert_the_same(as_at=None):
    by_sql = answers(Authority.objects.with_latest_grades(as_at))
    by_python = answers(read_latest_grades(Authority.objects.all(), as_at))
    assert by_python == by_sql


def assert_the_same_timelines():
    for authority in Authority.objects.all():
        listed = Inspection.objects.of_record(authority).listed().order_by("-start_date")
        assert timeline_judgements(listed) == list(Judgement.objects.for_timeline(authority))


@pytest.mark.parametrize("as_at", DAYS)
def test_the_dashboard_world_reads_alike(world, as_at):
    assert_the_same(as_at)


def test_the_neighbourhood_reads_as_with_neighbours(world, reform):
    f.make_neighbour(world.leicester, world.leeds, model="2025")  # the 2025 model in force for Leicester alone
    for code in [*Authority.objects.values_list("ons_code", flat=True), "E06999999"]:
        authority, neighbours, _ = neighbourhood(code)
        expected = split_neighbours(Authority.objects.with_neighbours(code), code)
        assert (authority, neighbours) == expected
        assert [n.position for n in neighbours] == [n.position for n in expected[1]]
    assert [n.name for n in neighbourhood(world.leicester.ons_code)[1]] == ["Leeds"]


@pytest.mark.parametrize("as_at", DAYS)
def test_the_current_councils_counts_are_grade_counts_and_follow_the_record(reform, as_at):
    by = ["ofsted_region"]
    assert current_grade_counts(as_at, by) == Authority.objects.current().grade_counts(as_at, by)
    Authority.objects.filter(pk=reform.south.pk).update(end_date=datetime.date(2026, 1, 1))  # a change: counted anew
    assert current_grade_counts(as_at, by) == Authority.objects.current().grade_counts(as_at, by)
    assert current_grade_counts(as_at) == Authority.objects.current().grade_counts(as_at)


def test_the_timelines_read_alike(world, reform):
    assert_the_same_timelines()


@pytest.mark.parametrize("as_at", DAYS)
def test_the_reform_world_reads_alike(reform, as_at):
    assert_the_same(as_at)
    if as_at is None:
        north = read_latest_grades(Authority.objects.filter(pk=reform.north.pk))[0]
        assert (north.overall_grade, north.overall_authority_id) == ("Inadequate", reform.northshire.pk)
        brentham = read_latest_grades(Authority.objects.filter(name="Brentham"))[0]
        assert brentham.no_overall_on is not None and brentham.overall_grade == "Good"


def test_the_national_record_reads_alike(national_record):
    assert Authority.objects.count() > 100
    assert_the_same()
    assert_the_same(datetime.date(2019, 3, 31))
    assert_the_same_timelines()


def test_it_reads_in_two_queries_however_many_councils(reform, django_assert_num_queries):
    with django_assert_num_queries(3):  # the authorities, their predecessors, the judgements
        read_latest_grades(Authority.objects.all())
