"""The review workbench's logic: one self-evaluation's claims with their evidence, verdicts and history, and the
changes a person makes to them.

Reading is a fixed number of queries whatever the number of claims (claims, assessments, three kinds of
evidence, two histories, and two for figure checks when there are figure claims). Every change is saved through the models, so django-simple-history keeps it with the
person who made it (HistoryRequestMiddleware) and their note as the change's reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from improvement.evidence.finder import find_evidence
from improvement.evidence.proposing import propose_for
from improvement.evidence.verdicts import propose
from improvement.figures import checks_for
from improvement.models import Claim, ClaimAssessment
from inspections.models import Theme

Status = ClaimAssessment.Status
EVIDENCE_FIELDS = ClaimAssessment.EVIDENCE_FIELDS
VERDICT_LABELS = dict(ClaimAssessment.Verdict.choices)
ASSESSMENT_STATUSES = dict(Status.choices)
CLAIM_KINDS = dict(Claim.Kind.choices)
CLAIM_STATUSES = dict(Claim.Status.choices)
CLAIM_STRANDS = dict(Claim._meta.get_field("strand").flatchoices)


@dataclass
class Change:
    """One line of a claim's history."""

    on: datetime.datetime
    who: str
    what: str
    note: str = ""


# Evidence a claim shows until it is opened in full: the nearest, which weigh most (and the piece its verdict
# rests on). A theme of a council with a long record has dozens of later items.
EVIDENCE_SHOWN = 5


@dataclass
class ClaimReview:
    claim: Claim
    evidence: object  # finder.EvidenceSet, nearest first
    assessment: ClaimAssessment | None  # the one the claim carries (a person's before a proposal)
    proposal: object  # verdicts.Proposal, from the record as it stands now
    history: list = field(default_factory=list)
    in_full: bool = False  # show every piece of evidence, not only the nearest EVIDENCE_SHOWN
    figure_check: object = None  # a figure claim's FigureCheck (improvement.figures): the official figures beside it

    @property
    def evidence_shown(self):
        if self.in_full:
            return list(self.evidence)
        resting_on = self.assessment.evidence if self.assessment else None
        resting_on = resting_on or (self.proposal.evidence.fact if self.proposal.evidence else None)
        return [item for index, item in enumerate(self.evidence)
                if index < EVIDENCE_SHOWN or item.fact == resting_on]

    @property
    def evidence_not_shown(self):
        return len(self.evidence) - len(self.evidence_shown)

    @property
    def resting_on(self):
        """The key of the evidence the verdict rests on (stored, else proposed), or ""."""
        if self.assessment is not None:
            fact = self.assessment.evidence
            return next((item.key for item in self.evidence if item.fact == fact), "") if fact else ""
        return self.proposal.evidence.key if self.proposal.evidence else ""

    @property
    def anchor(self):
        return f"claim-{self.claim.pk}"

    @property
    def is_tested(self):
        return self.claim.kind != Claim.Kind.CONTEXT and self.claim.status != Claim.Status.REJECTED

    @property
    def proposal_differs(self):
        """A person's verdict differs from what the finder would propose today."""
        return bool(self.assessment and not self.assessment.is_proposed
                    and self.assessment.verdict != self.proposal.verdict)


def reviews_of(self_evaluation, in_full=None, themes=None):
    """[ClaimReview] for every claim of the self-evaluation, in its order; `in_full`: the pk of the claim whose
    evidence is shown in full."""
    claims = list(self_evaluation.claims.select_related("theme").order_by("position", "pk"))
    evidence = find_evidence(self_evaluation, claims)
    # An official figure hangs from its measure; the other evidence from its inspection.
    related = [f"{name}__measure" if name == "measure_value" else f"{name}__inspection" for name in EVIDENCE_FIELDS]
    carried = {}
    for assessment in (ClaimAssessment.objects.filter(claim__in=claims).select_related("assessed_by", *related)
                       .order_by("assessed_on", "pk")):
        current = carried.get(assessment.claim_id)
        if current is None or not (current.status in ClaimAssessment.BY_A_PERSON and assessment.is_proposed):
            carried[assessment.claim_id] = assessment
    history = _histories(claims, themes if themes is not None else Theme.objects.all())
    checks = checks_for(claims)  # no query unless the self-evaluation has figure claims
    return [ClaimReview(claim, evidence[claim.pk], carried.get(claim.pk), propose(evidence[claim.pk]),
                        history.get(claim.pk, []), in_full=claim.pk == in_full, figure_check=checks.get(claim.pk))
            for claim in claims]


def _histories(claims, themes):
    """{claim pk: [Change]}, oldest first, from the claims' and their assessments' history (two queries)."""
    themes = {theme.pk: theme.name for theme in themes}
    lines = {}
    previous = {}
    claim_rows = Claim.history.filter(id__in=[c.pk for c in claims]).select_related("history_user") \
        .order_by("history_date", "history_id")
    for row in claim_rows:
        before = previous.get(("claim", row.id))
        what = _claim_change(row, before, themes)
        previous[("claim", row.id)] = row
        if what:
            lines.setdefault(row.id, []).append(_change(row, what, "the importer"))
    assessment_rows = ClaimAssessment.history.filter(claim_id__in=[c.pk for c in claims]) \
        .select_related("history_user").order_by("history_date", "history_id")
    for row in assessment_rows:
        before = previous.get(("assessment", row.id))
        what = _assessment_change(row, before)
        previous[("assessment", row.id)] = row
        if what:
            machine = "the evidence finder" if row.status == Status.PROPOSED else "a curation, with no one signed in"
            lines.setdefault(row.claim_id, []).append(_change(row, what, machine))
    for changes in lines.values():
        changes.sort(key=lambda change: change.on)
    return lines


def _change(row, what, machine):
    who = row.history_user.get_username() if row.history_user else machine
    return Change(row.history_date, who, what, row.history_change_reason or "")


def _claim_change(row, before, themes):
    if row.history_type == "+":
        return f"Read from the document as a {CLAIM_KINDS.get(row.kind, row.kind).lower()}" \
               f" on {themes.get(row.theme_id, 'no theme')}"
    if row.history_type == "-" or before is None:
        return "Claim deleted" if row.history_type == "-" else ""
    parts = []
    if row.kind != before.kind:
        parts.append(f"kind {CLAIM_KINDS.get(before.kind)} → {CLAIM_KINDS.get(row.kind)}")
    if row.theme_id != before.theme_id:
        parts.append(f"theme {themes.get(before.theme_id, 'none')} → {themes.get(row.theme_id, 'none')}")
    if row.strand != before.strand:
        parts.append(f"strand {CLAIM_STRANDS.get(before.strand)} → {CLAIM_STRANDS.get(row.strand)}")
    if row.status != before.status:
        parts.append(f"status {CLAIM_STATUSES.get(before.status)} → {CLAIM_STATUSES.get(row.status)}")
    if row.statement != before.statement:
        parts.append("statement reworded")
    return ("Claim changed: " + "; ".join(parts)) if parts else ""


def _assessment_change(row, before):
    verdict = VERDICT_LABELS.get(row.verdict, row.verdict)
    if row.history_type == "+":
        return f"Verdict {verdict} ({ASSESSMENT_STATUSES.get(row.status, row.status).lower()})"
    if row.history_type == "-":
        return f"Verdict {verdict} withdrawn"
    if before is None:
        return ""
    parts = []
    if row.verdict != before.verdict:
        parts.append(f"verdict {VERDICT_LABELS.get(before.verdict)} → {verdict}")
    if row.status != before.status:
        parts.append(ASSESSMENT_STATUSES.get(row.status, row.status).lower())
    if any(getattr(row, f"{name}_id") != getattr(before, f"{name}_id") for name in EVIDENCE_FIELDS):
        parts.append("evidence changed")
    if row.note != before.note and not parts:
        parts.append("note changed")
    return ("Verdict: " + "; ".join(parts)) if parts else ""


def _reason(note, default):
    return note.strip() or default


@transaction.atomic
def confirm_verdict(review, user, note="", today=None):
    """The person agrees with the verdict the claim carries (or, with none stored, the finder's proposal)."""
    today = today or datetime.date.today()
    assessment = review.assessment
    if assessment is None:
        proposal = review.proposal
        values = {name: None for name in EVIDENCE_FIELDS}
        if proposal.evidence is not None:
            values[proposal.evidence.kind] = proposal.evidence.fact
        assessment = ClaimAssessment(claim=review.claim, verdict=proposal.verdict, reason=proposal.reason, **values)
    assessment.status = Status.CONFIRMED
    return _save(review, assessment, user, note, today, "Verdict confirmed.")


@transaction.atomic
def change_verdict(review, user, verdict, evidence=None, note="", today=None):
    """The person sets another verdict, resting on `evidence` (an Evidence of the review's, or None)."""
    today = today or datetime.date.today()
    assessment = review.assessment or ClaimAssessment(claim=review.claim)
    same = assessment.pk and assessment.verdict == verdict and \
        (evidence.fact if evidence else None) == assessment.evidence
    for name in EVIDENCE_FIELDS:
        setattr(assessment, name, None)
    if evidence is not None and verdict != ClaimAssessment.Verdict.NOT_YET_TESTED:
        setattr(assessment, evidence.kind, evidence.fact)
    assessment.verdict = verdict
    assessment.status = Status.CONFIRMED if same and assessment.status == Status.PROPOSED else Status.CHANGED
    return _save(review, assessment, user, note, today, "Verdict changed.")


def _save(review, assessment, user, note, today, default_reason):
    assessment.note = note.strip() or assessment.note
    assessment.assessed_by = user
    assessment.assessed_on = today
    assessment._change_reason = _reason(note, default_reason)
    assessment.full_clean()
    assessment.save()
    claim = review.claim
    if claim.status == Claim.Status.PROPOSED:  # a person has reviewed it
        claim.status = Claim.Status.CONFIRMED
        claim._change_reason = _reason(note, "Confirmed with its verdict.")
        claim.save()
    return assessment


@transaction.atomic
def change_claim(review, kind, theme, strand, note="", reject=False, restore=False):
    """The person sorts the claim again (kind, theme, strand), rejects it, or takes it back; the finder then
    proposes again from its new theme and strand (a person's verdict stays)."""
    claim = review.claim
    claim.kind, claim.theme, claim.strand = kind, theme, strand
    if reject:
        claim.status = Claim.Status.REJECTED
    elif restore or claim.status == Claim.Status.PROPOSED:
        claim.status = Claim.Status.CONFIRMED
    claim._change_reason = _reason(note, "Claim rejected." if reject else "Claim changed.")
    claim.full_clean()
    claim.save()
    propose_for(claim.self_evaluation)
    return claim
