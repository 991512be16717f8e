import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
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

    @classmethod
    def add_missing_starting_themes(cls):
        """Creates any theme of the starting list (inspections.themes) that is missing, e.g. from a database
        emptied since its migration ran; a theme an admin has edited is left as it is. Returns how many."""
        from inspections.themes import THEMES

        held = set(cls.objects.values_list("slug", flat=True))
        missing = [cls(slug=t.slug, name=t.name, keywords=list(t.keywords)) for t in THEMES if t.slug not in held]
        cls.objects.bulk_create(missing)
        return len(missing)


AS_AT = re.compile(r"\bas at (\d{1,2}) ([A-Za-z]+) (\d{4})\b")
MONTHS = {name: n for n, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}


def as_at_date(title):
    """The day a statistics release is "as at", from its title ("... as at 31 March 2025"), or None."""
    match = AS_AT.search(title)
    if not match or match[2].lower() not in MONTHS:
        return None
    try:
        return datetime.date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        return None


@dataclass(frozen=True)
class RecordCurrency:
    """How current the record is: the newest day of each kind of source it holds."""

    statistics_to: datetime.date | None  # the newest statistics release's "as at" day
    reports_to: datetime.date | None  # the newest report or letter

    @property
    def complete_to(self):
        """The newest of the two: grade ages and years in grade count to it, and no later day is shown as fact."""
        return max((d for d in (self.statistics_to, self.reports_to) if d), default=None)

    @property
    def counted_to(self):
        """The day grade ages and years in grade count to: the record's, not today (it may be months old)."""
        return self.complete_to or timezone.localdate()

    def refuses(self, as_at):
        """Whether `as_at` is after the record: grades on that day are not known yet."""
        return bool(as_at and self.complete_to and as_at > self.complete_to)


class DocumentQuerySet(models.QuerySet):
    def record_complete_to(self):
        """A RecordCurrency: statistics to the "as at" day of the newest statistics release that states one
        (else its publication day); reports to the newest publication of a public report or letter, or, for
        one without a publication date, the latest day of the inspection it reports."""
        releases = self.filter(kind=Document.Kind.STATISTICS).values_list("title", "published")
        statistics = [as_at_date(title) or published for title, published in releases]
        reports = self.exclude(kind__in=(Document.Kind.STATISTICS, Document.Kind.SELF_EVALUATION)).filter(
            is_private=False
        )
        newest = reports.aggregate(
            published=Max("published"),
            inspected=Max(Coalesce("inspections__published", "inspections__end_date", "inspections__start_date")),
        )
        return RecordCurrency(
            max((d for d in statistics if d), default=None),
            max((d for d in newest.values() if d), default=None),
        )


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

    objects = DocumentQuerySet.as_manager()

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
