"""Saving a parsed report or letter (a DocumentRecord) as Document, Inspection and the facts in it.

One transaction per document. The same file (by sha256) is never imported twice. A report of an inspection
that the official statistics already hold enriches that Inspection instead of duplicating it.
Other apps add savers for their own document types (improvement registers self-evaluations), so this module
never imports them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from inspections.importing.records import DocumentRecord, ParseError
from inspections.models import (
    AreaForImprovement,
    Authority,
    Document,
    Finding,
    Inspection,
    InspectionInspector,
    Inspector,
    Judgement,
    Theme,
)

from .citations import cited_inspection, cited_placeholder
from .person_edits import PersonEdits

DOCUMENT_KINDS = {
    "monitoring_visit": Document.Kind.MONITORING_LETTER,
    "focused_visit": Document.Kind.FOCUSED_VISIT_LETTER,
    "jtai": Document.Kind.JTAI_LETTER,
    "self_evaluation": Document.Kind.SELF_EVALUATION,
}
# Reports and the statistics may date one inspection a few days apart (first day on site vs week of inspection).
SAME_EVENT_DAYS = 14
# Kinds that are one family of event when matching a report to the statistics' record of it.
KIND_GROUPS = ({"standard", "short"},)
_savers = {}


def register_saver(document_type, saver):
    """saver(document, record, outcome) saves what this module does not know about (e.g. claims)."""
    _savers[document_type] = saver


@dataclass
class Outcome:
    status: str  # "imported", "enriched" or "already present"
    document: Document
    inspection: Inspection | None = None
    created: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def count(self, what, n=1):
        self.created[what] = self.created.get(what, 0) + n

    def summary(self):
        parts = [f"{n} {what}" for what, n in self.created.items() if n]
        return f"{self.status}: " + (", ".join(parts) if parts else "nothing new")


def find_authority(name, on=None):
    """The authority a document names, preferring one that existed on the document's date."""
    matches = list(Authority.objects.matching(name))
    if on and len(matches) > 1:
        matches = [a for a in matches if (a.start_date is None or a.start_date <= on) and (a.end_date is None or a.end_date > on)] or matches
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ParseError(f"authority not found: {name!r} is not the name or alias of any authority (load_authorities first?)")
    raise ParseError(f"authority {name!r} is ambiguous: " + ", ".join(f"{a} ({a.ons_code})" for a in matches))


def event_date(record):
    date = record.start_date or record.published
    return date.first_day() if date else None


def save_record(source, record: DocumentRecord, *, url="", ofsted_urn="", warnings=()):
    """Save one parsed document; returns an Outcome. Raises ParseError (and writes nothing) on bad input.
    What the parser and the saving noticed, and `warnings` from the caller (e.g. the manifest's), are kept on the
    Document."""
    existing = Document.objects.filter(sha256=source.sha256).first()
    if existing:
        return Outcome("already present", existing)
    with transaction.atomic():
        authority = find_authority(record.authority, on=event_date(record))
        document = Document(
            kind=DOCUMENT_KINDS.get(record.document_type, Document.Kind.REPORT),
            title=record.title or f"{authority} {record.document_type.replace('_', ' ')}",
            authority=authority,
            published=record.published.first_day() if record.published else None,
            url=url,
            ofsted_urn=ofsted_urn,
            filename=source.filename,
            text=source.text,
            sha256=source.sha256,
            is_private=record.document_type == "self_evaluation",
        )
        document.file.save(source.filename, ContentFile(source.data), save=False)
        document.save()
        outcome = Outcome("imported", document, warnings=[*record.warnings, *warnings])
        if record.document_type in _savers:
            _savers[record.document_type](document, record, outcome)
        else:
            _save_inspection(document, authority, record, outcome)
        if outcome.warnings:
            document.warnings = outcome.warnings
            document.save(update_fields=["warnings"])
        return outcome


def _save_inspection(document, authority, record, outcome):
    if record.start_date is None:
        raise ParseError(f"{document.filename}: no inspection or visit dates found")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    inspection = _matching_inspection(authority, record)
    # An inspection known only from a citation takes the report's own kind, dates and (below) grades.
    superseded = {inspection.known_from_id} if inspection and inspection.known_from_id else set()
    values = {}
    if inspection:
        outcome.status = "enriched"
        if superseded:
            values.update(kind=record.inspection_kind, start_date=record.start_date.first_day())
    else:
        inspection = Inspection(authority=authority, kind=record.inspection_kind, start_date=record.start_date.first_day())
        outcome.count("inspections")
    values.update(
        framework=record.framework,
        framework_version=record.framework_version or inspection.framework_version,
        date_precision=record.start_date.precision,
        end_date=record.end_date.first_day() if record.end_date else inspection.end_date,
        published=record.published.first_day() if record.published else inspection.published,
        theme_text=record.theme_text or inspection.theme_text,
        theme=themes.get(record.theme) or inspection.theme,
        verdict=record.verdict or inspection.verdict,
        agencies=record.agencies or inspection.agencies,
        known_from=None,  # the document itself is now in hand
    )
    if record.follows:
        follows = cited_inspection(authority, record.follows, document, outcome)
        # A predecessor council's inspection is cited, but the visits are to this council's services.
        values["follows"] = follows if follows and follows.authority_id == authority.pk else inspection.follows
    if inspection.pk:  # what a person corrected on the inspection stays (person_edits)
        values = _keep_person_edits(Inspection, [inspection], inspection, values, outcome)
    for name, value in values.items():
        setattr(inspection, name, value)
    inspection.full_clean()
    inspection.save()
    inspection.documents.add(document)
    outcome.inspection = inspection

    _save_inspectors(inspection, record.inspectors)
    _save_judgements(inspection, document, record, outcome, superseded)
    # Another copy of the same report (a text version of the PDF, say) may have given these already.
    # Saved in bulk, with their history rows: one insert each, not one per fact (a report holds dozens).
    known = {_gist(item.text) for item in inspection.areas_for_improvement.all()}
    areas = [
        AreaForImprovement(
            inspection=inspection, document=document, source_ref=item.source_ref, text=item.text,
            timescale=item.timescale, theme=themes.get(item.theme), position=position,
            national_framework_tag=item.national_framework_tag,
        )
        for position, item in enumerate(record.areas_for_improvement, start=1) if _gist(item.text) not in known
    ]
    bulk_create_with_history(areas, AreaForImprovement)
    outcome.count("areas for improvement", len(areas))
    known = {_gist(item.text) for item in inspection.findings.all()}
    findings = [
        Finding(
            inspection=inspection, document=document, source_ref=item.source_ref, text=item.text,
            kind=item.kind, theme=themes.get(item.theme), position=position,
        )
        for position, item in enumerate(record.findings, start=1) if _gist(item.text) not in known
    ]
    bulk_create_with_history(findings, Finding)
    outcome.count("findings", len(findings))
    for cited in record.earlier_grades:
        if record.follows and cited == record.follows:
            continue
        cited_inspection(authority, cited, document, outcome)


def _gist(text):
    """The first words of a statement, letters and digits only: equal for two extractions of one sentence."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split()[:10])


def _matching_inspection(authority, record):
    start = record.start_date.first_day()
    kinds = next((group for group in KIND_GROUPS if record.inspection_kind in group), {record.inspection_kind})
    window = datetime.timedelta(days=SAME_EVENT_DAYS)
    candidates = Inspection.objects.filter(
        authority=authority, kind__in=kinds, start_date__range=(start - window, start + window)
    )
    found = min(candidates, key=lambda i: abs(i.start_date - start), default=None)
    return found or cited_placeholder(authority, record)


def _save_inspectors(inspection, names):
    if not names:
        return
    inspection.team.all().delete()
    # A name listed twice (a lead inspector also in the team list) is one inspector, at their first place.
    names = list(dict.fromkeys(" ".join(name.split()) for name in names if name.strip()))
    for position, name in enumerate(names, start=1):
        inspector, _ = Inspector.objects.get_or_create(name=name)
        InspectionInspector.objects.create(inspection=inspection, inspector=inspector, position=position, is_lead=position == 1)


def _keep_person_edits(model, objects, obj, values, outcome):
    conflicts = []
    values = PersonEdits(model, objects).kept(obj, values, conflicts)
    outcome.warnings.extend(map(str, conflicts))
    return values


def _save_judgements(inspection, document, record, outcome, superseded=()):
    existing = list(inspection.judgements.select_related("document"))
    edits = PersonEdits(Judgement, existing) if existing else None
    for position, item in enumerate(record.judgements, start=1):
        # The statistics name a strand in today's words; the report's own words and reference replace them.
        same = next(
            (j for j in existing if (j.section, j.area) == (item.section, item.area)), None
        ) or next(
            (j for j in existing if item.strand != "none" and j.strand == item.strand and not j.is_lscb and not item.section), None
        )
        if same is None:
            same = Judgement(inspection=inspection)
            outcome.count("judgements")
        elif same.document.kind != Document.Kind.STATISTICS and same.document_id not in superseded:
            if same.grade != item.grade:
                outcome.warnings.append(
                    f"{item.area}: this copy says {item.grade!r}, {same.document} says {same.grade!r}; the first is kept"
                )
            continue  # another copy of the report gave it already
        elif same.grade != item.grade:
            outcome.warnings.append(
                f"{item.area}: the report says {item.grade!r}, {same.document} said {same.grade!r}; the report's grade is kept"
            )
        values = {"section": item.section, "area": item.area, "strand": item.strand, "grade": item.grade,
                  "document": document, "source_ref": item.source_ref, "position": position}
        if same.pk and edits:  # a grade a person corrected stays, with the report's reference beside it
            conflicts = []
            values = edits.kept(same, values, conflicts)
            outcome.warnings.extend(map(str, conflicts))
        for name, value in values.items():
            setattr(same, name, value)
        same.full_clean(exclude=["inspection"], validate_constraints=False)  # clean() checks the grade; the DB the rest
        same.save()
