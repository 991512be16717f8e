"""Figure checks in the database: reading them for display, a person confirming or rejecting them, and the curated
file's decisions. Proposing them is proposing.py; judging them, judging.py.

Confirming records the verdict as a ClaimAssessment whose evidence is the official figure, so the tracker, the
calibration and the journeys count it like any other.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from improvement.models import Claim, ClaimAssessment, FigureCheck
from inspections.models import Measure, MeasureValue

from .judging import judge


def has_check(claim):
    try:
        claim.figure_check
    except FigureCheck.DoesNotExist:
        return False
    return True


def checks_for(claims):
    """{claim id: its FigureCheck, ready for display} for a list of claims: no query unless one of them is a
    figure claim (only those have checks), else two (the checks, their official values)."""
    ids = [claim.pk for claim in claims if claim.kind == Claim.Kind.FIGURE]
    if not ids:
        return {}
    return {check.claim_id: check for check in FigureCheck.objects.for_display().filter(claim_id__in=ids)}


def check_of(claim):
    """The claim's figure check, or None (works on a prefetched or select_related claim)."""
    return claim.figure_check if has_check(claim) else None


@transaction.atomic
def confirm(check, user, note=""):
    """A person confirms the link: the check is confirmed and, for a check against a measure, its verdict is
    recorded as the claim's assessment with the deciding official figure as evidence. Returns the check."""
    check.status, check.note = FigureCheck.Status.CONFIRMED, note
    check.confirmed_by, check.confirmed_at = user, timezone.now()
    result = judge(check)
    if result is not None:
        deciding = result.deciding
        text = f"Official figures, tolerance {result.tolerance.describe()}: {result.reason}"
        assessment = check.assessment or ClaimAssessment(claim=check.claim)
        assessment.verdict = result.verdict
        assessment.measure_value = deciding.ref if deciding else None
        assessment.note = f"{text} {note}".strip()
        assessment.assessed_by, assessment.assessed_on = user, datetime.date.today()
        assessment.status = ClaimAssessment.Status.CONFIRMED  # a person's decision, never a proposal
        assessment._change_reason = note or "Figure check confirmed."
        assessment.full_clean()
        assessment.save()
        check.assessment = assessment
    check.save()
    return check


@transaction.atomic
def reject(check, user, note=""):
    """A person says the link is wrong: the check is rejected and a verdict recorded from it is withdrawn."""
    check.status, check.note = FigureCheck.Status.REJECTED, note
    check.confirmed_by, check.confirmed_at = user, timezone.now()
    recorded, check.assessment = check.assessment, None
    check.save()
    if recorded is not None:
        recorded.delete()  # kept in the assessment's history
    return check


def apply_curated(claim, spec, user=None, source=""):
    """A person's decision on a claim's check, from a curated file: {"measure", "first_period", "last_period",
    "status": "confirmed"|"rejected", "note"}. Only a proposed check is decided (idempotent). Returns 1 if decided."""
    check = check_of(claim)
    if check is None or check.status != FigureCheck.Status.PROPOSED:
        return 0
    measure = Measure.objects.filter(slug=spec["measure"]).first() if spec.get("measure") else None
    if spec.get("measure") and measure is None:
        raise ValueError(f"{source}: no measure {spec['measure']!r} is loaded (run load_dfe_statistics)")
    if measure != check.measure or (spec.get("first_period"), spec.get("last_period")) != (check.first_period, check.last_period):
        check.measure, check.first_period, check.last_period = measure, spec.get("first_period"), spec.get("last_period")
        check.reason = f"Set by a person ({source}); the matcher had proposed: {check.reason}"
        check.full_clean(exclude=["claim", "assessment"])
        check.save()
        official = MeasureValue.objects.filter(measure=measure, authority_id=claim.self_evaluation.authority_id,
                                               period__range=(check.first_period, check.last_period)) if measure else []
        check.official_values.set(official)
    decide = confirm if spec.get("status", "confirmed") == "confirmed" else reject
    decide(check, user, spec.get("note", ""))
    return 1
