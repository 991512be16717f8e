"""Authorities, their aliases, statistical neighbours and reorganisations, from the national statistics files.

Also the pieces every statistics loader shares: finding the files, the Document for each file, tallies, and
`save_all`, which creates or updates rows in bulk with their history. Loads run in one transaction and are
idempotent: a second run over the same files changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from inspections.importing.records import ParseError
from inspections.importing.statistics.authority_files import (
    read_neighbours,
    read_other_names,
    read_provider_lookup,
    read_region_corrections,
    read_reorganisations,
    read_upper_tier_areas,
)
from inspections.importing.statistics.outcomes import HISTORY_SHEET, LATEST_SHEET, ons_region, read_outcomes
from inspections.models import Authority, AuthorityAlias, Document, StatisticalNeighbour
from inspections.models.authorities import normalise_name

from .person_edits import PersonEdits

REORGANISATIONS = Path(__file__).resolve().parent.parent / "data" / "reorganisations.csv"
OTHER_NAMES = Path(__file__).resolve().parent.parent / "data" / "other_names.csv"
# Former ONS codes are kept as aliases, so that a document or data set using either finds the council.
FORMER_CODES = Path(__file__).resolve().parent.parent / "data" / "former_codes.csv"
FILES = {  # the newest file matching each pattern is read
    "outcomes": "LA_Inspection_Outcomes_as_at_*.ods",
    "neighbours": "New_Statistical_Neighbour_Groupings_*.csv",
    "regions": "ofsted_region_mapping_corrections*.csv",
    "areas": "LTLA-UTLA_*Lookup*.csv",
    "providers": "ofsted_provider_lookup*.csv",
}
KIND_BY_PREFIX = {
    "E06": Authority.Kind.UNITARY,
    "E08": Authority.Kind.METROPOLITAN_DISTRICT,
    "E09": Authority.Kind.LONDON_BOROUGH,
    "E10": Authority.Kind.COUNTY,
}


class LoadError(Exception):
    """Input that parses but does not fit the record (an unknown ONS code); says where, for a person."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class Summary:
    tallies: dict[str, Tally] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    conflicts: list = field(default_factory=list)  # person_edits.Conflict: a person's edit kept, the file's value not

    def tally(self, what):
        return self.tallies.setdefault(what, Tally())

    @property
    def total(self):
        return Tally(*(sum(getattr(t, f) for t in self.tallies.values()) for f in ("created", "updated", "unchanged")))

    def lines(self):
        yield from self.notes
        yield from (f"{what}: {tally}" for what, tally in self.tallies.items())
        yield from (f"warning: {warning}" for warning in self.warnings)
        yield from (f"conflict: {conflict}" for conflict in self.conflicts)


def find_file(data_dir, which):
    matches = sorted(Path(data_dir).glob(FILES[which]))
    if not matches:
        raise ParseError(f"{data_dir}: no file matching {FILES[which]}")
    return matches[-1]


def document_for(source, tally):
    """The statistics Document of a file, by its bytes: the same file is one Document however often loaded.

    The file itself is stored with it, as a report's is: every grade, figure and alias cites its row, and the
    source link on a page must lead to the workbook, not to a 404. A Document held without its file (loaded
    before files were kept, or restored without the media folder) gets it back."""
    document = Document.objects.filter(sha256=source.sha256).first()
    if document and _stored(document):
        tally.unchanged += 1
        return document
    if document:
        tally.updated += 1
    else:
        tally.created += 1
        document = Document(kind=Document.Kind.STATISTICS, title=source.title, published=source.published,
                            filename=source.filename, sha256=source.sha256)
    document.file.save(source.filename, ContentFile(Path(source.path).read_bytes()), save=False)
    document.save()
    return document


def _stored(document):
    return bool(document.file) and document.file.storage.exists(document.file.name)


def save_all(model, wanted, existing, fields, tally, conflicts=None):
    """Create the wanted objects missing from `existing` and update those whose `fields` differ, with history.

    `wanted` and `existing` map a natural key to an instance; returns {key: saved instance}. A field a person
    edited (person_edits) keeps the person's value; the difference is appended to `conflicts`.
    """
    new, changed, saved = [], [], {}
    conflicts = [] if conflicts is None else conflicts
    differing = [old for key, obj in wanted.items() if (old := existing.get(key)) is not None
                 and any(getattr(old, f) != getattr(obj, f) for f in fields)]
    edits = PersonEdits(model, differing) if differing else None
    for key, obj in wanted.items():
        old = existing.get(key)
        if old is None:
            new.append((key, obj))
            continue
        saved[key] = old
        values = {f: getattr(obj, f) for f in fields if getattr(old, f) != getattr(obj, f)}
        if values and edits:
            values = edits.kept(old, values, conflicts)
        if values:
            for f, value in values.items():
                setattr(old, f, value)
            changed.append(old)
    if new:
        created = bulk_create_with_history([obj for _, obj in new], model)
        saved.update((key, obj) for (key, _), obj in zip(new, created))
    if changed:
        bulk_update_with_history(changed, model, fields)
    tally.created += len(new)
    tally.updated += len(changed)
    tally.unchanged += len(wanted) - len(new) - len(changed)
    return saved


# --- load_authorities ------------------------------------------------------------------------------


def load_authorities(data_dir, reorganisations=REORGANISATIONS, dry_run=False):
    outcomes = read_outcomes(find_file(data_dir, "outcomes"))
    neighbours = read_neighbours(find_file(data_dir, "neighbours"))
    regions = read_region_corrections(find_file(data_dir, "regions"))
    areas = read_upper_tier_areas(find_file(data_dir, "areas"))
    changes = read_reorganisations(reorganisations)
    providers = read_provider_lookup(find_file(data_dir, "providers"))
    summary = Summary()
    with transaction.atomic():
        documents = summary.tally("Documents")
        docs = {name: document_for(f.source, documents) for name, f in
                (("outcomes", outcomes), ("neighbours", neighbours), ("regions", regions), ("areas", areas))}
        plan = _plan_authorities(outcomes, neighbours, regions, areas, changes)
        same_council = _same_council(read_other_names(FORMER_CODES).rows, plan.authorities)
        for provider in providers.rows:
            if same_council.get(provider.ons_code) in plan.authorities:
                plan.authorities[same_council[provider.ons_code]].ofsted_urn = provider.urn
        existing = {a.ons_code: a for a in Authority.objects.all()}
        authorities = save_all(Authority, plan.authorities, existing, AUTHORITY_FIELDS, summary.tally("Authorities"),
                               summary.conflicts)
        spellings = list(_spellings(plan, outcomes, neighbours, regions, areas, changes))
        spellings += [(code, name) for code, name in read_other_names(OTHER_NAMES).rows if code in authorities]
        spellings += [(same_council[other], other) for other in same_council if other not in authorities]
        spellings += [(same_council[p.ons_code], name) for p in providers.rows if p.ons_code in same_council
                      for name in p.names]
        _save_aliases(authorities, spellings, summary.tally("Aliases"))
        _save_successions(authorities, changes, summary.tally("Successions"))
        _save_neighbours(authorities, plan, neighbours, docs["neighbours"], summary.tally("Statistical neighbours"),
                         summary.conflicts)
        current = sum(1 for a in authorities.values() if a.end_date is None)
        summary.notes.append(f"{current} current authorities, {len(authorities) - current} that no longer exist")
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _same_council(former_codes, authorities):
    """{ONS code: the code the record files the council under}, for every code and for each pair of a council's
    codes: the statistics may use the former code (Barnsley's E08000016) and the lookups the new one."""
    same = {code: code for code in authorities}
    for code, other in former_codes:
        if code in authorities or other in authorities:
            held = code if code in authorities else other
            same[code] = same[other] = held
    return same


AUTHORITY_FIELDS = ["name", "name_key", "la_number", "ofsted_urn", "kind", "ons_region", "ofsted_region", "start_date", "end_date"]


@dataclass
class AuthorityPlan:
    authorities: dict[str, Authority] = field(default_factory=dict)  # by ONS code, unsaved
    by_la_number: dict[str, str] = field(default_factory=dict)  # DfE LA number -> ONS code


def _plan_authorities(outcomes, neighbours, regions, areas, changes):
    """The authorities the files describe: the current ones of the latest-grades sheet, and the ended ones."""
    plan = AuthorityPlan()
    ended = {change.ons_code: change for change in changes.rows}
    starts = {change.successor_ons_code: change.abolished_on for change in changes.rows}
    area_names = {area.ons_code: area.name for area in areas.rows}
    region_by_key = {normalise_name(name): region for name, region in regions.rows}
    ended_numbers = {change.la_number for change in changes.rows}
    # Current authorities get their LA number by name; ended ones by the number in reorganisations.csv,
    # since the neighbours file calls them e.g. "Dorset (Pre LG)".
    row_by_number = {row.la_number: row for row in neighbours.rows}
    row_by_key = {normalise_name(row.name): row for row in neighbours.rows if row.la_number not in ended_numbers}

    def add(code, name, ofsted_region, la_row, where):
        kind = KIND_BY_PREFIX.get(code[:3])
        if kind is None:
            raise LoadError(f"{where}: {code} is not the code of a county, unitary, metropolitan or London authority")
        region = region_by_key.get(normalise_name(name)) or ons_region(ofsted_region) or (la_row.region if la_row else "")
        plan.authorities[code] = Authority(
            ons_code=code, name=name, name_key=normalise_name(name), kind=kind,
            la_number=la_row.la_number if la_row else "", ons_region=region, ofsted_region=ofsted_region,
            start_date=starts.get(code), end_date=ended[code].abolished_on if code in ended else None,
        )
        if la_row:
            plan.by_la_number[la_row.la_number] = code

    ods = outcomes.source.filename
    for row in outcomes.latest:
        where = f"{ods}, sheet {LATEST_SHEET}, row {row.row}"
        if row.ons_code in plan.authorities:
            raise LoadError(f"{where}: {row.ons_code} is listed twice")
        if row.ons_code in ended:
            raise LoadError(f"{where}: {row.ons_code} is current here but abolished in {REORGANISATIONS.name}")
        if row.ons_code not in area_names:
            raise LoadError(f"{where}: unknown ONS code {row.ons_code} (not in {areas.source.filename})")
        add(row.ons_code, row.authority, row.ofsted_region, row_by_key.get(normalise_name(row.authority)), where)
    for change in changes.rows:
        where = f"{REORGANISATIONS.name}, row {change.row}"
        if change.ons_code not in plan.authorities:
            history = next((r for r in outcomes.history if r.ons_code == change.ons_code), None)
            add(change.ons_code, change.name, history.ofsted_region if history else "",
                row_by_number.get(change.la_number), where)
        if change.successor_ons_code not in plan.authorities:
            raise LoadError(f"{where}: successor {change.successor_ons_code} is not a current authority")
    for row in outcomes.history:
        if row.ons_code not in plan.authorities:
            where = f"{ods}, sheet {HISTORY_SHEET}, row {row.row}"
            if row.still_exists:
                raise LoadError(f"{where}: unknown ONS code {row.ons_code} (not among the current authorities)")
            raise LoadError(f"{where}: {row.authority} ({row.ons_code}) no longer exists; add the date it "
                            f"ended and its successors to {REORGANISATIONS}")
    for row in neighbours.rows:
        if row.la_number not in plan.by_la_number:
            raise LoadError(f"{neighbours.source.filename}, row {row.row}: {row.name!r} is neither a current "
                            f"authority nor in {REORGANISATIONS.name}")
    return plan


def _spellings(plan, outcomes, neighbours, regions, areas, changes):
    """(ONS code, name) for every name the files use for an authority, and the council's name as people write it."""
    codes_by_key = {}
    for code, authority in plan.authorities.items():
        codes_by_key.setdefault(authority.name_key, code)
    yield from ((row.ons_code, row.authority) for row in outcomes.latest + outcomes.history + outcomes.in_year)
    yield from ((plan.by_la_number[row.la_number], row.name) for row in neighbours.rows)
    yield from ((area.ons_code, area.name) for area in areas.rows if area.ons_code in plan.authorities)
    yield from ((codes_by_key[normalise_name(name)], name) for name, _ in regions.rows if normalise_name(name) in codes_by_key)
    yield from ((change.ons_code, change.name) for change in changes.rows)
    for code, authority in plan.authorities.items():
        if not authority.name.lower().endswith("council"):
            yield code, f"{authority.name} {'County Council' if authority.kind == Authority.Kind.COUNTY else 'Council'}"


def _save_aliases(authorities, spellings, tally):
    wanted = {}
    for code, name in spellings:
        authority = authorities[code]
        # One alias per normalised form (the model's constraint): the first spelling met is kept.
        key = (authority.pk, normalise_name(name))
        if name != authority.name and key not in wanted:
            wanted[key] = AuthorityAlias(authority=authority, name=name, name_key=key[1])
    # An alias already held under the same normalised form is the same alias; an admin may have respelt it.
    existing = {(a.authority_id, a.name_key): a for a in AuthorityAlias.objects.all()}
    save_all(AuthorityAlias, wanted, existing, [], tally)


def _save_successions(authorities, changes, tally):
    through = Authority.predecessors.through
    existing = set(through.objects.values_list("from_authority_id", "to_authority_id"))
    wanted = {(authorities[c.successor_ons_code].pk, authorities[c.ons_code].pk) for c in changes.rows}
    new = sorted(wanted - existing)
    through.objects.bulk_create([through(from_authority_id=s, to_authority_id=p) for s, p in new])
    tally.created += len(new)
    tally.unchanged += len(wanted) - len(new)


def _save_neighbours(authorities, plan, neighbours, document, tally, conflicts):
    by_number = {number: authorities[code] for number, code in plan.by_la_number.items()}
    wanted = {}
    for row in neighbours.rows:
        authority = by_number[row.la_number]
        for position, (number, closeness) in enumerate(row.neighbours, start=1):
            where = f"{neighbours.source.filename}, row {row.row}"
            neighbour = by_number.get(number)
            if neighbour is None:
                raise LoadError(f"{where}: neighbour {number} is not the LA number of any row")
            if neighbour == authority:
                raise LoadError(f"{where}: {row.name} is listed as its own neighbour")
            wanted[(authority.pk, position)] = StatisticalNeighbour(
                authority=authority, neighbour=neighbour, position=position, closeness=closeness,
                document=document, source_ref=f"row {row.row}",
            )
    # This file is the 2021 model; the 2025 model (load_dfe_statistics) is kept beside it.
    existing = {(link.authority_id, link.position): link for link in StatisticalNeighbour.objects.filter(model="2021")}
    # A reordered list is replaced whole: moving links one by one would break "each neighbour once".
    reordered = {key[0] for key, link in wanted.items() if key in existing and existing[key].neighbour_id != link.neighbour_id}
    for key in [key for key in existing if key[0] in reordered]:
        existing.pop(key).delete()
    save_all(StatisticalNeighbour, wanted, existing, ["closeness", "document_id", "source_ref"], tally, conflicts)
