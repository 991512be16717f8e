"""Rows of the journeys CSV: one per authority x inspection x judgement, in timeline order.

An authority's export carries its predecessors' inspections (a successor carries their record), each row under
the authority's own code and name with `inspected_authority` naming the council inspected; the national export
lists each inspection once, under the council inspected.
"""

from django.db.models import F, Prefetch

from inspections.grades import NO_OVERALL_LABEL
from inspections.models import Document, Inspection, Judgement

from .safety import safe_rows

COLUMNS = [
    "ons_code",
    "authority",
    "inspection_id",
    "kind",
    "framework",
    "start_date",
    "end_date",
    "published",
    "date_precision",
    "section",
    "area",
    "strand",
    "grade",
    "grade_rank",
    "source_document",
    "source_ref",
    "known_from",
    "inspected_authority",
    "framework_version",
    "overall_judgement",
]

# Prefetched once per chunk of inspections, so the query count does not grow with the data.
CHUNK_SIZE = 500


def journey_inspections(authority=None):
    """Inspections in export order, with their judgements and documents loaded in a constant number of queries."""
    inspections = Inspection.objects.all() if authority is None else Inspection.objects.of_record(authority)
    titles_only = Document.objects.only("id", "title", "published")
    return (
        inspections.select_related("authority", "known_from")
        .defer("known_from__text")
        .prefetch_related(
            Prefetch("judgements", queryset=Judgement.objects.select_related("document").defer("document__text")),
            Prefetch(
                "documents",
                queryset=titles_only.order_by(F("published").asc(nulls_last=True), "pk"),
                to_attr="documents_in_order",
            ),
        )
        .order_by(*(["authority__name", "authority_id"] if authority is None else []), "start_date", "pk")
    )


def journey_rows(inspections, authority=None):
    """Yield one list per CSV row (without the header) for each inspection of a queryset from
    journey_inspections(authority), each cell neutralised for spreadsheets (inspections.exports.safety)."""
    return safe_rows(_journey_rows(inspections, authority))


def _journey_rows(inspections, authority):
    for inspection in inspections.iterator(chunk_size=CHUNK_SIZE):
        event = _event_columns(inspection, authority or inspection.authority)
        about = [_known_from(inspection), inspection.authority.name, inspection.framework_version,
                 _overall_note(inspection)]
        judgements = sorted(inspection.judgements.all(), key=lambda j: (j.position, j.pk))
        if not judgements:
            first = inspection.documents_in_order[0].title if inspection.documents_in_order else ""
            yield [*event, "", "", "", "", "", first, "", *about]
        for judgement in judgements:
            yield [
                *event,
                judgement.section,
                judgement.area,
                judgement.strand,
                judgement.grade or "",
                "" if judgement.grade_rank is None else judgement.grade_rank,
                judgement.document.title,
                judgement.source_ref,
                *about,
            ]


def _overall_note(inspection):
    """Why a graded inspection has no overall judgement row: the 2026 framework makes none."""
    return "" if inspection.is_visit or inspection.makes_overall_judgement else NO_OVERALL_LABEL


def _event_columns(inspection, authority):
    return [
        authority.ons_code,
        authority.name,
        inspection.pk,
        inspection.kind,
        inspection.framework,
        _iso(inspection.start_date),
        _iso(inspection.end_date),
        _iso(inspection.published),
        inspection.date_precision,
    ]


def _known_from(inspection):
    return inspection.known_from.title if inspection.known_from else ""


def _iso(date):
    return date.isoformat() if date else ""
