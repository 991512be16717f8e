"""The claims tracker's queries: each claim with its verdict, and how well each council's claims held up.

Which verdict a claim carries: a person's before the evidence finder's. Its latest assessment confirmed or
changed by a person, else the finder's latest proposal, else "not yet tested" (never assessed). A proposal
never overrides a person's verdict, whatever their dates.

How proposals count: the calibration counts each claim once, by the verdict it carries, proposed or not, since
every claim gets a proposal and leaving them out would leave most claims "not yet tested" again. Pages show a
proposed verdict as proposed (`verdict_status`, ClaimAssessment.Status), so nobody takes it for a person's.
"""

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Subquery, Value, When
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
# A person's verdict first, then the latest.
_BY_A_PERSON_FIRST = Case(When(status__in=ClaimAssessment.BY_A_PERSON, then=Value(0)), default=Value(1),
                          output_field=IntegerField())


def carried_assessments(claim_ref="pk"):
    """The assessments of the claim at OuterRef(claim_ref), the one it carries first."""
    return (ClaimAssessment.objects.filter(claim=OuterRef(claim_ref))
            .order_by(_BY_A_PERSON_FIRST, "-assessed_on", "-pk"))


def tracked_claims(user):
    """Every claim the user may see, annotated with `verdict` and `verdict_status` (None when never assessed),
    with what a tracker row shows loaded."""
    carried = carried_assessments()
    assessments = (
        ClaimAssessment.objects.select_related(*[f"{name}__inspection" for name in EVIDENCE])
        .order_by("assessed_on", "pk")
    )
    return (
        Claim.objects.visible_to(user)
        .annotate(verdict=Coalesce(Subquery(carried.values("verdict")[:1]), Value(UNTESTED)),
                  verdict_status=Subquery(carried.values("status")[:1]))
        .select_related("self_evaluation__authority", "theme")
        .prefetch_related(Prefetch("assessments", queryset=assessments))
        .order_by(*TRACKER_ORDER)
    )


# By self-evaluation, so that the tracker's rows sit under their heading (ClaimTable.group_of) even when two of a
# council's self-evaluations bear one date.
TRACKER_ORDER = ("self_evaluation__authority__name", "-self_evaluation__published", "self_evaluation_id", "position",
                 "pk")


def latest_assessment(claim):
    """The assessment whose verdict the claim carries (from the prefetched, oldest-first list), or None: the
    latest of a person's, else the latest proposal."""
    assessments = list(claim.assessments.all())
    by_a_person = [a for a in assessments if a.status in ClaimAssessment.BY_A_PERSON]
    chosen = by_a_person or assessments
    return chosen[-1] if chosen else None


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
