"""A journey: from one starting document to the grades, findings and areas for improvement that came after.

The starting document is a report, a monitoring or focused visit letter, a joint targeted area inspection
letter, or a self-evaluation the user may see. Its own items (findings, areas for improvement, or claims with
their verdicts) are set theme by theme beside what later inspections and visits (JTAIs among them, ungraded) of
the same authority said on the same theme.

Every query here is a fixed number, whatever the size of the record: the facts of the authority from the
starting date on are loaded in one query per kind and split in Python. Of the later facts, each theme loads
and shows only its first few (LATER_SHOWN) with a count of the rest, unless the page opens that theme in full.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Max, Prefetch, Q, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber

from improvement.figures import checks_for
from improvement.models import Claim, ClaimAssessment
from improvement.templatetags.claim_figures import written_figure as figure_text
from inspections.access import visible_documents
from inspections.grades import Strand
from inspections.models import AreaForImprovement, Authority, Document, Finding, Inspection, Judgement
from inspections.models.latest import SHOWN_STRANDS

# The featured journeys: found by authority, document kind and the month of the visit or document, never by id.
FEATURED = (
    ("E06000016", Document.Kind.MONITORING_LETTER, datetime.date(2017, 4, 1), "from the April 2017 monitoring visit"),
    ("E10000018", Document.Kind.SELF_EVALUATION, datetime.date(2018, 2, 1), "from the February 2018 self-evaluation"),
)

# The line of service (judgement strand) each starting theme belongs to, so that a theme's section can show
# the later grades of that line. Themes admins add later have none; claims bring their own strand.
THEME_STRANDS = {
    "icpc-timeliness": Strand.HELP_AND_PROTECTION,
    "pre-proceedings-plo": Strand.HELP_AND_PROTECTION,
    "assessment-quality": Strand.HELP_AND_PROTECTION,
    "early-help-front-door": Strand.HELP_AND_PROTECTION,
    "missing-exploitation": Strand.HELP_AND_PROTECTION,
    "care-planning-permanence": Strand.CHILDREN_IN_CARE,
    "independent-reviewing-officers": Strand.CHILDREN_IN_CARE,
    "placement-stability-sufficiency": Strand.CHILDREN_IN_CARE,
    "health-of-children-in-care": Strand.CHILDREN_IN_CARE,
    "education-virtual-school": Strand.CHILDREN_IN_CARE,
    "care-leavers": Strand.CARE_LEAVERS,
    "supervision-oversight": Strand.LEADERSHIP,
    "caseloads": Strand.LEADERSHIP,
    "workforce-stability": Strand.LEADERSHIP,
    "partnership-safeguarding-board": Strand.LEADERSHIP,
    "performance-quality-assurance": Strand.LEADERSHIP,
    "leadership-corporate-parenting": Strand.LEADERSHIP,
}

VERDICT_LABELS = dict(ClaimAssessment.Verdict.choices)
# A theme section shows this many later grades and later items until it is opened in full (?theme=<slug>):
# a council's record from an early start holds hundreds of later findings.
LATER_SHOWN = 3
OPEN_THEMES = 2  # themes of the start shown unfolded: a featured journey then reads in about eight screens
EVERY = 10**9  # no limit


@dataclass
class Item:
    """One fact on the page: a claim, a finding, an area for improvement or a judgement."""

    kind: str
    text: str
    fact: object  # the model instance: its document and source_ref say where it comes from
    on: datetime.date  # the day of the event (or of the self-evaluation)
    inspection: Inspection | None = None
    grade: str | None = None
    figure: str = ""
    verdicts: list = field(default_factory=list)  # Verdicts: on a claim, or on the starting claim this evidences
    figure_check: object = None  # a figure claim's FigureCheck: set beside the official statistics

    @property
    def key(self):
        return (type(self.fact).__name__, self.fact.pk)


@dataclass
class Verdict:
    code: str
    assessment: ClaimAssessment
    other: Item | None = None  # the evidence (for a claim) or the claim (for a piece of evidence)

    @property
    def label(self):
        return VERDICT_LABELS[self.code]


@dataclass
class ThemeSection:
    theme: object  # a Theme, or None for items with no theme yet
    strands: list = field(default_factory=list)
    start_items: list = field(default_factory=list)
    later_items: list = field(default_factory=list)
    later_grades: list = field(default_factory=list)
    in_full: bool = False  # show every later grade and item, not only the first LATER_SHOWN of each
    is_open: bool = False  # unfolded when the page opens (the first OPEN_THEMES of the start, or in_full)
    later_item_count: int = 0  # later findings and areas for improvement on the theme, loaded or not

    @property
    def slug(self):
        return self.theme.slug if self.theme else "none"

    @property
    def anchor(self):
        return f"theme-{self.slug}"

    @property
    def later_grades_shown(self):
        return self.later_grades if self.in_full else self.later_grades[:LATER_SHOWN]

    @property
    def later_items_shown(self):
        return self.later_items if self.in_full else self.later_items[:LATER_SHOWN]

    @property
    def later_not_shown(self):
        """How many later grades and items the section leaves out until it is opened in full."""
        return len(self.later_grades) + self.later_item_count - len(self.later_grades_shown) \
            - len(self.later_items_shown)

    @property
    def title(self):
        return self.theme.name if self.theme else "Not yet given a theme"


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
    documents = documents.annotate(event_on=event_on).order_by("event_on", "pk")
    # The same report stored from two files (a reissue) is offered once: the later one, as Ofsted's current copy.
    once = {(d.kind, d.event_on, d.title.casefold()): d for d in documents}
    return sorted(once.values(), key=lambda d: (d.event_on or datetime.date.min, d.pk))


def featured_starts(user):
    """[(authority, start document or None, description)] for the featured journeys, in one query."""
    authorities = {a.ons_code: a for a in Authority.objects.filter(ons_code__in=[f[0] for f in FEATURED])}
    rule = Q()
    for ons_code, kind, month, _ in FEATURED:
        rule |= Q(authority__ons_code=ons_code, kind=kind) & _in_month(month)
    found = list(visible_documents(user, Document.objects.filter(rule).defer("text")).distinct().order_by("pk"))
    featured = []
    for ons_code, kind, month, description in FEATURED:
        if ons_code in authorities:
            document = next((d for d in found if d.authority_id == authorities[ons_code].pk and d.kind == kind), None)
            featured.append((authorities[ons_code], document, description))
    return featured


def _in_month(month):
    return (
        Q(inspections__start_date__year=month.year, inspections__start_date__month=month.month)
        | Q(published__year=month.year, published__month=month.month)
        | Q(self_evaluation__published__year=month.year, self_evaluation__published__month=month.month)
    )


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
    judgements = list(Judgement.objects.for_timeline(authority).select_related("document").defer("document__text"))
    events = list(Inspection.objects.of_record(authority).filter(start_date__gt=on).select_related("theme", "authority")
                  .order_by("start_date", "pk"))
    # One object per inspection, shared by its facts and grades: hundreds of facts name a few dozen events.
    inspections = {event.pk: event for event in events}
    if own:
        inspections[own.pk] = own
    documents = {}  # and one object per source document
    for judgement in judgements:
        judgement.inspection = inspections.setdefault(judgement.inspection_id, judgement.inspection)
        judgement.document = documents.setdefault(judgement.document_id, judgement.document)
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
    facts = [_fact_item(fact) for model in (Finding, AreaForImprovement)
             for fact in _facts(model, rule, inspections, documents, own, in_full)]
    facts.sort(key=lambda item: (item.on, item.inspection.pk, item.fact.position, item.fact.pk))
    if own:
        start_items = [item for item in facts if item.inspection.pk == own.pk]
        later_items = [item for item in facts if item.inspection.pk != own.pk]
    else:
        start_items, later_items = _claim_items(start), facts
    journey.sections = _sections(start_items, later_items, [_judgement_item(j) for j in later])
    counts = {(type(item.fact), item.fact.theme_id): item.fact.of_theme for item in later_items}
    for index, section in enumerate(journey.sections):
        section.in_full = section.slug == in_full
        section.is_open = section.in_full or (index < OPEN_THEMES and bool(section.start_items))
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


def _facts(model, rule, inspections, documents, own=None, in_full=None):
    """The facts of a rule that the page shows: all of the starting inspection's (`own`), and of the later
    ones the first LATER_SHOWN of each theme (every one for the theme shown in full, the slug `in_full`).

    Each fact takes its inspection from `inspections` and its document from `documents` (by id, adding those
    not there yet), and has `of_theme`: how many later facts of its kind its theme has, shown or not."""
    is_own = Case(When(inspection=own, then=Value(1)), default=Value(0)) if own else Value(0)
    every = [When(inspection=own, then=Value(EVERY))] if own else []
    if in_full:
        every.append(When(Q(theme__isnull=True) if in_full == "none" else Q(theme__slug=in_full), then=Value(EVERY)))
    partition = {"partition_by": [F("theme_id"), is_own]}
    facts = (
        model.objects.filter(rule)
        .annotate(
            rank=Window(RowNumber(), order_by=[F("inspection__start_date"), F("position"), F("pk")], **partition),
            of_theme=Window(Count("pk"), **partition),
            limit=Case(*every, default=Value(LATER_SHOWN), output_field=IntegerField()),
        )
        .filter(rank__lte=F("limit"))
        .select_related("theme", "document")
        .only(*FACT_FIELDS[model], "theme__slug", "theme__name", "document__title", "document__is_private")
        .order_by("inspection__start_date", "position", "pk")
    )
    for fact in facts:
        fact.inspection = inspections[fact.inspection_id]
        fact.document = documents.setdefault(fact.document_id, fact.document)
        yield fact


# What a journey reads of each kind of fact.
FACT_FIELDS = {
    Finding: ("kind", "text", "theme", "position", "source_ref", "document", "inspection"),
    AreaForImprovement: ("text", "theme", "position", "source_ref", "document", "inspection"),
}


def _fact_item(fact):
    kind = fact.get_kind_display() if isinstance(fact, Finding) else "Area for improvement"
    return Item(kind, fact.text, fact, fact.inspection.start_date, fact.inspection)


def _judgement_item(judgement):
    text = f"{judgement.section}: {judgement.area}" if judgement.section else judgement.area
    return Item("Judgement", text, judgement, judgement.inspection.start_date, judgement.inspection, judgement.grade)


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
        .select_related("theme", "document")
        .defer("document__text")
        .prefetch_related(Prefetch("assessments", queryset=assessments))
    )
    checks = checks_for(claims)  # no query unless a claim is a figure claim
    items = []
    for claim in claims:
        item = Item("Claim", claim.statement, claim, start.on, figure=figure_text(claim.figure, claim.unit),
                    figure_check=checks.get(claim.pk))  # the check is shown by _item.html (_figure_check.html)
        for assessment in claim.assessments.all():
            # An official figure is shown by the figure check, not as a later item of the journey.
            proof = None if assessment.measure_value_id else assessment.evidence
            other = _judgement_item(proof) if isinstance(proof, Judgement) else _fact_item(proof) if proof else None
            item.verdicts.append(Verdict(assessment.verdict, assessment, other))
        items.append(item)
    return items


def _sections(start_items, later_items, later_grades):
    """Theme sections: themes the start speaks of first (by name), then those raised only later."""
    sections = {}

    def section_of(item):
        theme = item.fact.theme
        return sections.setdefault(theme.pk if theme else None, ThemeSection(theme))

    evidence_of = {}  # evidence key -> verdicts on starting claims, so later items can show them too
    for item in start_items:
        section = section_of(item)
        section.start_items.append(item)
        strand = getattr(item.fact, "strand", Strand.NONE)
        if strand != Strand.NONE and strand not in section.strands:
            section.strands.append(strand)
        for verdict in item.verdicts:
            if verdict.other:
                seen_from_evidence = Verdict(verdict.code, verdict.assessment, item)
                evidence_of.setdefault(verdict.other.key, []).append((section, seen_from_evidence))
    for item in later_items:
        item.verdicts = [verdict for _, verdict in evidence_of.get(item.key, [])]
        section_of(item).later_items.append(item)
    for section in sections.values():
        default = THEME_STRANDS.get(section.theme.slug) if section.theme else None
        if default and default not in section.strands:
            section.strands.insert(0, default)
    for item in later_grades:
        linked = evidence_of.get(item.key, [])
        for section in sections.values():
            if item.fact.strand in section.strands or any(s is section for s, _ in linked):
                verdicts = [verdict for s, verdict in linked if s is section]
                section.later_grades.append(Item(**{**item.__dict__, "verdicts": verdicts}))
    return sorted(sections.values(), key=lambda s: (not s.start_items, s.theme is None, s.title))
