"""Storing the finder's proposals: one proposed assessment per claim, kept in step with the record.

A person's verdict (an assessment confirmed or changed by a person) is never replaced: a claim that has one gets
no proposal, and loses one made before the person's. Context (a count describing the area) and rejected claims are not claims, so they get none either.
Running it again changes only the proposals the record no longer bears out: it is idempotent.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from improvement.models import Claim, ClaimAssessment, SelfEvaluation

from .finder import find_evidence
from .verdicts import propose

EVIDENCE_FIELDS = ClaimAssessment.EVIDENCE_FIELDS


def claims_to_test(self_evaluation):
    return (self_evaluation.claims.claims().exclude(status=Claim.Status.REJECTED)
            .select_related("theme").order_by("position", "pk"))


def propose_for(self_evaluation, today=None):
    """Propose a verdict for each claim of a self-evaluation. Returns counts of what it did."""
    today = today or datetime.date.today()
    counts = {"proposed": 0, "updated": 0, "unchanged": 0, "kept": 0}
    claims = list(claims_to_test(self_evaluation))
    evidence = find_evidence(self_evaluation, claims)
    assessments = {}
    for assessment in ClaimAssessment.objects.filter(claim__in=claims).order_by("assessed_on", "pk"):
        assessments.setdefault(assessment.claim_id, []).append(assessment)
    with transaction.atomic():
        for claim in claims:
            own = assessments.get(claim.pk, [])
            if any(a.status in ClaimAssessment.BY_A_PERSON for a in own):
                # A person has spoken (a curation, say, after the proposal): the proposal stands aside, so the
                # claim carries one verdict everywhere. The deletion stays in the history.
                for stale in (a for a in own if a.status == ClaimAssessment.Status.PROPOSED):
                    stale._change_reason = "A person's verdict replaced the evidence finder's proposal."
                    stale.delete()
                counts["kept"] += 1
                continue
            proposal = propose(evidence[claim.pk])
            values = {name: None for name in EVIDENCE_FIELDS}
            if proposal.evidence is not None:
                values[proposal.evidence.kind] = proposal.evidence.fact
            values.update(verdict=proposal.verdict, reason=proposal.reason)
            current = own[-1] if own else None
            if current is None:
                ClaimAssessment.objects.create(claim=claim, status=ClaimAssessment.Status.PROPOSED,
                                               assessed_on=today, **values)
                counts["proposed"] += 1
            elif all(getattr(current, name) == value for name, value in values.items()):
                counts["unchanged"] += 1
            else:
                for name, value in values.items():
                    setattr(current, name, value)
                current.assessed_on = today
                current._change_reason = "The evidence finder's proposal, with the record as it now stands."
                current.save()
                counts["updated"] += 1
    return counts


def propose_all(today=None):
    """Proposals for every self-evaluation; the counts added up."""
    total = {"proposed": 0, "updated": 0, "unchanged": 0, "kept": 0}
    for self_evaluation in SelfEvaluation.objects.select_related("authority").order_by("pk"):
        for name, n in propose_for(self_evaluation, today).items():
            total[name] += n
    return total
