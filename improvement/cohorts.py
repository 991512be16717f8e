"""Cohorts: the councils whose overall grade was Inadequate in one year, and how they came out of it.

Dates are those of the inspections (their first day on site). A grade is held from its inspection until the
next overall grade, or until the day the record is complete to for the latest one. 2009-12 inspections gave no
single overall grade, so cohorts start with the single inspection framework (2013 on). An ILACS inspection of the
2026 framework makes no overall judgement either: from it on, a council holds no overall grade (its four
judgements are shown instead), and its earlier overall grade is superseded, not still held.

A council that has been replaced (Authority.predecessors) is in the cohort through its successors: each carries
the predecessor's grades, marked as the predecessor's, followed by its own.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from improvement.models import Claim, SelfEvaluation
from inspections.grades import NO_OVERALL_LABEL, RANK_LABELS, STRAND_LABELS, Grade, Strand
from inspections.models import Authority, Inspection, Judgement
from inspections.models.latest import without_overall_q

DEFAULT_YEAR = 2015
GOOD_RANK = Grade.GOOD.rank
DAYS_A_YEAR = 365.25
KIND_LABELS = dict(Inspection.Kind.choices)
NO_OVERALL = "no_overall"  # years_at's key for time after a 2026-framework inspection, with no overall grade


def overall_judgements():
    return Judgement.objects.of_the_authority().filter(strand=Strand.OVERALL)


def inadequate_councils():
    """{year: the ids of the councils whose overall grade was Inadequate in an inspection begun that year}, in one
    query: the page's choice of years and its cohort's members."""
    # The dates, years taken in Python: a year extracted in SQL is a function call per row on SQLite.
    rows = overall_judgements().filter(grade=Grade.INADEQUATE).order_by().values_list(
        "inspection__start_date", "inspection__authority_id")
    councils = {}
    for date, authority_id in rows:
        councils.setdefault(date.year, set()).add(authority_id)
    return councils


def inadequate_years():
    """The years in which at least one council's overall grade was Inadequate, latest first."""
    return sorted(inadequate_councils(), reverse=True)


class Event(NamedTuple):
    """The inspection an overall grade comes from, as far as the cohort page shows it. A named tuple, not a frozen
    dataclass: a national cohort makes two thousand, and a frozen dataclass takes twice as long to make."""

    pk: int
    kind: str
    framework: str
    start_date: datetime.date
    end_date: datetime.date | None = None
    date_precision: str = Inspection.Precision.DAY

    def get_kind_display(self):
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class OverallGrade:
    """An overall judgement, read as plain values: a cohort can hold a dozen for each of 150 councils. For an
    inspection that made none (2026 framework), grade and grade_rank are None and `judgements` holds its four
    (strand label, grade) pairs; `by` is the predecessor inspected, for a grade a successor carries."""

    pk: int
    grade: str | None
    grade_rank: int | None
    inspection: Event
    by: object = None
    judgements: tuple = ()

    @property
    def no_overall(self):
        return self.grade_rank is None

    @property
    def label(self):
        """The grade as the cohort's table and CSV write it."""
        text = NO_OVERALL_LABEL if self.no_overall else self.grade
        if self.judgements:
            text += " (" + "; ".join(f"{strand}: {grade}" for strand, grade in self.judgements) + ")"
        return f"{text}, {self.by.as_predecessor}" if self.by else text


@dataclass
class Member:
    authority: object
    grades: list  # the authority's overall grades (OverallGrade), oldest first
    inadequate: OverallGrade  # the first Inadequate of the cohort's year
    as_at: datetime.date
    self_evaluations: list = field(default_factory=list)
    via: object = None  # the predecessor through which a successor is in the cohort, or None

    @property
    def inadequate_on(self):
        return self.inadequate.inspection.start_date

    @functools.cached_property
    def since(self):
        """The overall grades from the cohort's inadequate one on."""
        return self.grades[self.grades.index(self.inadequate):]

    @property
    def latest(self):
        """The latest entry: an overall grade, or an inspection that made none (2026 framework)."""
        return self.grades[-1]

    @property
    def latest_overall(self):
        """The latest overall grade (superseded if `latest` made none)."""
        return next(j for j in reversed(self.grades) if not j.no_overall)

    @property
    def improvement(self):
        """Steps climbed on the shared axis from Inadequate to the latest overall grade (0: still inadequate)."""
        return self.inadequate.grade_rank - self.latest_overall.grade_rank

    @functools.cached_property
    def years_at(self):
        """{rank: years} spent at each rank since the inadequate inspection, and {NO_OVERALL: years} since an
        inspection that made no overall judgement."""
        held = {**dict.fromkeys(RANK_LABELS, 0.0), NO_OVERALL: 0.0}
        since = self.since
        for judgement, following in zip(since, [*since[1:], None]):
            until = following.inspection.start_date if following else self.as_at
            key = NO_OVERALL if judgement.no_overall else judgement.grade_rank
            held[key] += max((until - judgement.inspection.start_date).days, 0) / DAYS_A_YEAR
        return {rank: round(years, 1) for rank, years in held.items()}

    @functools.cached_property
    def good_on(self):
        """The first inspection after the inadequate one that judged the council Good or better overall, or None."""
        return next((j for j in self.since if not j.no_overall and j.grade_rank <= GOOD_RANK), None)

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

    @property
    def most_improved_authorities(self):
        return [m.authority for m in self.most_improved]


# What the cohort reads of each overall judgement (and of the judgements of inspections that made none), in one
# query: values, not model instances.
GRADE_FIELDS = ("pk", "grade", "grade_rank", "strand", "inspection_id", "inspection__kind", "inspection__framework",
                "inspection__start_date", "inspection__end_date", "inspection__date_precision")
AUTHORITY_FIELDS = ("id", "name", "ons_code", "end_date")


def _grades_by_authority(rows, db):
    """({authority id: [OverallGrade], oldest first}, {authority id: Authority}) from the cohort's rows."""
    by_authority, authorities, reformed = {}, {}, {}
    for pk, grade, rank, strand, inspection_id, kind, framework, start_date, end_date, precision, *authority in rows:
        if authority[0] not in authorities:
            # An Authority as .only(*AUTHORITY_FIELDS) would load it, from the same row.
            authorities[authority[0]] = Authority.from_db(db, AUTHORITY_FIELDS, authority)
        event = Event(inspection_id, kind, framework, start_date, end_date, precision)
        if strand == Strand.OVERALL:
            by_authority.setdefault(authority[0], []).append(OverallGrade(pk, grade, rank, event))
        else:  # a judgement of an inspection that made no overall one: one entry per inspection, with its four
            reformed.setdefault((authority[0], event), []).append((STRAND_LABELS[strand], grade))
    for (authority_id, event), judgements in reformed.items():
        pk = -event.pk  # not a judgement: the inspection stands for its four
        by_authority.setdefault(authority_id, []).append(OverallGrade(pk, None, None, event, None, tuple(judgements)))
    # The rows come by date: only a council with an inspection that made no overall judgement needs sorting again.
    for authority_id in {authority_id for authority_id, _ in reformed}:
        by_authority[authority_id].sort(key=lambda j: (j.inspection.start_date, j.no_overall))
    return by_authority, authorities


def cohort(year, user, as_at=None, inadequate=None, self_evaluations=True):
    """The cohort of a year, with the self-evaluations of its members that the user may see; years in grade count
    to `as_at` (the day the record is complete to; today if None). `inadequate`: the councils inadequate that year,
    if inadequate_councils() has been read already. Without `self_evaluations`, add_self_evaluations() gives them
    to the members shown (a page of the cohort, whose swimlanes draw them): a CSV needs none."""
    as_at = as_at or timezone.localdate()
    if inadequate is None:
        inadequate = overall_judgements().filter(grade=Grade.INADEQUATE, inspection__start_date__year=year)
        inadequate = set(inadequate.values_list("inspection__authority", flat=True))
    inadequate_authorities = set(inadequate)
    # Councils that replaced a member carry its record: they are in the cohort through it.
    links = Authority.predecessors.through.objects.filter(to_authority__in=inadequate_authorities).values_list(
        "to_authority_id", *[f"from_authority__{name}" for name in AUTHORITY_FIELDS])
    successors = {}
    for predecessor_id, *successor in links:
        successors.setdefault(predecessor_id, []).append(Authority.from_db(links.db, AUTHORITY_FIELDS, successor))
    successor_ids = [s.pk for group in successors.values() for s in group]
    reformed = without_overall_q("inspection__") & ~Q(strand=Strand.NONE)
    rows = (
        Judgement.objects.of_the_authority()
        .filter(Q(strand=Strand.OVERALL) | reformed)
        .filter(inspection__authority__in=[*inadequate_authorities, *successor_ids])
        .order_by("inspection__authority__name", "inspection__authority_id", "inspection__start_date", "position",
                  "pk")
        .values_list(*GRADE_FIELDS, *[f"inspection__authority__{name}" for name in AUTHORITY_FIELDS])
    )
    by_authority, authorities = _grades_by_authority(rows, rows.db)
    members = []
    for authority_id, grades in by_authority.items():
        first = next((j for j in grades if j.grade == Grade.INADEQUATE and j.inspection.start_date.year == year), None)
        if first is None:  # a successor, in the cohort only through its predecessor
            continue
        authority = authorities[authority_id]
        if authority.end_date and authority_id in successors:
            carried = [OverallGrade(j.pk, j.grade, j.grade_rank, j.inspection, authority, j.judgements) for j in grades]
            for successor in successors[authority_id]:
                own = by_authority.get(successor.pk, [])
                if any(j.grade == Grade.INADEQUATE and j.inspection.start_date.year == year for j in own):
                    continue  # in the cohort through its own inspection
                mine = sorted([*carried, *own], key=lambda j: (j.inspection.start_date, j.no_overall))
                marked = carried[grades.index(first)]
                members.append(Member(successor, mine, marked, as_at, via=authority))
        else:
            members.append(Member(authority, grades, first, as_at))
    members.sort(key=lambda m: (-m.improvement, m.years_to_good is None, m.years_to_good or 0, m.authority.name))
    if self_evaluations:
        add_self_evaluations(members, user)
    return Cohort(year, members)


def add_self_evaluations(members, user):
    """Gives each member the self-evaluations of its council that the user may see, with their claim counts, oldest
    first: one query, for the members given."""
    claims = Claim.objects.claims().filter(self_evaluation=OuterRef("pk")).order_by().values("self_evaluation")
    # Counted per self-evaluation by its index, not by grouping a join with every claim.
    claim_count = Coalesce(Subquery(claims.annotate(n=Count("pk")).values("n")), 0, output_field=IntegerField())
    self_evaluations = SelfEvaluation.objects.visible_to(user).filter(authority__in=[m.authority.pk for m in members])
    visible = {}
    for self_evaluation in self_evaluations.annotate(claim_count=claim_count).order_by("published"):
        visible.setdefault(self_evaluation.authority_id, []).append(self_evaluation)
    for member in members:
        member.self_evaluations = visible.get(member.authority.pk, [])
