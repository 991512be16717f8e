"""The DfE's official statistics beside the inspections: what each measure is, and its figures by year for every
council, region and England (data/dfe/, loaded by load_dfe_statistics). Context, not a forecast: most of these
figures predict Ofsted grades weakly (DOMAIN.md)."""

from django.db import models
from django.db.models import Q

from inspections.importing.statistics.dfe import SYMBOLS


class Measure(models.Model):
    class Polarity(models.TextChoices):
        HIGHER_IS_BETTER = "higher_is_better", "Higher is better"
        LOWER_IS_BETTER = "lower_is_better", "Lower is better"
        NEITHER = "neither", "Neither higher nor lower is better"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40, help_text='"%", "count", "rate per 10,000", "cases per worker".')
    publication = models.CharField(max_length=200)
    source_file = models.CharField(max_length=200, help_text="The DfE file the measure is read from.")
    source_column = models.CharField(max_length=80)
    breakdown = models.CharField(max_length=300, blank=True, help_text="The rows of the file it is for.")
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    polarity_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name


class MeasureValue(models.Model):
    """One figure of a measure for a year (ending 31 March) and a geography, or the symbol printed instead."""

    class Level(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        AUTHORITY = "authority", "Local authority"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period = models.PositiveSmallIntegerField(help_text="The year ending 31 March.")
    level = models.CharField(max_length=10, choices=Level.choices)
    code = models.CharField(max_length=40, help_text="The geography's ONS code as published.")
    name = models.CharField(max_length=120, blank=True)
    # Null for England, regions, and a service two councils share ("E06000061 / E06000062").
    authority = models.ForeignKey(
        "inspections.Authority", on_delete=models.CASCADE, null=True, blank=True, related_name="statistics"
    )
    region_code = models.CharField(max_length=9, blank=True)
    region_name = models.CharField(max_length=60, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    symbol = models.CharField(max_length=4, blank=True, choices=[(c, m) for c, m in SYMBOLS.items() if c])
    document = models.ForeignKey("inspections.Document", on_delete=models.PROTECT, related_name="statistic_values")
    source_row = models.PositiveIntegerField()

    class Meta:
        ordering = ["measure", "period", "level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period", "code"], name="measure_value_unique"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(symbol=""),
                name="measure_value_or_symbol",
                violation_error_message="A figure is either a value or the symbol printed instead, not both.",
            ),
        ]
        indexes = [models.Index(fields=["authority", "measure"]), models.Index(fields=["level", "measure"])]

    def __str__(self):
        return f"{self.measure.slug} {self.period} {self.name}: {self.display}"

    @property
    def withheld(self):
        return self.value is None

    @property
    def display(self):
        """The figure as published: the number, or the symbol with its meaning (never a zero)."""
        if self.value is not None:
            return f"{self.value.normalize():f}"
        return f"{self.symbol or '–'} ({SYMBOLS[self.symbol]})"
