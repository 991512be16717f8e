"""A journey: from one starting document to the grades, findings and areas for improvement that came after.

The starting document is a report, a monitoring or focused visit letter, a joint targeted area inspection
letter, or a self-evaluation the user may see. Its own items (findings, areas for improvement, or claims with
their verdicts) are set theme by theme beside what later inspections and visits (JTAIs among them, ungraded) of
the same authority said on the same theme.

Every query here is a fixed number, whatever the size of the record: the facts of the authority from the
starting date on are loaded in two queries per kind (their places, then those shown) and split in Python.
Of the later facts, each theme loads and shows only its first few (LATER_SHOWN) with a count of the rest,
unless the page opens that theme in full.
The facts as the page shows them are in items.py; the theme sections, and which of them open, in sections.py.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce

from improvement.figures import checks_for
from improvement.models import Claim, ClaimAssessment
from improvement.templatetags.claim_figures import written_figure as figure_text
from inspections.access import visible_documents
from inspections.grades import Strand
from inspections.models import AreaForImprovement, Authority, Document, Finding, Inspection, Judgement, Theme
from inspections.models.latest import SHOWN_STRANDS

from .items import VERDICT_LABELS, Item, Verdict, fact_item, judgement_item
from .sections import (
    LATER_GRADES_SHOWN,
    LATER_SHOWN,
    OPEN_THEMES,
    START_SHOWN,
    THEME_STRANDS,
    ThemeSection,
    build_sections,
    open_the_most_telling,
)

__all__ = [  # what the pages and tests use, whichever module of the package holds it
    "FEATURED", "LATER_GRADES_SHOWN", "LATER_SHOWN", "OPEN_THEMES", "START_SHOWN", "THEME_STRANDS",
    "VERDICT_LABELS", "Item", "Journey", "Start", "ThemeSection", "Verdict", "build_journey", "choose_start",
    "documents_for", "featured_starts", "figure_text",
]

# The featured journeys: found by authority, document kind and the month of the visit or document, never by id.
FEATURED = (
    ("E06000016", Document.Kind.MONITORING_LETTER, datetime.date(2017, 4, 1), "from the April 2017 monitoring visit"),
    ("E10000018", Document.Kind.SELF_EVALUATION, datetime.date(2018, 2, 1), "from the February 2018 self-evaluation"),
)


@dataclass
class Start:
    document: Document
    on: datetime.date
    inspection: Inspection | None = None  # the event the document reports; None for a self-evaluation
    is_default: bool = False

    @property
    def is_self_evaluation(self):
        return self.document.kind == Document.Kind.SELF_EVALUATION


@dataclass
class Journey:
    authority: Authority
    start: Start | None
    standing: list  # judgements in force at the start, one per strand (the start's own, for a report)
    later: list  # judgements after the start, in date order
    later_events: list  # inspections and visits after the start
    sections: list = field(default_factory=list)
    # The overall grade the start's latest inspection superseded by making none (2026 framework), or None.
    superseded_overall: Judgement | None = None

    @property
    def start_sections(self):
        return [section for section in self.sections if section.start_items]

    @property
    def later_only_sections(self):
        return [section for section in self.sections if not section.start_items]

    def visible_document_ids(self):
        """Documents whose links the page may show: public ones, and the start (chosen among the visible)."""
        ids = {self.start.document.pk} if self.start else set()
        for section in self.sections:
            for item in [*section.start_items, *section.later_items_shown, *section.later_grades_shown]:
                facts = [item.fact, *[v.other.fact for v in item.verdicts if v.other]]
                ids |= {fact.document.pk for fact in facts if not fact.document.is_private}
        return ids


def documents_for(authority, user):
    """The authority's documents the user may see, oldest event first, each with `event_on`, each report once.

    A report is also linked to the earlier inspections it cites, so its own event is its latest one.
    """
    own = Document.objects.filter(Q(authority=authority) | Q(authority__in=authority.predecessors.all()))  # theirs too
    documents = visible_documents(user, own.exclude(kind=Document.Kind.STATISTICS).defer("text"))
    event_on = Coalesce(Max("inspections__start_date"), "published", "self_evaluation__published")
    # review_pk: a self-evaluation's, for the link to its review (improvement.review), with no query of its own.
    documents = documents.annotate(event_on=event_on, review_pk=F("self_evaluation")).order_by("event_on", "pk")
    # The same report stored from two files (a reissue) is offered once: the later one, as Ofsted's current copy.
    once = {(d.kind, d.event_on, d.title.casefold()): d for d in documents}
    return sorted(once.values(), key=lambda d: (d.event_on or datetime.date.min, d.pk))


def featured_starts(user):
    """[(authority, start document, description)] for the featured journeys the user may open, in one query.

    A featured start the user may not see (another council's private self-evaluation) is left out altogether:
    even its description would tell a user of another council that the self-evaluation exists."""
    pairs = Q()
    for ons_code, kind, _, _ in FEATURED:
        pairs |= Q(authority__ons_code=ons_code, kind=kind)
    # The featured councils' documents of those kinds, a row per inspection each reports, with the days its month
    # is read from: a handful of rows, matched here, where the month's six date lookups in SQL cost more to build
    # than the query takes to run.
    found = list(visible_documents(user, Document.objects.filter(pairs)).select_related("authority").defer("text")
                 .annotate(inspected=F("inspections__start_date"), evaluated=F("self_evaluation__published"))
                 .order_by("pk"))
    featured = []
    for ons_code, kind, month, description in FEATURED:
        document = next((d for d in found if d.authority.ons_code == ons_code and d.kind == kind
                         and any(_in_month(day, month) for day in (d.inspected, d.published, d.evaluated))), None)
        if document is not None:
            featured.append((document.authority, document, description))
    return featured


def _in_month(day, month):
    return day is not None and (day.year, day.month) == (month.year, month.month)


def choose_start(authority, documents, start_id, featured=()):
    """The chosen document if it is one of `documents`, else the featured start, else the earliest document."""
    by_id = {document.pk: document for document in documents}
    document = by_id.get(start_id)
    is_default = document is None
    if document is None:
        document = next((d for a, d, _ in featured if a.pk == authority.pk and d and d.pk in by_id), None)
        document = by_id[document.pk] if document else next(iter(documents), None)
    if document is None:
        return None
    inspection = None
    if document.kind != Document.Kind.SELF_EVALUATION:
        inspection = (Inspection.objects.filter(documents=document).select_related("theme", "authority")
                      .order_by("-start_date").first())
    # A document with no date at all starts before everything on record.
    on = inspection.start_date if inspection else document.event_on or datetime.date.min
    return Start(document, on, inspection, is_default)


def build_journey(authority, start, in_full=None):
    """The journey of an authority from a start (or, with none, its whole record).

    `in_full`: the slug of a theme section to show in full (every later grade and item), or None."""
    on = start.on if start else datetime.date.min
    own = start.inspection if start else None
    # The judgements without their inspections: every inspection of the record is read once, below, rather than
    # once per judgement (five or more each).
    judgements = Judgement.objects.for_timeline(authority).select_related(None).annotate(**DOCUMENT_COLUMNS)
    db, judgements = judgements.db, list(judgements)
    record = list(Inspection.objects.of_record(authority).select_related("theme", "authority")
                  .order_by("start_date", "pk"))
    events = [event for event in record if event.start_date > on]
    # One object per inspection, shared by its facts and grades: hundreds of facts name a few dozen events.
    inspections = {event.pk: event for event in record}
    if own:
        inspections[own.pk] = own
    documents, themes = {}, {}  # and one object per source document, and per theme
    for judgement in judgements:
        # (for_timeline reads the judgements of the record's inspections: each is in `inspections`)
        _share(judgement, "inspection", inspections.get(judgement.inspection_id) or judgement.inspection)
        _share(judgement, "document", _document_of(judgement, documents, db))
    standing, superseded = _standing(judgements, on)
    later = [j for j in judgements if j.inspection.start_date > on]
    overall = {j.inspection_id: j for j in later if j.strand == Strand.OVERALL}
    for judgement in later:  # an inspection that made no overall judgement shows its four instead
        if not judgement.inspection.makes_overall_judgement:
            judgement.inspection.__dict__.setdefault("four_judgements", []).append(judgement)
    later_events = [(event, overall.get(event.pk)) for event in events]
    journey = Journey(authority, start, standing, later, later_events, superseded_overall=superseded)
    if start is None:
        return journey

    # By id, not by authority and date: an OR of the two reads every finding of every council.
    rule = Q(inspection__in=[event.pk for event in events] + ([own.pk] if own else []))
    facts = [fact_item(fact) for model in (Finding, AreaForImprovement)
             for fact in _facts(model, rule, inspections, documents, themes, own, in_full)]
    facts.sort(key=lambda item: (item.on, item.inspection.pk, item.fact.position, item.fact.pk))
    if own:
        start_items = [item for item in facts if item.inspection.pk == own.pk]
        later_items = [item for item in facts if item.inspection.pk != own.pk]
    else:
        start_items, later_items = _claim_items(start), facts
    sections = build_sections(start_items, later_items, [judgement_item(j) for j in later])
    journey.sections = open_the_most_telling(sections, start, in_full)
    counts = {(type(item.fact), item.fact.theme_id): item.fact.of_theme for item in later_items}
    for section in journey.sections:
        theme_id = section.theme.pk if section.theme else None
        section.later_item_count = sum(n for (_, theme), n in counts.items() if theme == theme_id)
    return journey


def _standing(judgements, on):
    """The grade of each strand in force on the start's date (its latest judgement on or before it), and the
    overall grade superseded by a later inspection that made none (2026 framework), or None."""
    latest, superseded = {}, None
    for judgement in judgements:
        if judgement.inspection.start_date <= on:
            latest[judgement.strand] = judgement
            overall = latest.get(Strand.OVERALL)
            if not judgement.inspection.makes_overall_judgement and overall:
                superseded = latest.pop(Strand.OVERALL)
            elif judgement.strand == Strand.OVERALL:
                superseded = None
    return [latest[strand] for strand in SHOWN_STRANDS if strand in latest], superseded


def _facts(model, rule, inspections, documents, themes, own=None, in_full=None):
    """The facts of a rule that the page shows, nearest the start first: all of the starting inspection's
    (`own`), and of the later ones the first LATER_SHOWN of each theme (every one for the theme shown in full,
    the slug `in_full`).

    Two queries, whatever the size of the record: the place of every fact (id, theme, inspection, position:
    small tuples, chosen from in Python), then the facts chosen, in full. (A window function in the database
    did the choosing in one, but Django's wrapping of a filtered window costs more to compile than both.)
    Each fact takes its inspection from `inspections`, and its document and theme from `documents` and `themes`
    (by id, adding those not there yet), and has `of_theme`: how many later facts of its kind its theme has, shown
    or not."""
    # Unordered (.order_by()): sorted here, and the model's ordering ("inspection" first) would join every fact to
    # its inspection and authority for nothing.
    places = model.objects.filter(rule).order_by().values_list("pk", "theme_id", "theme__slug", "inspection_id",
                                                               "position")
    places = sorted(places, key=lambda place: (inspections[place[3]].start_date, place[3], place[4], place[0]))
    of_theme, chosen = Counter(), []
    for pk, theme_id, slug, inspection_id, _ in places:
        if own is not None and inspection_id == own.pk:
            chosen.append(pk)
            continue
        of_theme[theme_id] += 1
        if of_theme[theme_id] <= LATER_SHOWN or (in_full is not None and (slug or "none") == in_full):
            chosen.append(pk)
    facts = model.objects.filter(pk__in=chosen).order_by().only(*FACT_FIELDS[model]).annotate(
        **THEME_COLUMNS, **DOCUMENT_COLUMNS)
    db, facts = facts.db, facts.in_bulk()
    for pk in chosen:
        fact = facts[pk]
        _share(fact, "inspection", inspections[fact.inspection_id])
        _share(fact, "document", _document_of(fact, documents, db))
        _share(fact, "theme", _theme_of(fact, themes, db))
        fact.of_theme = of_theme[fact.theme_id]
        yield fact


# What a journey reads of each kind of fact.
FACT_FIELDS = {
    Finding: ("kind", "text", "theme", "position", "source_ref", "document", "inspection"),
    AreaForImprovement: ("text", "theme", "position", "source_ref", "document", "inspection"),
}


# Of the document of a judgement, fact or claim, what source() shows, and of its theme what its section shows, read
# beside it (annotate(**DOCUMENT_COLUMNS)) rather than as an object of its own (select_related): a dozen documents
# and themes are shared by a hundred judgements and facts or more, and each object costs more than its columns.
DOCUMENT_COLUMNS = {"document_title": F("document__title"), "document_is_private": F("document__is_private")}
THEME_COLUMNS = {"theme_slug": F("theme__slug"), "theme_name": F("theme__name")}


def _theme_of(row, themes, db):
    """The theme of a fact or claim read with THEME_COLUMNS (None for none), one object per theme in `themes`."""
    if row.theme_id is None:
        return None
    theme = themes.get(row.theme_id)
    if theme is None:
        theme = themes[row.theme_id] = Theme.from_db(db, ("id", "slug", "name"),
                                                     (row.theme_id, row.theme_slug, row.theme_name))
    return theme


def _document_of(row, documents, db):
    """The document of a judgement or fact read with DOCUMENT_COLUMNS: from `documents` (by id), made and added
    there with only those fields if not there yet (its other fields are read only if asked for, as with only())."""
    document = documents.get(row.document_id)
    if document is None:
        document = documents[row.document_id] = Document.from_db(
            db, ("id", "title", "is_private"), (row.document_id, row.document_title, row.document_is_private))
    return document


def _share(instance, relation, value):
    """instance.<relation> = value, for the object of the id the instance already holds (or None for none): put in
    the relation's cache directly, without the assignment's checks of type and database router, which cost a few
    microseconds a time on the several hundred judgements and facts of a journey."""
    instance._meta.get_field(relation).set_cached_value(instance, value)


def _claim_items(start):
    """The self-evaluation's claims (rejected ones left out), each with its verdicts and their evidence."""
    evidence = ("judgement", "finding", "area_for_improvement")
    assessments = ClaimAssessment.objects.select_related(
        *[f"{name}__inspection" for name in evidence], *[f"{name}__document" for name in evidence], "finding__theme",
        "area_for_improvement__theme",
    ).defer(*[f"{name}__document__text" for name in evidence]).order_by("assessed_on", "pk")
    claims = (
        Claim.objects.filter(self_evaluation__document=start.document)
        .exclude(status=Claim.Status.REJECTED)
        .annotate(**THEME_COLUMNS, **DOCUMENT_COLUMNS)  # (their document is the start's, but for an odd one)
        # The model's order within its one self-evaluation, without ordering by the self-evaluation (its council's
        # name, its date: two joins more to compile and run for nothing).
        .order_by("position", "pk")
    )
    db, claims, documents, themes = claims.db, list(claims), {start.document.pk: start.document}, {}
    for claim in claims:
        _share(claim, "document", _document_of(claim, documents, db))
        _share(claim, "theme", _theme_of(claim, themes, db))
    # Their assessments in one query, set beside each claim here, as prefetch_related("assessments") would (which
    # also makes a queryset of its own for every claim, costing more than the query).
    assessed = {}
    for assessment in assessments.filter(claim_id__in=[claim.pk for claim in claims]):
        assessed.setdefault(assessment.claim_id, []).append(assessment)
    checks = checks_for(claims)  # no query unless a claim is a figure claim
    items = []
    for claim in claims:
        item = Item("Claim", claim.statement, claim, start.on, figure=figure_text(claim.figure, claim.unit),
                    figure_check=checks.get(claim.pk))  # shown by journey_items.item_html (_figure_check.html)
        for assessment in assessed.get(claim.pk, ()):
            _share(assessment, "claim", claim)
            # An official figure is shown by the figure check, not as a later item of the journey.
            proof = None if assessment.measure_value_id else assessment.evidence
            other = judgement_item(proof) if isinstance(proof, Judgement) else fact_item(proof) if proof else None
            item.verdicts.append(Verdict(assessment.verdict, assessment, other))
        items.append(item)
    return items


