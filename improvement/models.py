from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from inspections.models.access import Membership
from inspections.models.documents import Sourced
from inspections.models.record import STRAND_CHOICES


class SelfEvaluationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(Membership.objects.authority_rule(user, "authority"))

    def with_claim_counts(self):
        # Context (counts describing the area) is shown apart and never counted as a claim.
        return self.annotate(claim_count=models.Count("claims", filter=~Q(claims__kind=Claim.Kind.CONTEXT)))

    def markers_for(self, user, authority):
        """The authority's self-evaluations this user may see, for its timeline (inspections.extensions)."""
        return list(self.visible_to(user).filter(authority=authority).with_claim_counts().order_by("published"))


class SelfEvaluation(models.Model):
    """A council's own account of its services. Private: see Document.is_private."""

    authority = models.ForeignKey("inspections.Authority", on_delete=models.PROTECT, related_name="self_evaluations")
    document = models.OneToOneField("inspections.Document", on_delete=models.PROTECT, related_name="self_evaluation")
    title = models.CharField(max_length=300)
    published = models.DateField(help_text="The date (or first day of the month) the council dated it.")
    history = HistoricalRecords()

    objects = SelfEvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["authority__name", "-published"]

    def __str__(self):
        return f"{self.authority} – {self.title} ({self.published:%B %Y})"

    @property
    def is_private(self):
        return True


class ClaimQuerySet(models.QuerySet):
    def claims(self):
        """Statements about the council's performance: context (counts describing the area) left out."""
        return self.exclude(kind=Claim.Kind.CONTEXT)

    def proposed(self):
        return self.filter(status=Claim.Status.PROPOSED)

    def confirmed(self):
        return self.filter(status=Claim.Status.CONFIRMED)

    def unverified(self):
        return self.filter(assessments__isnull=True)

    def visible_to(self, user):
        return self.filter(Membership.objects.authority_rule(user, "self_evaluation__authority"))


class Claim(Sourced):
    """A statement a council makes about itself, with an optional figure."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed by the importer"
        CONFIRMED = "confirmed", "Confirmed by a person"
        REJECTED = "rejected", "Rejected"

    class Kind(models.TextChoices):
        """What the statement is (inspections/importing/families/self_evaluation/kinds.py sets it)."""

        FIGURE = "figure", "Figure claim"
        QUALITY = "quality", "Quality claim"
        CONTEXT = "context", "Context (not a claim)"
        PLAN = "plan", "Plan"

    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="claims")
    statement = models.TextField()
    kind = models.CharField(
        max_length=8, choices=Kind.choices, default=Kind.QUALITY,
        help_text="A figure or quality claim about performance, context describing the area, or a plan.",
    )
    figure = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=120, blank=True, help_text='e.g. "% of ICPCs within 15 working days".')
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    period_text = models.CharField("period as written", max_length=120, blank=True)
    theme = models.ForeignKey("inspections.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    strand = models.CharField(max_length=24, choices=STRAND_CHOICES, default="none")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["self_evaluation", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_start__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="claim_period_in_order",
                violation_error_message="A claim's period cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(figure__isnull=True) | ~Q(unit=""),
                name="claim_figure_has_unit",
                violation_error_message="A claim's figure needs a unit.",
            ),
        ]

    def __str__(self):
        return self.statement[:80]

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "A claim's period cannot end before it starts."
        if self.figure is not None and not self.unit:
            errors["unit"] = "A claim's figure needs a unit."
        if errors:
            raise ValidationError(errors)


class ClaimAssessment(models.Model):
    """A claim set beside later evidence, with a verdict."""

    class Verdict(models.TextChoices):
        BORNE_OUT = "borne_out", "Borne out"
        PARTLY_BORNE_OUT = "partly_borne_out", "Partly borne out"
        CONTRADICTED = "contradicted", "Contradicted"
        NOT_YET_TESTED = "not_yet_tested", "Not yet tested"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="assessments")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    judgement = models.ForeignKey("inspections.Judgement", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    finding = models.ForeignKey("inspections.Finding", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    area_for_improvement = models.ForeignKey(
        "inspections.AreaForImprovement", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    assessed_on = models.DateField()
    history = HistoricalRecords()

    EVIDENCE_FIELDS = ("judgement", "finding", "area_for_improvement")

    class Meta:
        ordering = ["claim", "assessed_on"]
        indexes = [models.Index(fields=["claim", "assessed_on"], name="assessment_latest")]
        constraints = [
            # At most one piece of evidence; a verdict other than "not yet tested" needs exactly one.
            models.CheckConstraint(
                condition=(
                    Q(judgement__isnull=True, finding__isnull=True, area_for_improvement__isnull=True, verdict="not_yet_tested")
                    | Q(judgement__isnull=False, finding__isnull=True, area_for_improvement__isnull=True)
                    | Q(judgement__isnull=True, finding__isnull=False, area_for_improvement__isnull=True)
                    | Q(judgement__isnull=True, finding__isnull=True, area_for_improvement__isnull=False)
                ),
                name="assessment_one_piece_of_evidence",
                violation_error_message="Set exactly one piece of evidence (judgement, finding or area for improvement), "
                "or none with the verdict “not yet tested”.",
            ),
        ]

    def __str__(self):
        return f"{self.claim}: {self.get_verdict_display()}"

    @property
    def evidence(self):
        return self.judgement or self.finding or self.area_for_improvement

    def clean(self):
        given = [name for name in self.EVIDENCE_FIELDS if getattr(self, f"{name}_id")]
        if len(given) > 1:
            raise ValidationError({given[1]: "Set only one piece of evidence per assessment."})
        if not given and self.verdict != self.Verdict.NOT_YET_TESTED:
            raise ValidationError({"verdict": "A verdict other than “not yet tested” needs a piece of evidence."})
        if given and self.claim_id:
            evidence = getattr(self, given[0])
            authority_id = self.claim.self_evaluation.authority_id
            if evidence.inspection.authority_id != authority_id:
                raise ValidationError({given[0]: "The evidence must be about the same authority as the claim."})
