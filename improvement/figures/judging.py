"""Judging a figure check: the official figures against the council's, within the tolerance an admin sets per unit.

A check that gives a figure is judged by verdicts.judge, a comparison ("well below statistical neighbours") by
comparisons.judge, from the official values stored with the check: no query beyond what loaded it.
"""

from __future__ import annotations

from decimal import Decimal

from improvement.models import FigureTolerance
from inspections.importing.statistics.dfe import SYMBOLS
from inspections.models import Measure, MeasureValue

from . import comparisons, verdicts

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
