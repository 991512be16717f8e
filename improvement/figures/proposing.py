"""Proposing figure checks: the matcher's measure and years for each figure claim of a self-evaluation, with the
official figures they are set against (for a comparison, those it compared the council with too).

Proposals never overwrite a person: a confirmed or rejected check is left as it is.
"""

from __future__ import annotations

from django.db import transaction

from improvement.models import Claim, FigureCheck
from inspections.compare import neighbours_for
from inspections.models import Measure, MeasureValue, StatisticalNeighbour

from . import comparisons, matcher
from .checks import has_check


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
    check = getattr(claim, "figure_check", None) if has_check(claim) else None
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
