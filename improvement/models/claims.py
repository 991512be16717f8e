"""Self-evaluations and the claims councils make in them."""

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
        # A self-evaluation's claims in order without a sort (claims_export reads 12,000 so).
        indexes = [models.Index(fields=["self_evaluation", "position"], name="claim_in_order")]
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
