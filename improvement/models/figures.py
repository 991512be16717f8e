"""Figure checks: a council's figure claim set beside the official measure and years it speaks of.

A check is proposed by the matcher (improvement/figures/) and confirmed or rejected by a person. The official
figures it is set against are kept with it (official_values), so the page can show both figures and both
sources; the verdict is computed from them with the tolerance an admin sets for the measure's unit.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from improvement.templatetags.claim_figures import written_figure
from inspections.models.access import Membership

from .claims import Claim


class FigureTolerance(models.Model):
    """How far an official figure may sit from the council's and still bear it out, per unit of measure."""

    class Kind(models.TextChoices):
        ABSOLUTE = "absolute", "In the measure's own unit (percentage points, cases)"
        RELATIVE = "relative", "Per cent of the official figure"

    unit = models.CharField(max_length=40, unique=True,
                            help_text='A measure unit as in dfe_measures.csv: "%", "cases per worker", "count".')
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ABSOLUTE)
    note = models.TextField(blank=True, help_text="Why this tolerance.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="figure_tolerance_not_negative",
                                              violation_error_message="A tolerance cannot be negative.")]

    def __str__(self):
        return f"{self.unit}: {self.describe()}"

    def describe(self):
        amount = f"{self.amount.normalize():f}"
        if self.kind == self.Kind.RELATIVE:
            return f"±{amount}% of the official figure"
        if self.unit == "%":
            return f"±{amount} percentage point{'' if self.amount == 1 else 's'}"
        if self.unit == "cases per worker":
            return f"±{amount} case{'' if self.amount == 1 else 's'} per worker"
        return f"±{amount} ({self.unit})"

    def allowance(self, official):
        """The allowed distance from one official value."""
        if self.kind == self.Kind.RELATIVE:
            return abs(official) * self.amount / Decimal(100)
        return self.amount


class FigureCheckQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(Membership.objects.authority_rule(user, "claim__self_evaluation__authority"))

    def for_display(self):
        """With what _figure_check.html shows loaded: two queries for any number of checks."""
        values = models.Prefetch("official_values", queryset=_official_values())
        tolerance = FigureTolerance.objects.filter(unit=models.OuterRef("measure__unit"))
        return (
            self.select_related("measure", "claim__self_evaluation__authority", "confirmed_by")
            .annotate(tolerance_amount=models.Subquery(tolerance.values("amount")[:1]),
                      tolerance_kind=models.Subquery(tolerance.values("kind")[:1]))
            .prefetch_related(values)
        )


def _official_values():
    from inspections.models import MeasureValue

    return MeasureValue.objects.select_related("document").only(
        "measure_id", "period", "value", "symbol", "source_row", "name", "level", "code", "authority_id",
        "document__filename", "document__title"
    ).order_by("period")


class FigureCheck(models.Model):
    """A figure claim linked to the official measure and years it speaks of (or to none: no official measure)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed by the matcher"
        CONFIRMED = "confirmed", "Confirmed by a person"
        REJECTED = "rejected", "Rejected by a person"

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="figure_check")
    measure = models.ForeignKey("inspections.Measure", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="figure_checks", help_text="Empty: no official measure.")
    first_period = models.PositiveSmallIntegerField(null=True, blank=True, help_text="First year ending 31 March.")
    last_period = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Last year ending 31 March.")
    low = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                              help_text="The council's figure, or the low end of its range.")
    high = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                               help_text="The high end of the council's range (its figure when it gave one).")
    # A claim that compares the council with others instead of giving a figure (improvement/figures/comparisons.py).
    relation = models.CharField(max_length=10, blank=True, choices=[
        ("below", "Below"), ("above", "Above"), ("in_line", "In line with"), ("better", "Better than"),
        ("worse", "Worse than")], help_text="Empty: the claim gives a figure of its own.")
    comparators = models.CharField(max_length=40, blank=True,
                                   help_text='What it compared itself with: "neighbours", "region", "england", '
                                             "comma-separated.")
    official_values = models.ManyToManyField("inspections.MeasureValue", blank=True, related_name="+",
                                             help_text="The council's published figures for those years (and, "
                                                       "for a comparison, those it compared itself with).")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.TextField(help_text="Why the matcher proposed this measure and these years, or none.")
    note = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The verdict recorded when a person confirmed the check, so the tracker and journeys count it.
    assessment = models.OneToOneField("improvement.ClaimAssessment", on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="figure_check")
    history = HistoricalRecords()

    objects = FigureCheckQuerySet.as_manager()

    class Meta:
        ordering = ["claim"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure__isnull=True) | Q(first_period__isnull=False, last_period__gte=models.F("first_period")),
                name="figure_check_periods_in_order",
                violation_error_message="A check against a measure needs its years, the last not before the first.",
            ),
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(high__gte=models.F("low")),
                name="figure_check_range_in_order",
                violation_error_message="The high end of the council's range cannot be below its low end.",
            ),
        ]

    def __str__(self):
        return f"{self.claim}: {self.measure or 'no official measure'}"

    @property
    def periods(self):
        if self.first_period is None:
            return range(0)
        return range(self.first_period, self.last_period + 1)

    @cached_property
    def judged(self):
        """The verdict from the official values and today's tolerance (improvement.figures.verdicts.Result)."""
        from improvement.figures.judging import judge

        return judge(self)

    @property
    def comparison(self):
        """The comparisons.Comparison the claim makes, or None for a claim that gives a figure."""
        from improvement.figures.comparisons import Comparison

        if not self.relation:
            return None
        return Comparison(self.relation, tuple(filter(None, self.comparators.split(","))), "")

    @property
    def council_said(self):
        if self.relation:
            return f"it is {self.comparison.describe}"
        return written_figure(self.low, self.claim.unit, self.high)

    def clean(self):
        if self.measure_id and (self.first_period is None or self.last_period is None):
            raise ValidationError({"first_period": "A check against a measure needs the years it speaks of."})
        if self.first_period and self.last_period and self.last_period < self.first_period:
            raise ValidationError({"last_period": "The last year cannot be before the first."})
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValidationError({"high": "The high end of the council's range cannot be below its low end."})
