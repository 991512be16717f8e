"""Saving a parsed self-evaluation (proposed claims), and applying a person's curation of its claims."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django.db import transaction

from inspections.importing.records import ParseError
from inspections.loading.person_edits import PersonEdits
from inspections.models import AreaForImprovement, Document, Finding, Judgement, Theme

from . import figures
from .evidence.proposing import propose_for
from .figures.checks import apply_curated
from .models import Claim, ClaimAssessment, SelfEvaluation


def save_self_evaluation(document, record, outcome):
    """The inspections importer calls this for self-evaluations: claims are saved as proposed."""
    if record.published is None:
        raise ParseError(f"{document.filename}: no date found on the self-evaluation")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    self_evaluation = SelfEvaluation.objects.create(
        authority=document.authority, document=document, title=document.title, published=record.published.first_day()
    )
    for position, item in enumerate(record.claims, start=1):
        Claim.objects.create(
            self_evaluation=self_evaluation, document=document, source_ref=item.source_ref, statement=item.text,
            kind=item.kind,
            figure=item.figure, unit=item.unit if item.figure is not None or item.unit else "",
            period_text=item.period_text, theme=themes.get(item.theme), strand=item.strand, position=position,
        )
    outcome.count("proposed claims", len(record.claims))
    # The evidence finder proposes a verdict for each claim from the record as it stands (load_demo proposes
    # again once every document is in).
    outcome.count("proposed verdicts", propose_for(self_evaluation)["proposed"])
    # Figure claims are set beside the official statistics they speak of, for a person to confirm.
    outcome.count("figure checks proposed", figures.propose_for(self_evaluation)["proposed"])


EVIDENCE = {
    "judgement": (Judgement, "area__icontains"),
    "area_for_improvement": (AreaForImprovement, "text__icontains"),
    "finding": (Finding, "text__icontains"),
}


def apply_curation(path, assessed_by=None):
    """Confirm claims in a person's own words and add their assessments, from a curated JSON file.

    Idempotent: claims are matched on source_ref, assessments on claim and evidence. Returns counts, and under
    "conflicts" the fields a person has since edited in the admin, which are kept (inspections.loading.person_edits).
    """
    spec = json.loads(path.read_text(encoding="utf-8"))
    counts = {"confirmed": 0, "unchanged": 0, "assessments": 0, "conflicts": []}
    with transaction.atomic():
        self_evaluation = _self_evaluation_for(spec["document"], path)
        claim_edits = PersonEdits(Claim, self_evaluation.claims.all())
        assessment_edits = PersonEdits(ClaimAssessment, ClaimAssessment.objects.filter(claim__self_evaluation=self_evaluation))
        evidence_document = Document.objects.filter(filename=spec["evidence_document"]).first()
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        assessed_on = datetime.date.fromisoformat(spec.get("assessed_on", "2026-11-28"))
        for position, item in enumerate(spec["claims"], start=1):
            claim = self_evaluation.claims.filter(source_ref=item["source_ref"]).order_by("position").first()
            values = {
                "statement": item["statement"],
                "figure": None if item.get("figure") is None else Decimal(str(item["figure"])),
                "unit": item.get("unit", ""),
                "period_text": item.get("period_text", ""),
                "theme": themes.get(item.get("theme")),
                "strand": item.get("strand", "none"),
                "status": Claim.Status.CONFIRMED,
            }
            if "kind" in item:
                values["kind"] = item["kind"]
            elif claim is None:
                values["kind"] = Claim.Kind.FIGURE if values["figure"] is not None else Claim.Kind.QUALITY
            if claim is None:
                claim = Claim(self_evaluation=self_evaluation, document=self_evaluation.document,
                              source_ref=item["source_ref"], position=1000 + position)
            if claim.pk:
                values = claim_edits.kept(claim, values, counts["conflicts"], f"claim {item['source_ref']} of {path.name}")
            if claim.pk and all(getattr(claim, name) == value for name, value in values.items()):
                counts["unchanged"] += 1
            else:
                for name, value in values.items():
                    setattr(claim, name, value)
                claim.full_clean()
                claim.save()
                counts["confirmed"] += 1
            for assessment in item.get("assessments", []):
                counts["assessments"] += _assess(claim, assessment, evidence_document, assessed_on, assessed_by, path,
                                                 assessment_edits, counts["conflicts"])
        # The curated claims' figures set beside the official statistics, then the person's decisions on them.
        figures.propose_for(self_evaluation)
        for item in spec["claims"]:
            if "figure_check" in item:
                claim = self_evaluation.claims.filter(source_ref=item["source_ref"]).order_by("position").first()
                try:
                    counts["assessments"] += apply_curated(claim, item["figure_check"], assessed_by, path.name)
                except ValueError as error:
                    raise ParseError(str(error)) from None
    return counts


def _self_evaluation_for(filename, path):
    self_evaluation = SelfEvaluation.objects.filter(document__filename=filename).first()
    if self_evaluation is None:
        raise ParseError(f"{path.name}: the self-evaluation {filename} has not been imported")
    return self_evaluation


def _assess(claim, spec, evidence_document, assessed_on, assessed_by, path, edits, conflicts):
    fields = {"judgement": None, "finding": None, "area_for_improvement": None}
    evidence_spec = spec.get("evidence")
    if evidence_spec:
        if evidence_document is None:
            raise ParseError(f"{path.name}: the evidence document has not been imported")
        model, lookup = EVIDENCE[evidence_spec["kind"]]
        # Judgements may cite another copy of the same report, so look in the inspections the document reports.
        evidence = (
            model.objects.filter(inspection__documents=evidence_document, **{lookup: evidence_spec["contains"]})
            .order_by("pk")
            .first()
        )
        if evidence is None:
            raise ParseError(
                f"{path.name}: no {evidence_spec['kind']} containing {evidence_spec['contains']!r} in {evidence_document}"
            )
        fields[evidence_spec["kind"]] = evidence
    assessment, created = ClaimAssessment.objects.get_or_create(
        claim=claim, **fields,
        defaults={"verdict": spec["verdict"], "note": spec.get("note", ""), "assessed_on": assessed_on,
                  "assessed_by": assessed_by, "status": ClaimAssessment.Status.CONFIRMED},  # a person's curation
    )
    # The evidence finder's proposal may rest on the same evidence: the curation makes it a person's verdict,
    # unless a person has since changed it (PersonEdits), whose edit is kept and reported.
    mine = {"verdict": spec["verdict"], "note": spec.get("note", ""), "status": ClaimAssessment.Status.CONFIRMED}
    wanted = {name: value for name, value in mine.items() if getattr(assessment, name) != value}
    if not created and wanted:
        wanted = edits.kept(assessment, wanted, conflicts, f"the assessment of claim {claim.source_ref} of {path.name}")
    if not created and wanted:
        if "verdict" in wanted:
            assessment.reason = ""  # the finder's reason was for its own verdict
        for name, value in wanted.items():
            setattr(assessment, name, value)
        assessment.full_clean()
        assessment.save()
        return 1
    return int(created)
