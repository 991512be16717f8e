"""Figure checks in the database: proposing them for a self-evaluation, judging them, confirming or rejecting.

Proposals never overwrite a person: a confirmed or rejected check is left as it is. Confirming records the
verdict as a ClaimAssessment whose evidence is the official figure, so the tracker, the calibration and the
journeys count it like any other.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from improvement.models import Claim, ClaimAssessment, FigureCheck, FigureTolerance
from inspections.compare import neighbours_for
from inspections.importing.statistics.dfe import SYMBOLS
from inspections.models import Measure, MeasureValue, StatisticalNeighbour

from . import comparisons, matcher, verdicts

# The tolerance for a unit no admin has set (the migration figure_checks saves these; an admin changes them).
DEFAULT_TOLERANCES = {
    "%": (Decimal("2"), FigureTolerance.Kind.ABSOLUTE,
          "Councils' own figures are often a month's snapshot; two points allow for that and for rounding."),
    "cases per worker": (Decimal("1"), FigureTolerance.Kind.ABSOLUTE,
                         "The DfE's average counts cases at 30 September; a council's runs over months."),
    "count": (Decimal("5"), FigureTolerance.Kind.RELATIVE, "Counts are taken on different days."),
    "rate per 10,000": (Decimal("5"), FigureTolerance.Kind.RELATIVE, "Rates follow counts taken on different days."),
}
FALLBACK = (Decimal("5"), FigureTolerance.Kind.RELATIVE, "No tolerance set for this unit.")


def default_tolerance(unit):
    amount, kind, note = DEFAULT_TOLERANCES.get(unit, FALLBACK)
    return FigureTolerance(unit=unit, amount=amount, kind=kind, note=note)


def tolerance_for(check):
    """The check's tolerance: annotated by FigureCheck.objects.for_display(), else read (one query)."""
    unit = check.measure.unit
    if hasattr(check, "tolerance_amount"):
        if check.tolerance_amount is None:
            return default_tolerance(unit)
        return FigureTolerance(unit=unit, amount=check.tolerance_amount, kind=check.tolerance_kind)
    return FigureTolerance.objects.filter(unit=unit).first() or default_tolerance(unit)


def judge(check, tolerance=None):
    """The verdict on a check from its official values and its tolerance (tolerance_for(check) unless given);
    None for a check with no measure."""
    if check.measure_id is None:
        return None
    tolerance = tolerance or tolerance_for(check)
    stored = check.__dict__.get("official_list")  # a check read as values (figures.display)
    stored = check.official_values.all() if stored is None else stored
    polarity = check.measure.polarity
    lower = {Measure.Polarity.LOWER_IS_BETTER: True, Measure.Polarity.HIGHER_IS_BETTER: False}.get(polarity)
    authority_id = check.claim.self_evaluation.authority_id
    if check.relation:
        result = _judge_comparison(check, stored, authority_id, tolerance, lower)
    else:
        # The council's own figures (a check made before comparisons existed holds only those).
        officials = [matcher_official(value) for value in stored
                     if value.authority_id in (None, authority_id) and value.level == MeasureValue.Level.AUTHORITY]
        result = verdicts.judge(check.low, check.high, check.periods, officials, tolerance.allowance, lower)
    result.tolerance = tolerance
    return result


def _judge_comparison(check, stored, authority_id, tolerance, lower):
    """A comparison claim: the council's figure each year beside its neighbours' average, region and England,
    all from the check's stored official values (no query beyond for_display's)."""
    council, neighbours, others = {}, {}, {}
    for value in stored:
        if value.level == MeasureValue.Level.AUTHORITY and value.authority_id == authority_id:
            council[value.period] = matcher_official(value)
        elif value.level == MeasureValue.Level.AUTHORITY:
            neighbours.setdefault(value.period, []).append(value.value)
        elif value.level == MeasureValue.Level.ENGLAND:
            others[(comparisons.ENGLAND, value.period)] = (value.value, 0)
        else:
            others[(comparisons.REGION, value.period)] = (value.value, 0)
    for period, values in neighbours.items():
        known = [v for v in values if v is not None]
        average = (sum(known) / len(known)).quantize(Decimal("0.1")) if known else None
        others[(comparisons.NEIGHBOURS, period)] = (average, len(known))
    return comparisons.judge(check.comparison, check.periods, council, others, tolerance.allowance, lower)


def matcher_official(value):
    return verdicts.Official(value.period, value.value, value.symbol, SYMBOLS.get(value.symbol, ""), value)


def propose_for(self_evaluation, measures=None):
    """Propose (or refresh a proposed) check for each figure claim of a self-evaluation. Returns counts."""
    measures = measures if measures is not None else {m.slug: m for m in Measure.objects.all()}
    claims = (self_evaluation.claims.filter(kind=Claim.Kind.FIGURE)
              .exclude(status=Claim.Status.REJECTED).select_related("figure_check"))
    counts = {"proposed": 0, "unchanged": 0, "kept": 0}
    for claim in claims:
        counts[_propose(claim, self_evaluation, measures)] += 1
    return counts


def propose_all():
    """For load_demo: every self-evaluation's figure claims. Idempotent."""
    from improvement.models import SelfEvaluation

    measures = {m.slug: m for m in Measure.objects.all()}
    totals = {"proposed": 0, "unchanged": 0, "kept": 0}
    with transaction.atomic():
        for self_evaluation in SelfEvaluation.objects.select_related("authority"):
            for key, n in propose_for(self_evaluation, measures).items():
                totals[key] += n
    return totals


def _propose(claim, self_evaluation, measures):
    check = getattr(claim, "figure_check", None) if _has_check(claim) else None
    if check is not None and check.status != FigureCheck.Status.PROPOSED:
        return "kept"  # a person's confirmation or rejection stands
    proposal = matcher.propose(claim.statement, claim.figure, claim.unit, claim.period_text,
                               self_evaluation.published, known=set(measures))
    measure = measures.get(proposal.measure) if proposal.measure else None
    comparison = proposal.comparison if measure is not None else None
    values = {"measure": measure, "first_period": proposal.first_period, "last_period": proposal.last_period,
              "low": proposal.low, "high": proposal.high, "reason": proposal.reason,
              "relation": comparison.relation if comparison else "",
              "comparators": ",".join(comparison.comparators) if comparison else ""}
    official = []
    if measure is not None:
        years = (proposal.first_period, proposal.last_period)
        official = list(MeasureValue.objects.filter(
            measure=measure, authority_id=self_evaluation.authority_id, period__range=years).values_list("pk", flat=True))
        if comparison is not None:
            official += _compared_with(comparison, measure, self_evaluation.authority, years)
    if check is not None and all(getattr(check, k) == v for k, v in values.items()) \
            and set(check.official_values.values_list("pk", flat=True)) == set(official):
        return "unchanged"
    check = check or FigureCheck(claim=claim)
    for name, value in values.items():
        setattr(check, name, value)
    check.full_clean(exclude=["claim", "assessment"])
    check.save()
    check.official_values.set(official)
    return "proposed"


def _compared_with(comparison, measure, authority, years):
    """The ids of the figures a comparison claim compared the council with, for the years: its neighbours' in
    force each year, its region's (as the file codes it) and England's."""
    rows = MeasureValue.objects.filter(measure=measure, period__range=years)
    wanted = []
    if comparisons.NEIGHBOURS in comparison.comparators:
        links = {}
        for model, neighbour in StatisticalNeighbour.objects.filter(authority=authority).values_list("model", "neighbour_id"):
            links.setdefault(model, set()).add(neighbour)
        in_force = {period: set(neighbours_for(links, period)) for period in range(years[0], years[1] + 1)}
        every = set().union(*in_force.values())
        # One query for every year: each year's figures are kept for the neighbours in force that year.
        wanted += [pk for pk, period, authority_id in rows.filter(
            authority__in=every, level=MeasureValue.Level.AUTHORITY).values_list("pk", "period", "authority_id")
            if authority_id in in_force[period]]
    if comparisons.REGION in comparison.comparators:
        region_codes = rows.filter(authority=authority).exclude(region_code="").values_list("region_code", flat=True)
        wanted += rows.filter(level=MeasureValue.Level.REGION, code__in=list(region_codes)).values_list("pk", flat=True)
    if comparisons.ENGLAND in comparison.comparators:
        wanted += rows.filter(level=MeasureValue.Level.ENGLAND).values_list("pk", flat=True)
    return wanted


def _has_check(claim):
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
    return claim.figure_check if _has_check(claim) else None


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
