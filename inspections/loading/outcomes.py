"""Inspections, visits and their grades from Ofsted's outcomes workbook, in one transaction, idempotently.

The three sheets overlap: the latest-grades sheet and the year's short and standard inspections are rows of
the ILACS history too, so each event is loaded once, from the first sheet that holds it. An event already in
the record (imported from its report, or cited by a later one) is enriched, never duplicated: its own
facts stay, blanks are filled, and the workbook is added to its documents.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.apps import apps
from django.db import transaction

from inspections.grades import Framework, Grade
from inspections.importing.statistics.outcomes import HISTORY_SHEET, IN_YEAR_SHEET, LATEST_SHEET, read_outcomes
from inspections.models import Authority, Document, Inspection, Judgement, Theme

from .citations import cited_date, cites, same_family
from .reports import KIND_GROUPS, SAME_EVENT_DAYS
from .statistics import LoadError, Summary, document_for, find_file, save_all

GRADED_KINDS = ("standard", "short")
# The latest-grades sheet does not say an inspection's kind; one missing from the history is taken as this.
UNSTATED_KIND = "standard"
JUDGEMENT_FIELDS = ["area", "strand", "grade", "scale", "position", "document_id", "source_ref"]


@dataclass
class Event:
    """One inspection or visit as the workbook gives it, with the Inspection it is or will be."""

    row: object  # an OutcomeRow
    authority: Authority
    inspection: Inspection | None = None
    follows: Inspection | None = None  # for monitoring visits: the inadequate inspection before them

    @property
    def kind(self):
        return self.row.kind or UNSTATED_KIND


def load_outcomes(data_dir, dry_run=False):
    workbook = read_outcomes(find_file(data_dir, "outcomes"))
    summary = Summary(warnings=list(workbook.warnings))
    with transaction.atomic():
        authorities = {a.ons_code: a for a in Authority.objects.all()}
        if not authorities:
            raise LoadError("there are no authorities in the database: run load_authorities first")
        events = _events(workbook, authorities, summary)
        document = document_for(workbook.source, summary.tally("Documents"))
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        existing = _held_inspections()
        graded = [e for e in events if e.kind not in Inspection.VISIT_KINDS]
        visits = [e for e in events if e.kind in Inspection.VISIT_KINDS]
        tally = summary.tally("Inspections")
        _save_inspections(graded, existing, document, themes, tally)
        _save_judgements(graded, document, summary)
        _link_monitoring_visits(visits)
        _save_inspections(visits, existing, document, themes, tally)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _events(workbook, authorities, summary):
    """The workbook's events, each once: the history, then the year's visits, then any latest grades left."""
    filename = workbook.source.filename
    for row in workbook.history + workbook.in_year + workbook.latest:
        if row.ons_code not in authorities:
            raise LoadError(f"{filename}, sheet {row.sheet}, row {row.row}: unknown ONS code {row.ons_code} "
                            "(not among the authorities: run load_authorities, or correct the code)")
    events, by_key = [], {}
    for row in workbook.history:
        key = (row.ons_code, row.kind, row.start_date)
        if key in by_key:
            summary.warnings.append(f"{row.source_ref}: the same inspection as {by_key[key].row.source_ref}; skipped")
            continue
        by_key[key] = Event(row, authorities[row.ons_code])
        events.append(by_key[key])
    summary.notes.append(f"{HISTORY_SHEET}: {len(workbook.history)} rows")
    already = 0
    for row in workbook.in_year:
        key = (row.ons_code, row.kind, row.start_date)
        if key in by_key:
            already += 1
            _compare_grades(by_key[key].row, row, summary)
            continue
        by_key[key] = Event(row, authorities[row.ons_code])
        events.append(by_key[key])
    summary.notes.append(f"{IN_YEAR_SHEET}: {len(workbook.in_year)} rows, {already} of them already in the history")
    already = 0
    for row in workbook.latest:
        same = next((by_key[k] for k in ((row.ons_code, kind, row.start_date) for kind in GRADED_KINDS) if k in by_key), None)
        if same:
            already += 1
            _compare_grades(same.row, row, summary)
            continue
        summary.warnings.append(f"{row.source_ref}: not in the history; loaded as a {UNSTATED_KIND} inspection")
        by_key[(row.ons_code, UNSTATED_KIND, row.start_date)] = Event(row, authorities[row.ons_code])
        events.append(by_key[(row.ons_code, UNSTATED_KIND, row.start_date)])
    summary.notes.append(f"{LATEST_SHEET}: {len(workbook.latest)} rows, {already} of them already in the history")
    return events


def _compare_grades(first, again, summary):
    grades = {j.area: j.grade for j in first.judgements}
    for judgement in again.judgements:
        if grades.get(judgement.area, judgement.grade) != judgement.grade:
            summary.warnings.append(
                f"{again.source_ref}: {judgement.area!r} is {judgement.grade!r}, but {grades[judgement.area]!r} in "
                f"{first.source_ref}; the latter is kept"
            )


# --- inspections -----------------------------------------------------------------------------------


def _held_inspections():
    """The record's inspections by authority, and every (inspection, document) link, in two queries."""
    index = {}
    for inspection in Inspection.objects.all():
        index.setdefault(inspection.authority_id, []).append(inspection)
    return index, set(Inspection.documents.through.objects.values_list("inspection_id", "document_id"))


def _match(event, candidates, taken):
    """The inspection in the record that is this event: same kind and day; else a report's dating of it
    (a few days apart, kinds of one family); else an inspection known so far only from a later citation."""
    start, kind = event.row.start_date, event.kind
    free = [i for i in candidates if i.pk not in taken]
    exact = next((i for i in free if i.kind == kind and i.start_date == start), None)
    if exact:
        return exact
    family = next((group for group in KIND_GROUPS if kind in group), {kind})
    window = datetime.timedelta(days=SAME_EVENT_DAYS)
    near = [i for i in free if i.kind in family and abs(i.start_date - start) <= window]
    if near:
        return min(near, key=lambda i: abs(i.start_date - start))
    if kind in Inspection.VISIT_KINDS:
        return None
    # A citation's month may be the month on site or of publication (citations.cites), as when it was first read.
    row = SimpleNamespace(start_date=start, end_date=None, published=event.row.published)
    return next((i for i in free if i.known_from_id and i.kind not in Inspection.VISIT_KINDS
                 and same_family(Framework.ILACS, i.framework) and cites(cited_date(i), row)), None)


def _save_inspections(events, existing, document, themes, tally):
    index, linked = existing
    taken = set()
    new = []
    for event in events:
        row = event.row
        match = _match(event, index.get(event.authority.pk, []), taken)
        if match is None:
            event.inspection = Inspection(
                authority=event.authority, kind=event.kind, start_date=row.start_date,
                framework=Framework.JTAI if event.kind == Inspection.Kind.JTAI else Framework.ILACS,
                published=row.published, theme_text=row.theme_text, theme=themes.get(row.theme),
                follows=event.follows,
            )
            new.append(event.inspection)
            continue
        taken.add(match.pk)
        event.inspection = match
        changed = _enrich(match, event, themes)
        if changed:
            match.save()
        if (match.pk, document.pk) not in linked:
            match.documents.add(document)
            changed = True
        tally.updated += changed
        tally.unchanged += not changed
    _create_with_history(new, document)
    tally.created += len(new)


def _enrich(inspection, event, themes):
    """Fill what the record lacks; what it holds (from the report itself) is kept. True if anything changed."""
    row, before = event.row, (inspection.kind, inspection.start_date, inspection.published, inspection.theme_text,
                              inspection.theme_id, inspection.follows_id, inspection.known_from_id)
    if inspection.known_from_id:
        # Known so far only from a citation: the workbook dates it to the day.
        inspection.kind, inspection.start_date = event.kind, row.start_date
        inspection.date_precision, inspection.known_from = Inspection.Precision.DAY, None
    inspection.published = inspection.published or row.published
    inspection.theme_text = inspection.theme_text or row.theme_text
    inspection.theme = inspection.theme or themes.get(row.theme)
    inspection.follows = inspection.follows or event.follows
    after = (inspection.kind, inspection.start_date, inspection.published, inspection.theme_text,
             inspection.theme_id, inspection.follows_id, inspection.known_from_id)
    return before != after


def _create_with_history(inspections, document):
    """Bulk-create inspections with the workbook among their documents, and both in their history."""
    if not inspections:
        return
    Inspection.objects.bulk_create(inspections)
    through = Inspection.documents.through
    links = through.objects.bulk_create([through(inspection_id=i.pk, document_id=document.pk) for i in inspections])
    historical = Inspection.history.bulk_history_create(inspections)
    linked_history = apps.get_model("inspections", "HistoricalInspection_documents")
    linked_history.objects.bulk_create([
        linked_history(id=link.pk, history_id=record.pk, inspection_id=link.inspection_id, document_id=document.pk)
        for record, link in zip(historical, links)
    ])


def _link_monitoring_visits(visits):
    """A monitoring visit follows the authority's last graded inspection before it, if that was inadequate."""
    if not any(e.kind == Inspection.Kind.MONITORING_VISIT for e in visits):
        return
    overall = dict(
        Judgement.objects.filter(strand="overall", section="").values_list("inspection_id", "grade")
    )
    graded = {}
    for inspection in Inspection.objects.exclude(kind__in=Inspection.VISIT_KINDS).order_by("start_date"):
        graded.setdefault(inspection.authority_id, []).append(inspection)
    for event in visits:
        if event.kind != Inspection.Kind.MONITORING_VISIT:
            continue
        before = [i for i in graded.get(event.authority.pk, []) if i.start_date < event.row.start_date]
        if before and overall.get(before[-1].pk) == Grade.INADEQUATE:
            event.follows = before[-1]


# --- judgements ------------------------------------------------------------------------------------


def _save_judgements(events, document, summary):
    tally = summary.tally("Judgements")
    ids = [e.inspection.pk for e in events]
    held = list(Judgement.objects.filter(inspection_id__in=ids).select_related("document"))
    ours = {(j.inspection_id, j.area): j for j in held if j.document.kind == Document.Kind.STATISTICS and not j.section}
    theirs_by_area = {(j.inspection_id, j.area): j for j in held if (j.inspection_id, j.area) not in ours}
    theirs_by_strand = {(j.inspection_id, j.strand): j for j in held
                        if j.strand != "none" and not j.is_lscb and j.document.kind != Document.Kind.STATISTICS}
    wanted = {}
    for event in events:
        inspection = event.inspection
        for position, item in enumerate(event.row.judgements, start=1):
            key = (inspection.pk, item.area)
            # A report's own judgement (its words, its page) stands; the workbook only fills what is missing.
            other = theirs_by_area.get(key) or theirs_by_strand.get((inspection.pk, item.strand))
            if other is not None:
                tally.unchanged += 1
                if other.grade != item.grade:
                    summary.warnings.append(f"{item.source_ref}: {item.area!r} is {item.grade!r}; "
                                            f"{other.document} says {other.grade!r}, which is kept")
                continue
            wanted[key] = Judgement(
                inspection=inspection, section="", area=item.area, strand=item.strand, grade=item.grade,
                scale=Framework(inspection.framework).scale, position=position, document=document,
                source_ref=item.source_ref,
            )
    save_all(Judgement, wanted, ours, JUDGEMENT_FIELDS, tally, summary.conflicts)
