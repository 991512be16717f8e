"""Cohorts: the councils whose overall grade was Inadequate in one year, and how they came out of it.

Dates are those of the inspections (their first day on site). A grade is held from its inspection until the
next overall grade, or until today for the latest one. 2009-12 inspections gave no single overall grade, so
cohorts start with the single inspection framework (2013 on).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from improvement.models import Claim, SelfEvaluation
from inspections.grades import RANK_LABELS, Grade, Strand
from inspections.models import Authority, Inspection, Judgement

DEFAULT_YEAR = 2015
GOOD_RANK = Grade.GOOD.rank
DAYS_A_YEAR = 365.25
KIND_LABELS = dict(Inspection.Kind.choices)


def overall_judgements():
    return Judgement.objects.of_the_authority().filter(strand=Strand.OVERALL)


def inadequate_years():
    """The years in which at least one council's overall grade was Inadequate, latest first."""
    # The distinct dates, years taken in Python: a year extracted in SQL is a function call per row on SQLite.
    dates = overall_judgements().filter(grade=Grade.INADEQUATE).values_list("inspection__start_date", flat=True)
    return sorted({date.year for date in dates.order_by().distinct()}, reverse=True)


@dataclass(frozen=True)
class Event:
    """The inspection an overall grade comes from, as far as the cohort page shows it."""

    pk: int
    kind: str
    framework: str
    start_date: datetime.date
    end_date: datetime.date | None = None
    date_precision: str = Inspection.Precision.DAY

    def get_kind_display(self):
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class OverallGrade:
    """An overall judgement, read as plain values: a cohort can hold a dozen for each of 150 councils."""

    pk: int
    grade: str
    grade_rank: int
    inspection: Event


@dataclass
class Member:
    authority: object
    grades: list  # the authority's overall grades (OverallGrade), oldest first
    inadequate: OverallGrade  # the first Inadequate of the cohort's year
    as_at: datetime.date
    self_evaluations: list = field(default_factory=list)

    @property
    def inadequate_on(self):
        return self.inadequate.inspection.start_date

    @functools.cached_property
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

    @functools.cached_property
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

    @functools.cached_property
    def most_improved(self):
        """The members that climbed furthest (soonest to Good among equals); empty if nobody climbed."""
        if not self.members or self.members[0].improvement <= 0:
            return []
        best = self.members[0]
        return [m for m in self.members if (m.improvement, m.years_to_good) == (best.improvement, best.years_to_good)]


# What the cohort reads of each overall judgement, in one query: values, not model instances.
GRADE_FIELDS = ("pk", "grade", "grade_rank", "inspection_id", "inspection__kind", "inspection__framework",
                "inspection__start_date", "inspection__end_date", "inspection__date_precision")
AUTHORITY_FIELDS = ("id", "name", "ons_code")


def cohort(year, user, as_at=None):
    """The cohort of a year, with the self-evaluations of its members that the user may see."""
    as_at = as_at or timezone.localdate()
    inadequate = overall_judgements().filter(grade=Grade.INADEQUATE, inspection__start_date__year=year)
    rows = (
        overall_judgements()
        .filter(inspection__authority__in=inadequate.values("inspection__authority"))
        .order_by("inspection__authority__name", "inspection__authority_id", "inspection__start_date", "pk")
        .values_list(*GRADE_FIELDS, *[f"inspection__authority__{name}" for name in AUTHORITY_FIELDS])
    )
    by_authority, authorities = {}, {}
    for pk, grade, rank, inspection_id, kind, framework, start_date, end_date, precision, *authority in rows:
        if authority[0] not in authorities:
            # An Authority as .only(*AUTHORITY_FIELDS) would load it, from the same row.
            authorities[authority[0]] = Authority.from_db(rows.db, AUTHORITY_FIELDS, authority)
        event = Event(inspection_id, kind, framework, start_date, end_date, precision)
        by_authority.setdefault(authority[0], []).append(OverallGrade(pk, grade, rank, event))
    members_only = inadequate.values("inspection__authority")
    claims = Claim.objects.filter(self_evaluation=OuterRef("pk")).order_by().values("self_evaluation")
    # Counted per self-evaluation by its index, not by grouping a join with every claim.
    claim_count = Coalesce(Subquery(claims.annotate(n=Count("pk")).values("n")), 0, output_field=IntegerField())
    self_evaluations = SelfEvaluation.objects.visible_to(user).filter(authority__in=members_only)
    visible = {}
    for self_evaluation in self_evaluations.annotate(claim_count=claim_count).order_by("published"):
        visible.setdefault(self_evaluation.authority_id, []).append(self_evaluation)
    members = []
    for authority_id, grades in by_authority.items():
        first = next(j for j in grades if j.grade == Grade.INADEQUATE and j.inspection.start_date.year == year)
        members.append(Member(authorities[authority_id], grades, first, as_at, visible.get(authority_id, [])))
    members.sort(key=lambda m: (-m.improvement, m.years_to_good is None, m.years_to_good or 0, m.authority.name))
    return Cohort(year, members)
