"""The DfE's official statistics and its 2025 statistical neighbour model, from data/dfe/.

One transaction, bulk writes: a run reads ~44,000 figures and writes only the ones that are new or changed, so a
second run over the same files changes nothing and says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from inspections.importing.statistics.dfe import (
    read_measures,
    read_neighbour_model,
    read_statistics,
    statistics_files,
)
from inspections.loading.person_edits import PersonEdits
from inspections.loading.statistics import LoadError, Summary, document_for
from inspections.models import Authority, AuthorityAlias, Measure, MeasureValue, StatisticalNeighbour

MEASURES = Path(__file__).resolve().parent.parent / "data" / "dfe_measures.csv"
MEASURE_FIELDS = ["name", "unit", "publication", "source_file", "source_column", "breakdown", "polarity", "polarity_reason"]
VALUE_FIELDS = ["level", "name", "authority_id", "region_code", "region_name", "value", "symbol", "document_id",
                "source_row"]


def load_dfe_statistics(data_dir, measures=MEASURES, dry_run=False):
    specs = read_measures(measures)
    data_files, model_files = statistics_files(data_dir, specs)
    parsed = [read_statistics(path, specs) for path in data_files]
    models = [read_neighbour_model(path) for path in model_files]
    summary = Summary()
    with transaction.atomic():
        documents = summary.tally("Documents")
        saved_measures = _save_measures(specs, summary.tally("Measures"), summary.conflicts)
        by_code = _authorities_by_code()
        tally, unmatched, shared = summary.tally("Figures"), set(), set()
        la_numbers = {a.la_number: a for a in by_code.values() if a.la_number}
        wanted = {}
        for statistics in parsed:
            document = document_for(statistics.source, documents)
            for v in statistics.values:
                authority = None
                if v.level == MeasureValue.Level.AUTHORITY:
                    authority = by_code.get(v.code)
                    if authority is None:
                        (shared if " / " in v.code else unmatched).add(f"{v.code} ({v.name})")
                    elif v.la_number and v.la_number not in la_numbers:
                        la_numbers[v.la_number] = authority  # a council newer than the 2021 groupings
                key = (saved_measures[v.measure].pk, v.period, v.code)
                wanted[key] = MeasureValue(
                    measure=saved_measures[v.measure], period=v.period, level=v.level, code=v.code, name=v.name,
                    authority=authority, region_code=v.region_code, region_name=v.region_name, value=v.value,
                    symbol=v.symbol, document=document, source_row=v.row,
                )
        _save_values(wanted, tally, summary.conflicts)
        if shared:
            summary.notes.append(f"Services two councils share, kept without a council: {', '.join(sorted(shared))}")
        if unmatched:
            summary.warnings.append(f"ONS codes of no council in the record (figures kept without one): "
                                    f"{', '.join(sorted(unmatched))}")
        for model in models:
            _save_model(model, la_numbers, document_for(model.source, documents), summary)
        summary.notes.append(f"{len(parsed)} statistics files, {len(specs)} measures, {len(wanted)} figures")
        if not any(t.created or t.updated for t in summary.tallies.values()):
            summary.notes.append("Nothing changed: the statistics were already loaded.")
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _authorities_by_code():
    """{ONS code: authority} for every code a council has had: its own and its former ones, which the record
    keeps as aliases (what Authority.objects.matching(code) finds), read once rather than per row."""
    by_code = {a.ons_code: a for a in Authority.objects.all()}
    for alias in AuthorityAlias.objects.select_related("authority"):
        if re.fullmatch(r"[EW]\d{8}", alias.name):
            by_code.setdefault(alias.name, alias.authority)
    return by_code


def _changed(model, pairs, fields, conflicts):
    """The held objects of (held, wanted) pairs whose fields differ, given the wanted values, except the fields a
    person edited in the admin (person_edits), which are kept and reported in `conflicts`."""
    differing = [(old, new) for old, new in pairs if any(getattr(old, f) != getattr(new, f) for f in fields)]
    edits = PersonEdits(model, [old for old, _ in differing]) if differing else None
    changed = []
    for old, new in differing:
        values = edits.kept(old, {f: getattr(new, f) for f in fields if getattr(old, f) != getattr(new, f)}, conflicts)
        for f, value in values.items():
            setattr(old, f, value)
        if values:
            changed.append(old)
    return changed


def _save_measures(specs, tally, conflicts):
    existing = {m.slug: m for m in Measure.objects.all()}
    saved, new, pairs = {}, [], []
    for spec in specs:
        wanted = Measure(slug=spec.slug, name=spec.name, unit=spec.unit, publication=spec.publication,
                         source_file=spec.file, source_column=spec.column, breakdown=spec.breakdown_label,
                         polarity=spec.polarity, polarity_reason=spec.why)
        old = existing.get(spec.slug)
        if old is None:
            new.append(wanted)
        else:
            pairs.append((old, wanted))
        saved[spec.slug] = old or wanted
    changed = _changed(Measure, pairs, MEASURE_FIELDS, conflicts)
    Measure.objects.bulk_create(new)
    Measure.objects.bulk_update(changed, MEASURE_FIELDS)
    tally.created, tally.updated = tally.created + len(new), tally.updated + len(changed)
    tally.unchanged += len(specs) - len(new) - len(changed)
    return saved


def _save_values(wanted, tally, conflicts):
    existing = {(v.measure_id, v.period, v.code): v for v in MeasureValue.objects.all()}
    new, pairs = [], []
    for key, value in wanted.items():
        old = existing.get(key)
        if old is None:
            new.append(value)
        else:
            pairs.append((old, value))
    changed = _changed(MeasureValue, pairs, VALUE_FIELDS, conflicts)
    MeasureValue.objects.bulk_create(new, batch_size=2000)
    MeasureValue.objects.bulk_update(changed, VALUE_FIELDS, batch_size=2000)
    tally.created, tally.updated = tally.created + len(new), tally.updated + len(changed)
    tally.unchanged += len(wanted) - len(new) - len(changed)


def _save_model(model, la_numbers, document, summary):
    """One statistical neighbour model beside the others; a council whose list changed gets the new list whole."""
    tally = summary.tally(f"Statistical neighbours ({model.model} model)")
    wanted = {}
    for row in model.rows:
        where = f"{model.source.filename}, row {row.row}"
        authority = la_numbers.get(row.la_number)
        if authority is None:
            raise LoadError(f"{where}: LA number {row.la_number} ({row.name}) is no council in the record")
        for position, (number, closeness) in enumerate(row.neighbours, start=1):
            neighbour = la_numbers.get(number)
            if neighbour is None:
                raise LoadError(f"{where}: neighbour {number} is the LA number of no council in the record")
            if neighbour == authority:
                raise LoadError(f"{where}: {row.name} is listed as its own neighbour")
            wanted[(authority.pk, position)] = StatisticalNeighbour(
                authority=authority, neighbour=neighbour, model=model.model, position=position,
                closeness=closeness, document=document, source_ref=f"row {row.row}",
            )
    existing = {(link.authority_id, link.position): link for link in StatisticalNeighbour.objects.filter(model=model.model)}
    stale = {key[0] for key, link in existing.items()
             if key not in wanted or wanted[key].neighbour_id != link.neighbour_id}
    StatisticalNeighbour.objects.filter(model=model.model, authority_id__in=stale).delete()
    new = [link for key, link in wanted.items() if key[0] in stale or key not in existing]
    changed = []
    for key, link in wanted.items():
        old = existing.get(key)
        if old is not None and key[0] not in stale and (old.closeness, old.document_id) != (link.closeness, link.document_id):
            old.closeness, old.document_id = link.closeness, link.document_id
            changed.append(old)
    StatisticalNeighbour.objects.bulk_create(new)
    StatisticalNeighbour.objects.bulk_update(changed, ["closeness", "document_id"])
    tally.created += len(new)
    tally.updated += len(changed)
    tally.unchanged += len(wanted) - len(new) - len(changed)
