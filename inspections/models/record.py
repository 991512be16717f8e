from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from simple_history.models import HistoricalRecords

from inspections.grades import (
    FRAMEWORK_LABELS,
    GRADE_RANK,
    SCALE_GRADES,
    STRAND_LABELS,
    TIMESCALE_LABELS,
    Framework,
    Grade,
    Scale,
    makes_overall_judgement,
)

from .documents import Sourced
from .latest import InspectionListingMixin, JudgementQuerySet

FRAMEWORK_CHOICES = [(f.value, FRAMEWORK_LABELS[f]) for f in Framework]
GRADE_CHOICES = [(g.value, g.value) for g in Grade]
STRAND_CHOICES = list(STRAND_LABELS.items())
TIMESCALE_CHOICES = list(TIMESCALE_LABELS.items())


class Inspector(models.Model):
    name = models.CharField(max_length=120, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InspectionQuerySet(InspectionListingMixin, models.QuerySet):
    def graded(self):
        return self.filter(judgements__grade__isnull=False).distinct()

    def visits(self):
        return self.filter(kind__in=Inspection.VISIT_KINDS)

    def with_record(self):
        return self.select_related("authority", "follows", "theme", "known_from").prefetch_related(
            "judgements", "findings", "areas_for_improvement", "documents"
        )


class Inspection(models.Model):
    """Any Ofsted event about one authority: inspections, follow-ups, monitoring and focused visits, joint
    targeted area inspections (ungraded, with the agencies that took part)."""

    class Kind(models.TextChoices):
        FULL = "full", "Full inspection"
        STANDARD = "standard", "Standard inspection"
        SHORT = "short", "Short inspection"
        FOLLOW_UP = "follow_up", "Follow-up inspection"
        MONITORING_VISIT = "monitoring_visit", "Monitoring visit"
        FOCUSED_VISIT = "focused_visit", "Focused visit"
        JTAI = "jtai", "Joint targeted area inspection"
        # A SIF-era review of the Local Safeguarding Children Board on its own: it grades the board, never the
        # council, so it is not among the council's inspections' grades (JudgementQuerySet.of_the_authority).
        LSCB_REVIEW = "lscb_review", "Review of the Local Safeguarding Children Board"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    VISIT_KINDS = (Kind.MONITORING_VISIT, Kind.FOCUSED_VISIT, Kind.JTAI)

    authority = models.ForeignKey("inspections.Authority", on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    framework = models.CharField(max_length=24, choices=FRAMEWORK_CHOICES)
    framework_version = models.CharField(
        max_length=20, blank=True,
        help_text='The version of the framework that applies, e.g. "2026" for ILACS begun on or after 1 April 2026, '
        "which makes no overall effectiveness judgement.",
    )
    start_date = models.DateField(help_text="First day on site; for a date known only to the month or year, its first day.")
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    published = models.DateField(null=True, blank=True)
    inspectors = models.ManyToManyField(Inspector, through="InspectionInspector", blank=True)
    theme = models.ForeignKey(
        "inspections.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="visits",
        help_text="For visits: the theme, from the controlled list.",
    )
    theme_text = models.CharField(
        "theme as written", max_length=300, blank=True, help_text="For visits: the focus in the letter's own words."
    )
    verdict = models.CharField(
        max_length=300, blank=True, help_text='For visits: progress in the letter\'s own words, e.g. "steady progress".'
    )
    agencies = models.JSONField(
        default=list, blank=True,
        help_text="For joint inspections: the inspectorates and agencies involved, as the letter names them.",
    )
    follows = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="monitoring_visits",
        help_text="For monitoring visits: the inadequate inspection that led to them.",
    )
    known_from = models.ForeignKey(
        "inspections.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="cited_inspections",
        help_text="Set when this inspection is known only because a later document cites it.",
    )
    documents = models.ManyToManyField(
        "inspections.Document", blank=True, related_name="inspections", help_text="Every document that reports it."
    )
    history = HistoricalRecords(m2m_fields=[documents])

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["authority__name", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "kind", "start_date"], name="inspection_unique_event"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="inspection_end_after_start",
                violation_error_message="An inspection cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(published__isnull=True) | Q(published__gte=models.F("start_date")),
                name="inspection_published_after_start",
                violation_error_message="An inspection cannot be published before it starts.",
            ),
        ]
        indexes = [models.Index(fields=["authority", "start_date"])]

    def __str__(self):
        return f"{self.authority} – {self.get_kind_display()}, {self.start_date:%B %Y}"

    @property
    def is_visit(self):
        return self.kind in self.VISIT_KINDS

    @property
    def scale(self):
        return Framework(self.framework).scale

    @property
    def theme_label(self):
        """A visit's theme for labels: the list's theme, else the letter's words. A joint targeted area
        inspection's own words come first: its themes (domestic abuse, neglect) are wider than the list's."""
        listed = self.theme.name if self.theme_id else ""
        if self.kind == self.Kind.JTAI and self.theme_text:
            return f"{self.theme_text} ({listed})" if listed else self.theme_text
        return listed or self.theme_text

    @property
    def makes_overall_judgement(self):
        """False for an ILACS inspection of the 2026 framework (begun on or after 1 April 2026), which grades
        its four judgements only; latest.without_overall_q() is the same rule in SQL."""
        return makes_overall_judgement(self.framework, self.start_date, self.framework_version)

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "An inspection cannot end before it starts."
        if self.published and self.start_date and self.published < self.start_date:
            errors["published"] = "An inspection cannot be published before it starts."
        if self.follows_id:
            same = {self.authority_id, *(self.authority.predecessors.values_list("pk", flat=True) if self.authority_id else ())}
            if self.follows.authority_id not in same:
                errors["follows"] = "A monitoring visit follows an inspection of the same authority (or its predecessor)."
            elif self.start_date and self.follows.start_date > self.start_date:
                errors["follows"] = "A monitoring visit follows an earlier inspection."
        if self.pk and self.framework:
            allowed = [g.value for g in SCALE_GRADES[self.scale]]
            if self.judgements.exclude(grade__isnull=True).exclude(grade__in=allowed).exists():
                errors["framework"] = "Its judgements have grades off this framework's scale; change them first."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Judgements keep a copy of the scale for the database's check; keep it in step with the framework.
        self.judgements.exclude(scale=self.scale).update(scale=self.scale)

    def overall_grade(self):
        """The overall judgement, or None (2009-12 reports have none; ILACS after 2026 may not)."""
        for judgement in self.judgements.all():
            if judgement.strand == "overall" and not judgement.is_lscb:
                return judgement
        return None


class InspectionInspector(models.Model):
    """An inspector on an inspection, in the order the document names them (the lead first)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    inspector = models.ForeignKey(Inspector, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=1)
    is_lead = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "inspector"], name="inspector_once_per_inspection"),
        ]

    def __str__(self):
        return f"{self.inspector}{' (lead)' if self.is_lead else ''}"


class Judgement(Sourced):
    """One graded judgement of an inspection, in the framework's own words."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    section = models.CharField(max_length=200, blank=True, help_text='e.g. "Services for looked after children".')
    area = models.CharField(max_length=300, help_text="The judgement as the framework words it.")
    strand = models.CharField(max_length=24, choices=STRAND_CHOICES, default="none")
    grade = models.CharField(
        max_length=40, choices=GRADE_CHOICES, null=True, blank=True,
        help_text="Blank where the inspection gave no grade for this area.",
    )
    scale = models.CharField(max_length=1, choices=[(s.value, s.value) for s in Scale], editable=False)
    grade_rank = models.GeneratedField(
        expression=Case(
            *[When(grade=grade.value, then=Value(rank)) for grade, rank in GRADE_RANK.items()],
            default=None,
            output_field=models.PositiveSmallIntegerField(),
        ),
        output_field=models.PositiveSmallIntegerField(null=True),
        db_persist=True,
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = JudgementQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "section", "area"], name="judgement_unique_area"),
            models.CheckConstraint(
                condition=Q(grade__isnull=True)
                | Q(scale=Scale.A, grade__in=[g.value for g in SCALE_GRADES[Scale.A]])
                | Q(scale=Scale.B, grade__in=[g.value for g in SCALE_GRADES[Scale.B]]),
                name="judgement_grade_in_scale",
                violation_error_message="The grade is not on the scale of the inspection's framework.",
            ),
        ]

    def __str__(self):
        return f"{self.area}: {self.grade or 'not graded'}"

    @property
    def is_lscb(self):
        """The LSCB review is about the board, never the authority's own grade."""
        return "safeguarding children board" in self.section.lower() or self.section.upper().startswith("LSCB")

    def clean(self):
        if self.inspection_id:
            self.scale = self.inspection.scale
        if self.inspection_id and self.grade:
            scale = self.inspection.scale
            if Grade(self.grade) not in SCALE_GRADES[scale]:
                allowed = ", ".join(g.value for g in SCALE_GRADES[scale])
                raise ValidationError(
                    {"grade": f"{self.grade!r} is not a grade of the {self.inspection.get_framework_display()} scale ({allowed})."}
                )

    def save(self, *args, **kwargs):
        # Copied from the framework so the database itself can check the grade's scale.
        self.scale = self.inspection.scale
        super().save(*args, **kwargs)


class Finding(Sourced):
    """What a letter or report says: a bullet of a monitoring letter, a focused visit's strength."""

    class Kind(models.TextChoices):
        FINDING = "finding", "Finding"
        STRENGTH = "strength", "Strength"
        WEAKNESS = "weakness", "Weakness"
        PRIORITY_ACTION = "priority_action", "Area for priority action"
        EVALUATION = "evaluation", "Evaluation of progress"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FINDING)
    text = models.TextField()
    theme = models.ForeignKey("inspections.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="findings")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "position", "pk"]

    def __str__(self):
        return self.text[:80]


class AreaForImprovement(Sourced):
    """A recommendation or "what needs to improve" item, with its timescale."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="areas_for_improvement")
    text = models.TextField()
    timescale = models.CharField(max_length=24, choices=TIMESCALE_CHOICES, default="none")
    national_framework_tag = models.CharField(
        max_length=200, blank=True,
        help_text='From April 2026: the national framework outcome or enabler the item is tied to, '
        'e.g. "outcome 2, national framework".',
    )
    theme = models.ForeignKey(
        "inspections.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="areas_for_improvement"
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "areas for improvement"
        ordering = ["inspection", "position", "pk"]

    def __str__(self):
        return self.text[:80]
