"""The claims tracker's queries: each claim with its latest verdict, and how well each council's claims held up.

A claim's verdict is that of its latest assessment; a claim never assessed counts as "not yet tested".
"""

from django.db.models import Count, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from improvement.models import Claim, ClaimAssessment

UNTESTED = ClaimAssessment.Verdict.NOT_YET_TESTED
# The order the calibration shows verdicts in: best held first.
VERDICT_ORDER = (
    ClaimAssessment.Verdict.BORNE_OUT,
    ClaimAssessment.Verdict.PARTLY_BORNE_OUT,
    ClaimAssessment.Verdict.CONTRADICTED,
    ClaimAssessment.Verdict.NOT_YET_TESTED,
)
EVIDENCE = ("judgement", "finding", "area_for_improvement")


def tracked_claims(user):
    """Every claim the user may see, annotated with `verdict`, with what a tracker row shows loaded."""
    latest = ClaimAssessment.objects.filter(claim=OuterRef("pk")).order_by("-assessed_on", "-pk")
    assessments = (
        ClaimAssessment.objects.select_related(*[f"{name}__inspection" for name in EVIDENCE])
        .order_by("assessed_on", "pk")
    )
    return (
        Claim.objects.visible_to(user)
        .annotate(verdict=Coalesce(Subquery(latest.values("verdict")[:1]), Value(UNTESTED)))
        .select_related("self_evaluation__authority", "theme")
        .prefetch_related(Prefetch("assessments", queryset=assessments))
        .order_by("self_evaluation__authority__name", "-self_evaluation__published", "position", "pk")
    )


def latest_assessment(claim):
    """The assessment whose verdict the claim carries (from the prefetched, oldest-first list), or None."""
    assessments = claim.assessments.all()
    return assessments[len(assessments) - 1] if assessments else None


def calibration(claims):
    """Per authority, how many claims (rejected ones and context left out) have each verdict.

    Returns [(authority name, {verdict: n}, total)], by name.
    """
    rows = (
        claims.prefetch_related(None)
        .exclude(status=Claim.Status.REJECTED)  # a person has said it is not a claim
        .exclude(kind=Claim.Kind.CONTEXT)  # a count describing the area: shown apart, never tested
        .order_by()
        .values("self_evaluation__authority__name", "verdict")
        .annotate(n=Count("pk", distinct=True))
        .order_by("self_evaluation__authority__name")
    )
    table = {}
    for row in rows:
        counts = table.setdefault(row["self_evaluation__authority__name"], dict.fromkeys(VERDICT_ORDER, 0))
        counts[row["verdict"]] += row["n"]
    return [(name, counts, sum(counts.values())) for name, counts in table.items()]
