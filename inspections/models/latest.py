"""Query vocabulary for the dashboard: latest grades as they stood on a date, listings, neighbours.

Mixed into the QuerySets of authorities.py and record.py; the models are imported inside the methods
because record.py itself imports this module.
"""

import functools

from django.db.models import Case, Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from inspections.grades import Strand, Timescale

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
        return (
            self.of_the_authority()
            .filter(inspection__authority=authority)
            .exclude(strand=Strand.NONE)
            .select_related("inspection")
            .order_by("inspection__start_date", "position", "pk")
        )


class InspectionListingMixin:
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


def _latest_judgements(as_at):
    from .record import Judgement

    return (
        Judgement.objects.of_the_authority()
        .known_by(as_at)
        .filter(inspection__authority=OuterRef("pk"))
        .latest_first()
    )


# The annotations below are built once per date and reused: building eleven subqueries took longer than
# running them. annotate() resolves a copy of each expression, never the cached one.
@functools.lru_cache(maxsize=32)
def _overall_annotations(as_at):
    overall = _latest_judgements(as_at).filter(strand=Strand.OVERALL)
    return {
        "overall_grade": Subquery(overall.values("grade")[:1]),
        "overall_rank": Subquery(overall.values("grade_rank")[:1], output_field=IntegerField()),
        "overall_on": Subquery(overall.values("known_on")[:1]),
    }


@functools.lru_cache(maxsize=32)
def _strand_annotations(as_at):
    judgements = _latest_judgements(as_at)
    annotations = {}
    for strand in SHOWN_STRANDS[1:]:
        of_strand = judgements.filter(strand=strand)
        annotations[f"{strand}_grade"] = Subquery(of_strand.values("grade")[:1])
        annotations[f"{strand}_rank"] = Subquery(of_strand.values("grade_rank")[:1], output_field=IntegerField())
    annotations["latest_inspection_id"] = Subquery(judgements.values("inspection_id")[:1])
    return annotations


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
        `as_at` (today if None), and when it became known."""
        return self.annotate(**_overall_annotations(as_at))

    def with_latest_grades(self, as_at=None):
        """with_latest_overall(), plus `<strand>_grade` (the framework's word) and `<strand>_rank` (1 best .. 4)
        for the other SHOWN_STRANDS, `latest_inspection_id` (the latest graded inspection) and `open_areas`
        (its areas for improvement)."""
        return (
            self.with_latest_overall(as_at)
            .annotate(**_strand_annotations(as_at))
            .annotate(open_areas=_open_areas())
        )

    def with_latest_report(self):
        """`latest_reported`: whether the latest graded inspection (annotated by with_latest_grades()) has a
        document besides the statistics workbook, from which its areas for improvement could be read."""
        return self.annotate(latest_reported=_latest_reported())

    def grade_counts(self, as_at=None, by=()):
        """How many authorities have each latest overall rank: rows of {*by, "overall_rank", "n"}."""
        rows = self.with_latest_overall(as_at).values(*by, "overall_rank").annotate(n=Count("pk"))
        return rows.order_by(*by, "overall_rank")

    def neighbours_of(self, authority):
        """The authority's statistical neighbours, closest first, with `position`."""
        from .authorities import StatisticalNeighbour

        links = StatisticalNeighbour.objects.filter(authority=authority)
        return (
            self.filter(pk__in=links.values("neighbour_id"))
            .annotate(position=Subquery(links.filter(neighbour=OuterRef("pk")).values("position")[:1]))
            .order_by("position")
        )

    def with_neighbours(self, ons_code):
        """The authority with this ONS code and its statistical neighbours, in one query (the neighbours with
        their `position`, closest first; the authority's is None). Split them with split_neighbours()."""
        from .authorities import StatisticalNeighbour

        links = StatisticalNeighbour.objects.filter(authority__ons_code=ons_code)
        return (
            self.filter(Q(ons_code=ons_code) | Q(pk__in=links.values("neighbour_id")))
            .annotate(position=Subquery(links.filter(neighbour=OuterRef("pk")).values("position")[:1]))
            .order_by("position")
        )


def split_neighbours(authorities, ons_code):
    """(the authority or None, its neighbours closest first) from a with_neighbours(ons_code) queryset."""
    authorities = list(authorities)
    authority = next((a for a in authorities if a.ons_code == ons_code), None)
    return authority, [a for a in authorities if a is not authority]
