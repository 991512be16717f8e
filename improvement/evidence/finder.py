"""The evidence finder: for each claim of a self-evaluation, the later public record on its theme and strand.

A claim is tested by what inspections and visits of the same authority (its predecessors' included) found after
the self-evaluation: findings and areas for improvement on the claim's theme, and graded judgements on its
strand. They come nearest first, because the first evidence that tests a claim weighs most and what follows
shows whether it lasted.

A fixed number of queries per self-evaluation, whatever the size of the record: one per kind of evidence.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from inspections.grades import Strand
from inspections.models import AreaForImprovement, Finding, Inspection, Judgement
from inspections.models.latest import of_record_q

from .directions import (
    DIRECTION_LABELS,
    Direction,
    direction_of_area_for_improvement,
    direction_of_grade,
    direction_of_text,
)

KIND_LABELS = {"finding": "Finding", "area_for_improvement": "Area for improvement", "judgement": "Judgement"}
# What a theme's own items weigh beside a strand's grade, which speaks to the claim only broadly: an area for
# improvement is the inspectors' own conclusion, so it outweighs a finding.
WEIGHTS = {"area_for_improvement": 2, "finding": 1, "judgement": 1}


@dataclass
class Evidence:
    """One piece of the later record set beside a claim."""

    kind: str  # "finding", "area_for_improvement" or "judgement"
    fact: object  # the Finding, AreaForImprovement or Judgement
    direction: Direction

    @property
    def inspection(self) -> Inspection:
        return self.fact.inspection

    @property
    def on(self) -> datetime.date:
        return self.fact.inspection.start_date

    @property
    def key(self):
        """How a form names it: "finding:12"."""
        return f"{self.kind}:{self.fact.pk}"

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def direction_label(self):
        return DIRECTION_LABELS[self.direction]

    @property
    def text(self):
        if self.kind == "judgement":
            return f"{self.fact.area}: {self.fact.grade}"
        return self.fact.text

    @property
    def is_themed(self):
        """A finding or area for improvement on the claim's own theme, not a strand's grade."""
        return self.kind != "judgement"

    @property
    def weight(self):
        return WEIGHTS[self.kind]


@dataclass
class EvidenceSet:
    """The evidence for one claim, nearest first."""

    claim: object
    items: list = field(default_factory=list)

    def by_key(self):
        return {item.key: item for item in self.items}

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def _order(item):
    return (item.on, item.inspection.pk, 0 if item.is_themed else 1, item.fact.position, item.fact.pk)


def find_evidence(self_evaluation, claims):
    """{claim pk: EvidenceSet} for `claims` of `self_evaluation` (three queries, whatever their number)."""
    after = self_evaluation.published
    authority = self_evaluation.authority
    record = Q(inspection__in=Inspection.objects.filter(of_record_q(authority), start_date__gt=after))
    themes = {claim.theme_id for claim in claims if claim.theme_id}
    strands = {claim.strand for claim in claims if claim.strand not in (Strand.NONE, Strand.OVERALL)}
    related = ("inspection__authority", "inspection__theme", "document")
    facts = []
    if themes:
        findings = Finding.objects.filter(record, theme__in=themes).select_related(*related).defer("document__text")
        facts += [("finding", f, direction_of_text(f.text, f.kind)) for f in findings]
        areas = AreaForImprovement.objects.filter(record, theme__in=themes).select_related(*related) \
            .defer("document__text")
        facts += [("area_for_improvement", a, direction_of_area_for_improvement(a.text)) for a in areas]
    if strands:
        judgements = (Judgement.objects.filter(record, strand__in=strands, grade__isnull=False)
                      .select_related(*related).defer("document__text"))
        facts += [("judgement", j, direction_of_grade(j.grade)) for j in judgements if not j.is_lscb]
    found = {}
    for claim in claims:
        items = [
            Evidence(kind, fact, direction) for kind, fact, direction in facts
            if (fact.strand == claim.strand if kind == "judgement" else fact.theme_id == claim.theme_id and claim.theme_id)
        ]
        found[claim.pk] = EvidenceSet(claim, sorted(_once(items), key=_order))
    return found


def _once(items):
    """A report stored from two files gives the same judgement twice: keep one per inspection and area."""
    seen, kept = set(), []
    for item in items:
        mark = (item.kind, item.inspection.pk, item.text.casefold())
        if mark not in seen:
            seen.add(mark)
            kept.append(item)
    return kept
