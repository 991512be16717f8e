from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from simple_history.models import HistoricalRecords


class Theme(models.Model):
    """A subject that recurs across documents (DOMAIN.md's controlled list, extendable by admins)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120, unique=True)
    keywords = models.JSONField(
        default=list,
        blank=True,
        help_text='Words that suggest this theme when importing, e.g. ["supervision", "management oversight"].',
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Document(models.Model):
    """A source: a report, a letter, a self-evaluation or a statistics file."""

    class Kind(models.TextChoices):
        REPORT = "report", "Inspection report"
        MONITORING_LETTER = "monitoring_letter", "Monitoring visit letter"
        FOCUSED_VISIT_LETTER = "focused_visit_letter", "Focused visit letter"
        JTAI_LETTER = "jtai_letter", "Joint targeted area inspection letter"
        SELF_EVALUATION = "self_evaluation", "Self-evaluation"
        STATISTICS = "statistics", "Official statistics"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    title = models.CharField(max_length=300)
    authority = models.ForeignKey(
        "inspections.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text="Blank for national documents such as statistics.",
    )
    published = models.DateField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True, help_text="Where Ofsted publishes it (from the manifest).")
    ofsted_urn = models.CharField(
        "Ofsted URN", max_length=10, blank=True, help_text="The council's provider number the manifest files it under."
    )
    warnings = models.JSONField(
        default=list, blank=True,
        help_text="What the import noticed: a disagreement with the manifest, a self-check that failed, a date corrected.",
    )
    file = models.FileField(upload_to="documents/%Y/", blank=True)
    filename = models.CharField(max_length=255, blank=True, help_text="The name of the file as imported.")
    text = models.TextField(blank=True, help_text="The document's text, as extracted when imported.")
    sha256 = models.CharField(max_length=64, unique=True, help_text="Of the file's bytes: the same file is never imported twice.")
    is_private = models.BooleanField(
        default=False, help_text="Private documents (self-evaluations) are shown only to those allowed to see them."
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["-published", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="document_sha256_format",
                violation_error_message="sha256 is 64 lower-case hexadecimal characters.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="self_evaluation") | Q(is_private=True),
                name="self_evaluations_are_private",
                violation_error_message="A self-evaluation is a private document.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.kind == self.Kind.SELF_EVALUATION and not self.is_private:
            raise ValidationError({"is_private": "A self-evaluation is a private document."})

    def get_absolute_url(self):
        try:
            return reverse("inspections:document", args=[self.pk])
        except NoReverseMatch:
            return ""


class Sourced(models.Model):
    """A fact taken from a document: which document, and where in it."""

    document = models.ForeignKey("inspections.Document", on_delete=models.PROTECT, related_name="+")
    source_ref = models.CharField(
        "source reference",
        max_length=120,
        blank=True,
        help_text='Where in the document: "paragraph 12", "bullet 3", "page 4", "ILACS_inspection_history row 57".',
    )

    class Meta:
        abstract = True
