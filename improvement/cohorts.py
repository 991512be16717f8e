"""Cohorts: the councils whose overall grade was Inadequate in one year, and how they came out of it.

Dates are those of the inspections (their first day on site). A grade is held from its inspection until the
next overall grade, or until today for the latest one. 2009-12 inspections gave no single overall grade, so
cohorts start with the single inspection framework (2013 on).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.db.models.functions import ExtractYear
from django.utils import timezone

from improvement.models import SelfEvaluation
from inspections.grades import RANK_LABELS, Grade, Strand
from inspections.models import Judgement

DEFAULT_YEAR = 2015
GOOD_RANK = Grade.GOOD.rank
DAYS_A_YEAR = 365.25


def overall_judgements():
    return Judgement.objects.of_the_authority().filter(strand=Strand.OVERALL)


def inadequate_years():
    """The years in which at least one council's overall grade was Inadequate, latest first."""
    years = overall_judgements().filter(grade=Grade.INADEQUATE).annotate(year=ExtractYear("inspection__start_date"))
    return list(years.order_by("-year").values_list("year", flat=True).distinct())


@dataclass
class Member:
    authority: object
    grades: list  # the authority's overall judgements, oldest first
    inadequate: Judgement  # the first Inadequate of the cohort's year
    as_at: datetime.date
    self_evaluations: list = field(default_factory=list)

    @property
    def inadequate_on(self):
        return self.inadequate.inspection.start_date

    @property
    def since(self):
        """The overall grades from the cohort's inadequate one on."""
        return self.grades[self.grades.index(self.inadequate):]

    @property
    def latest(self):
        return self.grades[-1]

    @property
    def improvement(self):
        """Steps climbed on the shared axis from Inadequate to the latest grade (0: still inadequate)."""
        return self.inadequate.grade_rank - self.latest.grade_rank

    @functools.cached_property
    def years_at(self):
        """{rank: years} spent at each rank since the inadequate inspection."""
        held = dict.fromkeys(RANK_LABELS, 0.0)
        since = self.since
        for judgement, following in zip(since, [*since[1:], None]):
            until = following.inspection.start_date if following else self.as_at
            held[judgement.grade_rank] += max((until - judgement.inspection.start_date).days, 0) / DAYS_A_YEAR
        return {rank: round(years, 1) for rank, years in held.items()}

    @property
    def good_on(self):
        """The first inspection after the inadequate one that judged the council Good or better, or None."""
        return next((j for j in self.since if j.grade_rank <= GOOD_RANK), None)

    @property
    def years_to_good(self):
        if self.good_on is None:
            return None
        return round((self.good_on.inspection.start_date - self.inadequate_on).days / DAYS_A_YEAR, 1)


@dataclass
class Cohort:
    year: int
    members: list  # most improved first

    @property
    def most_improved(self):
        """The members that climbed furthest (soonest to Good among equals); empty if nobody climbed."""
        if not self.members or self.members[0].improvement <= 0:
            return []
        best = self.members[0]
        return [m for m in self.members if (m.improvement, m.years_to_good) == (best.improvement, best.years_to_good)]


def cohort(year, user, as_at=None):
    """The cohort of a year, with the self-evaluations of its members that the user may see."""
    as_at = as_at or timezone.localdate()
    inadequate = overall_judgements().filter(grade=Grade.INADEQUATE, inspection__start_date__year=year)
    judgements = (
        overall_judgements()
        .filter(inspection__authority__in=inadequate.values("inspection__authority"))
        .select_related("inspection__authority")
        .order_by("inspection__authority__name", "inspection__authority_id", "inspection__start_date", "pk")
    )
    by_authority = {}
    for judgement in judgements:
        by_authority.setdefault(judgement.inspection.authority, []).append(judgement)
    members_only = inadequate.values("inspection__authority")
    self_evaluations = SelfEvaluation.objects.visible_to(user).filter(authority__in=members_only)
    visible = {}
    for self_evaluation in self_evaluations.with_claim_counts().order_by("published"):
        visible.setdefault(self_evaluation.authority_id, []).append(self_evaluation)
    members = []
    for authority, grades in by_authority.items():
        first = next(j for j in grades if j.grade == Grade.INADEQUATE and j.inspection.start_date.year == year)
        members.append(Member(authority, grades, first, as_at, visible.get(authority.pk, [])))
    members.sort(key=lambda m: (-m.improvement, m.years_to_good is None, m.years_to_good or 0, m.authority.name))
    return Cohort(year, members)
