"""Query vocabulary for the dashboard: latest grades as they stood on a date, listings, neighbours.

Mixed into the QuerySets of authorities.py and record.py; the models are imported inside the methods
because record.py itself imports this module.
"""

import functools

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from inspections.grades import ILACS_REFORM, NO_OVERALL_VERSION, Framework, Strand, Timescale

# The strands the dashboard follows, in the order it shows them.
SHOWN_STRANDS = (
    Strand.OVERALL,
    Strand.HELP_AND_PROTECTION,
    Strand.CHILDREN_IN_CARE,
    Strand.CARE_LEAVERS,
    Strand.LEADERSHIP,
)


def known_on(prefix=""):
    """The day a grade became known: publication, else the inspection's last or first day."""
    return Coalesce(f"{prefix}published", f"{prefix}end_date", f"{prefix}start_date")


def without_overall_q(prefix=""):
    """Inspections that make no overall judgement (grades.makes_overall_judgement, in SQL)."""
    return Q(**{f"{prefix}framework": Framework.ILACS}) & (
        Q(**{f"{prefix}framework_version": NO_OVERALL_VERSION})
        | Q(**{f"{prefix}framework_version": "", f"{prefix}start_date__gte": ILACS_REFORM})
    )


def of_record_q(authority, prefix=""):
    """The authority's own inspections and those of the councils it replaced (Authority.predecessors): a
    successor carries its predecessors' record. One IN over a subquery of the councils, which the database
    reads once and then looks up by its authority index (an OR of the two would read every inspection), and
    which never repeats the inspections of a council with two successors, as a join would."""
    from .authorities import Authority

    authority = getattr(authority, "pk", authority)
    record = Authority.objects.filter(Q(pk=authority) | Q(successors=authority)).values("pk")
    return Q(**{f"{prefix}authority__in": record})


class JudgementQuerySet(QuerySet):
    def of_the_authority(self):
        """Graded judgements of the authority itself: the LSCB review grades the board, not the council."""
        return (
            self.filter(grade__isnull=False)
            .exclude(section__icontains="safeguarding children board")
            .exclude(section__istartswith="LSCB")
        )

    def known_by(self, as_at=None):
        """Annotates `known_on`; with a date, keeps the grades already known that day."""
        judgements = self.annotate(known_on=known_on("inspection__"))
        return judgements if as_at is None else judgements.filter(known_on__lte=as_at)

    def latest_first(self):
        return self.order_by("-inspection__start_date", "-inspection_id", "position", "pk")

    def for_timeline(self, authority):
        """The authority's graded judgements by strand, its predecessors' included (inspection.authority says
        whose they are)."""
        return (
            self.of_the_authority()
            .filter(of_record_q(authority, "inspection__"))
            .exclude(strand=Strand.NONE)
            .select_related("inspection", "inspection__authority")
            .order_by("inspection__start_date", "position", "pk")
        )


class InspectionListingMixin:
    def of_record(self, authority):
        """The authority's inspections and visits, with those of the councils it replaced."""
        return self.filter(of_record_q(authority))

    def without_overall_judgement(self):
        return self.filter(without_overall_q())

    def listed(self):
        """For tables of inspections: what a row shows, without a query per row."""
        return self.select_related("authority", "known_from", "theme").prefetch_related("judgements")

    def cited_by(self, inspection):
        """Earlier inspections that this inspection's reports cite: those known only from them, and those the
        importer matched a citation to (the report is then among their documents). Statistics are no citation."""
        from .documents import Document

        reports = inspection.documents.exclude(kind=Document.Kind.STATISTICS)
        return (
            self.filter(Q(known_from__in=reports) | Q(documents__in=reports), start_date__lt=inspection.start_date)
            .exclude(pk=inspection.pk)
            .distinct()
            .listed()
            .order_by("start_date")
        )

    def detailed(self):
        """An inspection page's record: areas for improvement by timescale, findings by theme."""
        from .record import AreaForImprovement, Finding, Judgement

        timescales = Case(*[When(timescale=t, then=Value(i)) for i, t in enumerate(Timescale)])
        areas = AreaForImprovement.objects.select_related("theme", "document").order_by(timescales, "position", "pk")
        findings = Finding.objects.select_related("theme", "document").order_by(
            F("theme__name").asc(nulls_last=True), "position", "pk"
        )
        return self.select_related("authority", "theme", "known_from", "follows").prefetch_related(
            Prefetch("judgements", queryset=Judgement.objects.select_related("document")),
            Prefetch("areas_for_improvement", queryset=areas),
            Prefetch("findings", queryset=findings),
        )


def _latest_judgements(as_at, of_predecessors=False):
    """The graded judgements of the outer authority (OuterRef("pk")), latest first: its own, or with
    `of_predecessors` those of the councils it replaced."""
    from .authorities import Authority
    from .record import Judgement

    if of_predecessors:
        predecessors = Authority.predecessors.through.objects.filter(from_authority=OuterRef(OuterRef("pk")))
        record = Q(inspection__authority__in=predecessors.values("to_authority"))
    else:
        record = Q(inspection__authority=OuterRef("pk"))
    return Judgement.objects.of_the_authority().known_by(as_at).filter(record).latest_first()


def _own_else_predecessors(as_at, field, output_field=None, **filters):
    """The latest judgement's `field`: of the authority's own record, else (for a council formed by a
    reorganisation and not inspected itself yet) of its predecessors'. Two subqueries rather than one over both
    records: SQLite reads an OR of the two without its index, fifty times slower, and the database evaluates the
    second only where the first is NULL. Own inspections always come after a predecessor's, so the latest of
    both records is the own one whenever there is one."""
    own, theirs = (_latest_judgements(as_at, of).filter(**filters).values(field)[:1] for of in (False, True))
    return Coalesce(Subquery(own), Subquery(theirs), output_field=output_field)


def _inherited(as_at, field="inspection__authority_id", **filters):
    """The authority's own id if its own record has such a judgement, else the predecessor's its latest one is."""
    own = Exists(_latest_judgements(as_at).filter(**filters))
    theirs = Subquery(_latest_judgements(as_at, True).filter(**filters).values(field)[:1])
    return Case(When(own, then=F("pk")), default=theirs, output_field=IntegerField())


def _superseding_on(as_at):
    """The day the latest graded inspection became known if it made no overall judgement (2026 framework), else
    None: its record's (own, else its predecessors')."""
    def superseding(of):
        judgements = _latest_judgements(as_at, of).annotate(
            superseding_on=Case(When(without_overall_q("inspection__"), then=F("known_on")), default=None)
        )
        return Subquery(judgements.values("superseding_on")[:1])

    return Case(When(Exists(_latest_judgements(as_at)), then=superseding(False)), default=superseding(True))


# The annotations below are built once per date and reused: building eleven subqueries took longer than
# running them. annotate() resolves a copy of each expression, never the cached one.
@functools.lru_cache(maxsize=32)
def _overall_annotations(as_at):
    overall = {"strand": Strand.OVERALL}
    return {
        "overall_grade": _own_else_predecessors(as_at, "grade", **overall),
        "overall_rank": _own_else_predecessors(as_at, "grade_rank", IntegerField(), **overall),
        "overall_on": _own_else_predecessors(as_at, "known_on", **overall),
        "overall_authority_id": _inherited(as_at, **overall),
        "no_overall_on": _superseding_on(as_at),
    }


@functools.lru_cache(maxsize=32)
def _strand_annotations(as_at):
    annotations = {}
    for strand in SHOWN_STRANDS[1:]:
        annotations[f"{strand}_grade"] = _own_else_predecessors(as_at, "grade", strand=strand)
        annotations[f"{strand}_rank"] = _own_else_predecessors(as_at, "grade_rank", IntegerField(), strand=strand)
    annotations["latest_inspection_id"] = _own_else_predecessors(as_at, "inspection_id", IntegerField())
    annotations["latest_authority_id"] = _inherited(as_at)
    return annotations


def no_overall_expression():
    """In SQL, after with_latest_overall(): whether the latest inspection made no overall judgement."""
    return ExpressionWrapper(Q(no_overall_on__isnull=False), output_field=BooleanField())


def graded_on_expression():
    """In SQL, after with_latest_overall(): Authority.graded_on (the day the latest grades became known)."""
    return Coalesce("no_overall_on", "overall_on")


@functools.lru_cache(maxsize=1)
def _open_areas():
    from .record import AreaForImprovement

    areas = (
        AreaForImprovement.objects.filter(inspection=OuterRef("latest_inspection_id"))
        .order_by()
        .values("inspection")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(areas), Value(0))


def _latest_reported():
    from django.db.models import Exists

    from .documents import Document

    # The statistics workbook grades an inspection but lists none of its areas for improvement.
    documents = Document.objects.filter(inspections=OuterRef("latest_inspection_id")).exclude(
        kind=Document.Kind.STATISTICS
    )
    return Exists(documents)


class LatestGradesMixin:
    def with_latest_overall(self, as_at=None):
        """Annotates `overall_grade`, `overall_rank` and `overall_on`: the latest overall grade as it stood on
        `as_at` (today if None), and when it became known; `overall_authority_id`, the council inspected (a
        predecessor's for a successor not yet inspected itself); `no_overall_on`, the day the latest graded
        inspection became known if it made no overall judgement (2026 framework; the overall grade is then
        superseded), else None (Authority.no_overall and Authority.graded_on read them; no_overall_expression()
        and graded_on_expression() are the same in SQL, left out here: each repeats the subqueries)."""
        return self.annotate(**_overall_annotations(as_at))

    def with_latest_grades(self, as_at=None):
        """with_latest_overall(), plus `<strand>_grade` (the framework's word) and `<strand>_rank` (1 best .. 4)
        for the other SHOWN_STRANDS, `latest_inspection_id` (the latest graded inspection) and `open_areas`
        (its areas for improvement)."""
        return (
            self.with_latest_overall(as_at)
            .annotate(**_strand_annotations(as_at))
            .annotate(open_areas=_open_areas())
            .prefetch_related("predecessors")  # to name a predecessor whose grades a successor carries
        )

    def with_latest_report(self):
        """`latest_reported`: whether the latest graded inspection (annotated by with_latest_grades()) has a
        document besides the statistics workbook, from which its areas for improvement could be read."""
        return self.annotate(latest_reported=_latest_reported())

    def grade_counts(self, as_at=None, by=()):
        """How many authorities have each latest overall rank: a list of {*by, "overall_rank", "no_overall", "n"}
        (`no_overall`: the latest inspection made no overall judgement; its overall_rank is a superseded one)."""
        return _counted(_standings(self, as_at), by)


    def neighbours_of(self, authority):
        """The authority's statistical neighbours, closest first, with `position`."""
        from .authorities import StatisticalNeighbour

        links = StatisticalNeighbour.objects.in_force().filter(authority=authority)
        return (
            self.filter(pk__in=links.values("neighbour_id"))
            .annotate(position=Subquery(links.filter(neighbour=OuterRef("pk")).values("position")[:1]))
            .order_by("position")
        )

    def with_neighbours(self, ons_code):
        """The authority with this ONS code and its statistical neighbours, in one query (the neighbours with
        their `position`, closest first; the authority's is None). Split them with split_neighbours()."""
        from .authorities import StatisticalNeighbour

        links = StatisticalNeighbour.objects.in_force().filter(authority__ons_code=ons_code)
        return (
            self.filter(Q(ons_code=ons_code) | Q(pk__in=links.values("neighbour_id")))
            .annotate(position=Subquery(links.filter(neighbour=OuterRef("pk")).values("position")[:1]))
            .order_by("position")
        )


# Only the two annotations counted, and counted in Python: grouping in SQL repeats their subqueries in the GROUP BY,
# and each annotation left unused still costs the building of its subqueries.
def _standings(authorities, as_at):
    annotations = _overall_annotations(as_at)
    return authorities.annotate(overall_rank=annotations["overall_rank"], no_overall_on=annotations["no_overall_on"])


@functools.lru_cache(maxsize=32)
def _current_standings(as_at):
    from .authorities import Authority

    return _standings(Authority.objects.current(), as_at)


def current_grade_counts(as_at=None, by=()):
    """Authority.objects.current().grade_counts(as_at, by), from SQL compiled once per date and grouping: resolving
    and compiling its subqueries cost more than running them (the authority page counts every region's). `by`:
    fields read as the database gives them (text, numbers), as ofsted_region."""
    db, sql, params = _current_counts_sql(as_at, tuple(by))
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return _tally(cursor.fetchall(), by)


@functools.lru_cache(maxsize=32)
def _current_counts_sql(as_at, by):
    """The text of current_grade_counts()'s query and its parameters, not its answer: each count reads the record."""
    standings = _current_standings(as_at).order_by(*by, "overall_rank").values_list(*by, "overall_rank", "no_overall_on")
    return standings.db, *standings.query.get_compiler(using=standings.db).as_sql()


def _counted(standings, by):
    return _tally(standings.order_by(*by, "overall_rank").values_list(*by, "overall_rank", "no_overall_on"), by)


def _tally(rows, by):
    counts = {}
    for *values, rank, no_overall_on in rows:
        key = (*values, rank, no_overall_on is not None)
        counts[key] = counts.get(key, 0) + 1
    return [{**dict(zip(by, key[:-2])), "overall_rank": key[-2], "no_overall": key[-1], "n": n}
            for key, n in counts.items()]


def split_neighbours(authorities, ons_code):
    """(the authority or None, its neighbours closest first) from a with_neighbours(ons_code) queryset."""
    authorities = list(authorities)
    authority = next((a for a in authorities if a.ons_code == ons_code), None)
    return authority, [a for a in authorities if a is not authority]
