import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from simple_history.models import HistoricalRecords

from .latest import LatestGradesMixin


def normalise_name(name):
    """The form in which authority names are compared: lower case, no punctuation, no 'council'."""
    name = name.lower().replace("&", " and ").replace("\u2019", "'")
    name = re.sub(r"[^a-z0-9 ]+", " ", name)
    name = re.sub(r"\b(the|of|council|county|city|metropolitan|borough|district|royal|london borough)\b", " ", name)
    return " ".join(name.split())


# What documents print after a council's name: the trust or service that runs its children's services, or the
# kind of council ("Sandwell Children's Trust", "Medway Children's Services", "Cheshire East Unitary Authority").
# The council is still the authority inspected (DOMAIN.md), so these are dropped when no name matches as printed.
_SERVICE_SUFFIX = re.compile(
    r"\s+(?:children s (?:social care )?services?(?: trust)?|children s trust|children first"
    r"|children and families trust|unitary authority|mbc|mdc|metropolitan borough|borough)$"
)


def name_keys(name):
    """The keys under which a printed name may be filed: as printed, then without a trailing service or kind."""
    keys = [normalise_name(name)]
    while (shorter := _SERVICE_SUFFIX.sub("", keys[-1])) != keys[-1] and shorter:
        keys.append(shorter)
    return keys


class AuthorityQuerySet(LatestGradesMixin, models.QuerySet):
    def current(self, on=None):
        """Authorities that existed on a date (today if none)."""
        if on is None:
            return self.filter(end_date__isnull=True)
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=on)
        )

    def matching(self, name):
        """Authorities whose name or alias matches a name as printed in a document: as printed if any does, else
        without the trust or service words after it."""
        for key in name_keys(name):
            found = self.filter(Q(name_key=key) | Q(aliases__name_key=key)).distinct()
            if found.exists():
                return found
        return self.none()


class Authority(models.Model):
    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan district"
        LONDON_BOROUGH = "london_borough", "London borough"
        UNITARY = "unitary", "Unitary authority"

    name = models.CharField(max_length=120)
    name_key = models.CharField(max_length=120, editable=False, db_index=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    la_number = models.CharField(
        "DfE LA number", max_length=3, blank=True, help_text="The DfE three-digit local authority number."
    )
    ofsted_urn = models.CharField(
        "Ofsted URN", max_length=10, blank=True, db_index=True,
        help_text="The council's provider number on Ofsted's reports site (ofsted_provider_lookup.csv).",
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    ons_region = models.CharField("ONS region", max_length=60, blank=True)
    ofsted_region = models.CharField(max_length=60, blank=True)
    start_date = models.DateField(null=True, blank=True, help_text="Blank if it existed before 2009.")
    end_date = models.DateField(null=True, blank=True, help_text="Blank while it still exists.")
    predecessors = models.ManyToManyField(
        "self", symmetrical=False, related_name="successors", blank=True
    )
    history = HistoricalRecords()

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "authorities"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ons_code__regex=r"^[EW][0-9]{8}$"),
                name="authority_ons_code_format",
                violation_error_message="An ONS code is a letter and eight digits, e.g. E06000016.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="authority_dates_in_order",
                violation_error_message="An authority's end date must be after its start date.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.ons_code and not re.fullmatch(r"[EW][0-9]{8}", self.ons_code):
            errors["ons_code"] = "An ONS code is a letter and eight digits, e.g. E06000016."
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = "An authority's end date must be after its start date."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)

    @property
    def is_current(self):
        return self.end_date is None

    @property
    def as_predecessor(self):
        """How a successor's record names this council's inspections: "Northamptonshire, before 2021"."""
        return f"{self.name}, before {self.end_date.year}" if self.end_date else self.name

    def predecessor_named(self, authority_id):
        """The predecessor with this id, whose inspection this authority's record carries; None for its own
        (or an unknown) id. Reads predecessors prefetched by with_latest_grades() without a query."""
        if authority_id is None or authority_id == self.pk:
            return None
        return next((p for p in self.predecessors.all() if p.pk == authority_id), None)

    @property
    def no_overall(self):
        """With with_latest_overall(): the latest inspection made no overall judgement (2026 framework), so the
        latest overall grade is superseded."""
        return getattr(self, "no_overall_on", None) is not None

    @property
    def graded_on(self):
        """With with_latest_overall(): the day the latest grades became known (the overall one's, or the 2026
        framework's four)."""
        return getattr(self, "no_overall_on", None) or getattr(self, "overall_on", None)

    @property
    def overall_inherited_from(self):
        """With with_latest_grades(): the predecessor whose overall grade this council carries, or None."""
        return self.predecessor_named(getattr(self, "overall_authority_id", None))

    @property
    def latest_inherited_from(self):
        """With with_latest_grades(): the predecessor whose latest inspection this council carries, or None."""
        return self.predecessor_named(getattr(self, "latest_authority_id", None))

    def neighbours_in_order(self, year=None):
        """The neighbours in force for a statistics year (today's year if none), closest first."""
        links = StatisticalNeighbour.objects.in_force(year).filter(authority=self).select_related("neighbour")
        return [link.neighbour for link in links]


class AuthorityAlias(models.Model):
    """Another name a document uses for an authority ("Leicester City Council", "Leeds City")."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=160)
    name_key = models.CharField(max_length=160, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "authority aliases"
        constraints = [
            models.UniqueConstraint(fields=["authority", "name_key"], name="alias_unique_per_authority"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)


# The DfE's statistical neighbour models and the first statistics year (ending 31 March) each applies to: the
# 2021 groupings before 2025, the 2025 model from the 2025 year on.
NEIGHBOUR_MODELS = {"2021": 0, "2025": 2025}


def neighbour_model_for(year):
    """The neighbour model in force for a statistics year."""
    return max((start, model) for model, start in NEIGHBOUR_MODELS.items() if start <= year)[1]


class StatisticalNeighbourQuerySet(models.QuerySet):
    def in_force(self, year=None):
        """The links of the model in force for a year (today's if none); an authority the model does not cover
        (a model not loaded, a council it leaves out) keeps the earlier model's links. One query, no lookups."""
        year = year or datetime.date.today().year
        model = neighbour_model_for(year)
        earlier = [m for m, start in NEIGHBOUR_MODELS.items() if start < NEIGHBOUR_MODELS[model]]
        if not earlier:
            return self.filter(model=model)
        covered = StatisticalNeighbour.objects.filter(model=model, authority=OuterRef("authority"))
        fallback = max(earlier, key=NEIGHBOUR_MODELS.get)
        return self.filter(Q(model=model) | (Q(model=fallback) & ~Exists(covered)))


class StatisticalNeighbour(models.Model):
    """One of an authority's ten DfE statistical neighbours in one model (2021, 2025), in order of closeness."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    model = models.CharField(
        max_length=4, default="2021", choices=[(m, f"{m} model") for m in NEIGHBOUR_MODELS],
        help_text="The DfE model the grouping belongs to; neighbour_model_for(year) says which is in force.",
    )
    position = models.PositiveSmallIntegerField()
    closeness = models.CharField(max_length=30, blank=True, help_text='As published, e.g. "Very Close".')
    document = models.ForeignKey("inspections.Document", on_delete=models.PROTECT, null=True, blank=True)
    source_ref = models.CharField(max_length=120, blank=True)
    history = HistoricalRecords()

    objects = StatisticalNeighbourQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "model", "position"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "model", "position"], name="neighbour_unique_position"),
            models.UniqueConstraint(fields=["authority", "model", "neighbour"], name="neighbour_unique_pair"),
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=10),
                name="neighbour_position_1_to_10",
                violation_error_message="A statistical neighbour's position is from 1 to 10.",
            ),
            models.CheckConstraint(
                condition=~Q(authority=models.F("neighbour")),
                name="neighbour_not_self",
                violation_error_message="An authority cannot be its own statistical neighbour.",
            ),
        ]

    def __str__(self):
        return f"{self.authority}: {self.position}. {self.neighbour}"

    def clean(self):
        if self.authority_id and self.authority_id == self.neighbour_id:
            raise ValidationError({"neighbour": "An authority cannot be its own statistical neighbour."})
