"""The April 2026 ILACS reform: an inspection begun on or after 1 April 2026 makes no overall judgement, and a
council's latest overall grade before it is superseded, neither current nor "not yet graded"."""

import datetime

import pytest

from inspections.grades import makes_overall_judgement
from inspections.models import Authority, Inspection
from tests import factories as f
from tests.inspections.reform_world import reform  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_day_the_inspection_began_decides_not_the_day_it_was_published():
    assert makes_overall_judgement("ilacs", D(2026, 3, 30)) is True  # published later in 2026, still has one
    assert makes_overall_judgement("ilacs", D(2026, 4, 1)) is False
    assert makes_overall_judgement("sif", D(2026, 5, 1)) is True  # the reform is of ILACS


def test_a_recorded_2026_framework_version_says_so_too():
    assert makes_overall_judgement("ilacs", D(2026, 3, 30), "2026") is False


def test_an_inspection_knows_whether_it_makes_an_overall_judgement(reform):
    assert reform.before.makes_overall_judgement is True
    assert reform.after.makes_overall_judgement is False
    versioned = f.make_inspection(reform.brentham, framework="ilacs", kind=Inspection.Kind.FOCUSED_VISIT,
                                  start_date=D(2026, 1, 5), framework_version="2026")
    assert versioned.makes_overall_judgement is False
    assert set(Inspection.objects.without_overall_judgement()) == {reform.after, versioned}


def test_the_latest_overall_grade_is_superseded_by_a_2026_inspection(reform):
    brentham = Authority.objects.with_latest_grades().get(pk=reform.brentham.pk)
    assert brentham.no_overall is True
    assert brentham.no_overall_on == D(2026, 6, 17)
    assert (brentham.overall_grade, brentham.overall_on) == ("Good", D(2022, 5, 9))  # kept, as superseded
    assert brentham.graded_on == D(2026, 6, 17)
    assert brentham.latest_inspection_id == reform.after.pk
    assert brentham.help_and_protection_grade == "Requires improvement to be good"
    assert brentham.care_leavers_grade == "Inadequate"


def test_before_the_2026_inspection_was_known_the_overall_grade_stood(reform):
    brentham = Authority.objects.with_latest_grades(as_at=D(2026, 6, 16)).get(pk=reform.brentham.pk)
    assert (brentham.no_overall, brentham.overall_grade, brentham.graded_on) == (False, "Good", D(2022, 5, 9))


def test_grade_counts_count_it_apart_from_its_old_grade_and_from_the_ungraded(reform):
    rows = Authority.objects.filter(ofsted_region="London").grade_counts(by=["ofsted_region"])
    assert [(row["overall_rank"], row["no_overall"], row["n"]) for row in rows] == [(2, True, 1)]
    ungraded = Authority.objects.with_latest_overall().filter(overall_rank__isnull=True, no_overall_on__isnull=True)
    assert reform.brentham not in ungraded
