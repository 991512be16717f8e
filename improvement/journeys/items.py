"""The facts a journey sets side by side: claims, findings, areas for improvement and judgements, as Items."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from improvement.models import ClaimAssessment
from inspections.models import Finding, Inspection

VERDICT_LABELS = dict(ClaimAssessment.Verdict.choices)
# What get_kind_display() gives, read from a dict: it builds the dict of its field's choices afresh at each call, and
# a journey names its facts' and events' kinds a few hundred times.
FINDING_KINDS = dict(Finding._meta.get_field("kind").flatchoices)
INSPECTION_KINDS = dict(Inspection._meta.get_field("kind").flatchoices)


def kind_label(inspection):
    """inspection.get_kind_display()."""
    return INSPECTION_KINDS.get(inspection.kind, inspection.kind)


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


def fact_item(fact):
    kind = FINDING_KINDS.get(fact.kind, fact.kind) if isinstance(fact, Finding) else "Area for improvement"
    return Item(kind, fact.text, fact, fact.inspection.start_date, fact.inspection)


def judgement_item(judgement):
    text = f"{judgement.section}: {judgement.area}" if judgement.section else judgement.area
    return Item("Judgement", text, judgement, judgement.inspection.start_date, judgement.inspection, judgement.grade)
