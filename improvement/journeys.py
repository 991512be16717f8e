"""A journey: from one starting document to the grades, findings and areas for improvement that came after.

The starting document is a report, a monitoring or focused visit letter, or a self-evaluation the user may
see. Its own items (findings, areas for improvement, or claims with their verdicts) are set theme by theme
beside what later inspections and visits of the same authority said on the same theme.

Every query here is a fixed number, whatever the size of the record: the facts of the authority from the
starting date on are loaded in one query per kind and split in Python.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, Q
from django.db.models.functions import Coalesce

from improvement.access import visible_documents
from improvement.models import Claim, ClaimAssessment
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

    @property
    def anchor(self):
        return f"theme-{self.theme.slug}" if self.theme else "theme-none"

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

    @property
    def start_sections(self):
        return [section for section in self.sections if section.start_items]

    @property
    def later_only_sections(self):
        return [section for section in self.sections if not section.start_items]


def documents_for(authority, user):
    """The authority's documents the user may see, oldest event first, each annotated with `event_on`.

    A report is also linked to the earlier inspections it cites, so its own event is its latest one.
    """
    documents = authority.documents.exclude(kind=Document.Kind.STATISTICS).defer("text")
    documents = visible_documents(user, documents).annotate(event_on=Coalesce(Max("inspections__start_date"), "published"))
    return documents.order_by("event_on", "pk")


def featured_starts(user):
    """[(authority, start document or None, description)] for the featured journeys, in one query."""
    authorities = {a.ons_code: a for a in Authority.objects.filter(ons_code__in=[f[0] for f in FEATURED])}
    rule = Q()
    for ons_code, kind, month, _ in FEATURED:
        rule |= Q(authority__ons_code=ons_code, kind=kind) & _in_month(month)
    found = list(visible_documents(user, Document.objects.filter(rule).defer("text").distinct()).order_by("pk"))
    featured = []
    for ons_code, kind, month, description in FEATURED:
        if ons_code in authorities:
            document = next((d for d in found if d.authority_id == authorities[ons_code].pk and d.kind == kind), None)
            featured.append((authorities[ons_code], document, description))
    return featured


def _in_month(month):
    return Q(inspections__start_date__year=month.year, inspections__start_date__month=month.month) | Q(
        published__year=month.year, published__month=month.month
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
        inspection = Inspection.objects.filter(documents=document).select_related("theme").order_by("-start_date").first()
    on = inspection.start_date if inspection else document.event_on or document.published
    return Start(document, on, inspection, is_default)
