"""Figure checks as one line of text, for the claims CSV and XLSX (the page shows _figure_check.html).

A CSV holds every figure check the user may see: read as model instances (a check, its measure, claim and
self-evaluation, each official value and its document), 1,500 checks cost a quarter of a second. So they are read
as values into plain objects that carry FigureCheck's and MeasureValue's own properties (the periods, the
comparison, what the council said, a figure as published), and judge() and line() work on them unchanged.
"""

from django.db.models import OuterRef, Subquery

from improvement.models import FigureCheck, FigureTolerance
from inspections.models import MeasureValue

from .judging import judge, tolerance_for

CHECK_FIELDS = ("pk", "claim_id", "status", "measure_id", "relation", "comparators", "low", "high", "first_period",
                "last_period", "reason", "claim__unit", "claim__self_evaluation__authority_id", "tolerance_amount",
                "tolerance_kind", "measure__name", "measure__publication", "measure__source_file", "measure__unit",
                "measure__polarity")
VALUE_FIELDS = ("figurecheck_id", "measurevalue__period", "measurevalue__value", "measurevalue__symbol",
                "measurevalue__source_row", "measurevalue__level", "measurevalue__authority_id")


class _Values:
    def __init__(self, **fields):
        self.__dict__.update(fields)


class _Check(_Values):
    """A FigureCheck read as values: what judge() and line() read of one."""

    periods = FigureCheck.periods
    comparison = FigureCheck.comparison
    council_said = FigureCheck.council_said


class _Official(_Values):
    """A MeasureValue read as values: what judge() and line() read of one."""

    display = MeasureValue.display


def official_lines(claims):
    """{claim id: its figure check as one line} for the claims of a queryset: two queries however many (one if
    there are none)."""
    checks = FigureCheck.objects.filter(claim__in=claims.order_by().values("pk"))
    tolerance = FigureTolerance.objects.filter(unit=OuterRef("measure__unit"))
    rows = list(checks.annotate(tolerance_amount=Subquery(tolerance.values("amount")[:1]),
                                tolerance_kind=Subquery(tolerance.values("kind")[:1]))
                .order_by().values_list(*CHECK_FIELDS))
    if not rows:  # no official values to read either
        return {}
    values = {}
    for check_id, period, value, symbol, source_row, level, authority_id in (
            FigureCheck.official_values.through.objects.filter(figurecheck__in=checks.values("pk"))
            .order_by("measurevalue__period", "measurevalue_id").values_list(*VALUE_FIELDS)):
        values.setdefault(check_id, []).append(_Official(period=period, value=value, symbol=symbol, source_row=source_row,
                                                         level=level, authority_id=authority_id))
    measures, tolerances, lines = {}, {}, {}
    for (pk, claim_id, status, measure_id, relation, comparators, low, high, first_period, last_period, reason, unit,
         authority_id, tolerance_amount, tolerance_kind, *measure) in rows:
        if measure_id is not None and measure_id not in measures:
            name, publication, source_file, measure_unit, polarity = measure
            measures[measure_id] = _Values(name=name, publication=publication, source_file=source_file,
                                           unit=measure_unit, polarity=polarity)
        check = _Check(
            pk=pk, claim_id=claim_id, status=status, measure_id=measure_id, measure=measures.get(measure_id),
            relation=relation, comparators=comparators, low=low, high=high, first_period=first_period,
            last_period=last_period, reason=reason, tolerance_amount=tolerance_amount, tolerance_kind=tolerance_kind,
            claim=_Values(unit=unit, self_evaluation=_Values(authority_id=authority_id)),
            official_list=values.get(pk, []),
        )
        if measure_id is not None:  # one FigureTolerance for every check of a unit, not one each
            key = (measures[measure_id].unit, tolerance_amount, tolerance_kind)
            tolerance = tolerances[key] = tolerances.get(key) or tolerance_for(check)
        lines[claim_id] = line(check, tolerance if measure_id is not None else None)
    return lines


def line(check, tolerance=None):
    """ "The council said 17 to 19 ...; official figures (measure, publication, file): 2017 16.6 (row 1367) ...;
    tolerance ±1 case per worker; Borne out; link confirmed." """
    status = {FigureCheck.Status.PROPOSED: "link proposed, not yet confirmed",
              FigureCheck.Status.CONFIRMED: "link confirmed", FigureCheck.Status.REJECTED: "link rejected"}[check.status]
    said = f"The council said {check.council_said}"
    if check.measure_id is None:
        return f"{said}. {check.reason} ({status})"
    result = judge(check, tolerance)
    measure = check.measure
    if check.relation:
        return (f"{said}; official figures, {measure.name} ({measure.publication}, {measure.source_file}): "
                f"{result.reason} {result.label} ({status})")
    years = [f"{year.official.period}: {year.official.ref.display} (row {year.official.ref.source_row})"
             for year in result.years] + [f"{period}: not published" for period in result.missing]
    return (f"{said}; official figures, {measure.name} ({measure.publication}, {measure.source_file}): "
            f"{'; '.join(years)}; tolerance {result.tolerance.describe()}; {result.label} ({status})")
