"""Assessments: a claim set beside later evidence, with a verdict."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .claims import Claim


class ClaimAssessment(models.Model):
    """A claim set beside later evidence, with a verdict."""

    class Verdict(models.TextChoices):
        BORNE_OUT = "borne_out", "Borne out"
        PARTLY_BORNE_OUT = "partly_borne_out", "Partly borne out"
        CONTRADICTED = "contradicted", "Contradicted"
        NOT_YET_TESTED = "not_yet_tested", "Not yet tested"

    class Status(models.TextChoices):
        """Who stands behind the verdict: the evidence finder (improvement.evidence) or a person."""

        PROPOSED = "proposed", "Proposed by the evidence finder"
        CONFIRMED = "confirmed", "Confirmed by a person"
        CHANGED = "changed", "Changed by a person"

    # A person's verdict: never replaced by a proposal, and the one a claim carries before any proposal.
    BY_A_PERSON = (Status.CONFIRMED, Status.CHANGED)

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="assessments")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    judgement = models.ForeignKey("inspections.Judgement", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    finding = models.ForeignKey("inspections.Finding", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    area_for_improvement = models.ForeignKey(
        "inspections.AreaForImprovement", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A person's unless the evidence finder says otherwise: an assessment made in the admin or a curation is theirs.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    reason = models.TextField(blank=True, help_text="Why the verdict follows from the evidence, in plain words.")
    # An official figure (DfE statistics) that tested a figure claim: see improvement.models.figures.FigureCheck.
    measure_value = models.ForeignKey("inspections.MeasureValue", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    note = models.TextField(blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    assessed_on = models.DateField()
    history = HistoricalRecords()

    EVIDENCE_FIELDS = ("judgement", "finding", "area_for_improvement", "measure_value")

    class Meta:
        ordering = ["claim", "assessed_on"]
        indexes = [models.Index(fields=["claim", "assessed_on"], name="assessment_latest")]
        constraints = [
            # At most one piece of evidence; a verdict other than "not yet tested" needs exactly one.
            models.CheckConstraint(
                condition=(
                    Q(judgement__isnull=True, finding__isnull=True, area_for_improvement__isnull=True,
                      measure_value__isnull=True, verdict="not_yet_tested")
                    | Q(judgement__isnull=False, finding__isnull=True, area_for_improvement__isnull=True,
                        measure_value__isnull=True)
                    | Q(judgement__isnull=True, finding__isnull=False, area_for_improvement__isnull=True,
                        measure_value__isnull=True)
                    | Q(judgement__isnull=True, finding__isnull=True, area_for_improvement__isnull=False,
                        measure_value__isnull=True)
                    | Q(judgement__isnull=True, finding__isnull=True, area_for_improvement__isnull=True,
                        measure_value__isnull=False)
                ),
                name="assessment_one_piece_of_evidence",
                violation_error_message="Set exactly one piece of evidence (judgement, finding, area for improvement "
                "or official figure), or none with the verdict “not yet tested”.",
            ),
        ]

    def __str__(self):
        return f"{self.claim}: {self.get_verdict_display()}"

    @property
    def is_proposed(self):
        return self.status == self.Status.PROPOSED

    @property
    def evidence(self):
        return self.judgement or self.finding or self.area_for_improvement or self.measure_value

    def clean(self):
        given = [name for name in self.EVIDENCE_FIELDS if getattr(self, f"{name}_id")]
        if len(given) > 1:
            raise ValidationError({given[1]: "Set only one piece of evidence per assessment."})
        if not given and self.verdict != self.Verdict.NOT_YET_TESTED:
            raise ValidationError({"verdict": "A verdict other than “not yet tested” needs a piece of evidence."})
        if given and self.claim_id:
            evidence = getattr(self, given[0])
            authority = self.claim.self_evaluation.authority
            # An official figure belongs to its authority directly; the other evidence through its inspection.
            # A successor carries its predecessors' record (Authority.predecessors).
            evidence_authority_id = evidence.authority_id if given[0] == "measure_value" else evidence.inspection.authority_id
            if evidence_authority_id != authority.pk and \
                    not authority.predecessors.filter(pk=evidence_authority_id).exists():
                raise ValidationError({given[0]: "The evidence must be about the same authority as the claim."})
