"""The bench's claims as the record tests them (bench/pages.py builds them): the evidence finder's proposals, a
person's verdicts and the figure checks, so that the claims tracker and its CSV do the work they do on the real
record. Every self-evaluation of the bench is dated PUBLISHED."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from improvement.models import Claim, ClaimAssessment, FigureCheck
from inspections.models import Measure, MeasureValue

PUBLISHED = datetime.date(2018, 2, 1)

# A figure claim every FIGURE_EVERY claims (position 0, 8, ...), in turn on these measures: (slug, unit, statement).
FIGURE_EVERY, CONFIRMED_EVERY = 8, 10
FIGURES = [
    ("re_referrals_percent", "% of referrals", "In 2016-17 {}% of referrals were re-referrals within 12 months"),
    ("caseload_per_worker", "cases per social worker", "Caseloads averaged {} cases per social worker in 2016-17"),
    ("three_or_more_placements_percent", "% of children in care", "{}% of children in care had three or more "
                                                                  "placements in 2016-17"),
    ("agency_worker_rate_percent", "% of social workers", "Agency workers were {}% of social workers in 2016-17"),
    ("vacancy_rate_percent", "% vacancy rate", "Our vacancy rate stood at {}% in 2016-17"),
]
# How far each figure claim sits from the official figure: borne out, near, outside the tolerance.
OFFSETS = [Decimal("0"), Decimal("0.5"), Decimal("1.5"), Decimal("4"), Decimal("-3")]


def official_figures():
    """{(measure slug, authority id): (measure, figure id, value)}: the councils' figures for 2016-17 (the year ending
    31 March 2017) of the measures the figure claims speak of (FIGURES)."""
    measures = {m.pk: m for m in Measure.objects.filter(slug__in=[slug for slug, _, _ in FIGURES])}
    official = {}
    for pk, measure_id, authority_id, value in MeasureValue.objects.filter(
            measure__in=measures, level="authority", period=2017).values_list("pk", "measure_id", "authority_id", "value"):
        official[(measures[measure_id].slug, authority_id)] = (measures[measure_id], pk, value)
    return official


def claim(evaluation, k, official):
    """The k-th claim of a self-evaluation: one in FIGURE_EVERY a figure claim, near its council's official figure
    or not; one in CONFIRMED_EVERY reviewed by a person (see build_assessments)."""
    status = Claim.Status.CONFIRMED if k % CONFIRMED_EVERY == 0 else Claim.Status.PROPOSED
    if k % FIGURE_EVERY:
        return Claim(self_evaluation=evaluation, document=evaluation.document, statement=f"Claim {k}", position=k,
                     status=status)
    turn = k // FIGURE_EVERY
    slug, unit, statement = FIGURES[turn % len(FIGURES)]
    value = official[(slug, evaluation.authority_id)][2]
    value = Decimal("20.5") if value is None else value  # withheld: a figure of its own
    figure = max(value + OFFSETS[(evaluation.authority_id + turn) % len(OFFSETS)], Decimal("0.5")).quantize(Decimal("0.1"))
    return Claim(self_evaluation=evaluation, document=evaluation.document, statement=statement.format(figure),
                 position=k, status=status, kind=Claim.Kind.FIGURE, figure=figure, unit=unit, period_text="2016-17")


def build_assessments(claims, findings, official):
    """What the evidence finder and the reviewers leave: half the claims carry a proposed assessment resting on a
    finding of the nearest later inspection (the focused visit after the self-evaluations), a tenth a person's
    verdict too (on the next visit's finding, or for a figure claim its figure check's official figure), and every
    figure claim a figure check against its measure for 2016-17 and its council's official figures."""
    reviewer = get_user_model().objects.create(username="bench-reviewer")
    later = {}  # authority id -> [the findings of each inspection after the self-evaluations], nearest first
    for finding in findings:
        if finding.inspection.start_date > PUBLISHED:
            visits = later.setdefault(finding.inspection.authority_id, {})
            visits.setdefault(finding.inspection.start_date, []).append(finding)
    later = {authority: [visits[day] for day in sorted(visits)] for authority, visits in later.items()}
    verdicts = [ClaimAssessment.Verdict.BORNE_OUT, ClaimAssessment.Verdict.PARTLY_BORNE_OUT,
                ClaimAssessment.Verdict.CONTRADICTED]
    assessments, checks, person_on_check = [], [], {}
    for n, c in enumerate(claims):
        nearest, next_one = later[c.self_evaluation.authority_id][:2]
        if c.position % 2 == 0:
            assessments.append(ClaimAssessment(
                claim=c, verdict=verdicts[n % 3], finding=nearest[c.position % len(nearest)],
                status=ClaimAssessment.Status.PROPOSED, assessed_on=datetime.date(2025, 1, 15),
                reason="The focused visit after the self-evaluation found this on its theme."))
        if c.kind == Claim.Kind.FIGURE:
            slug = FIGURES[c.position // FIGURE_EVERY % len(FIGURES)][0]
            measure, value_id, value = official[(slug, c.self_evaluation.authority_id)]
            confirmed = c.position % CONFIRMED_EVERY == 0
            checks.append((FigureCheck(
                claim=c, measure=measure, first_period=2017, last_period=2017, low=c.figure, high=c.figure,
                reason=f"{slug} for the year 2016-17, as its unit and period say.",
                status=FigureCheck.Status.CONFIRMED if confirmed else FigureCheck.Status.PROPOSED,
                confirmed_by=reviewer if confirmed else None), value_id))
            if confirmed:  # the verdict figures.confirm() records (a withheld figure tests nothing)
                verdict = ClaimAssessment.Verdict.NOT_YET_TESTED if value is None else \
                    ClaimAssessment.Verdict.BORNE_OUT if abs(c.figure - value) <= 2 else ClaimAssessment.Verdict.CONTRADICTED
                person_on_check[c.pk] = ClaimAssessment(
                    claim=c, verdict=verdict, measure_value_id=value_id, assessed_by=reviewer,
                    status=ClaimAssessment.Status.CONFIRMED, assessed_on=datetime.date(2025, 3, 1),
                    note=f"Official figures: {value if value is not None else 'withheld'} for 2016-17.")
        elif c.position % CONFIRMED_EVERY == 0:
            assessments.append(ClaimAssessment(
                claim=c, verdict=verdicts[(n + 1) % 3], finding=next_one[c.position % len(next_one)],
                status=ClaimAssessment.Status.CHANGED if n % 3 else ClaimAssessment.Status.CONFIRMED,
                assessed_by=reviewer, assessed_on=datetime.date(2025, 3, 1), reason="The next visit found the same."))
    ClaimAssessment.objects.bulk_create([*assessments, *person_on_check.values()], batch_size=5000)
    for check, _ in checks:
        check.assessment = person_on_check.get(check.claim_id)
    FigureCheck.objects.bulk_create([check for check, _ in checks], batch_size=5000)
    FigureCheck.official_values.through.objects.bulk_create([
        FigureCheck.official_values.through(figurecheck=check, measurevalue_id=pk) for check, pk in checks
    ], batch_size=5000)
