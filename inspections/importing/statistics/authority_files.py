"""The CSV files about authorities: DfE statistical neighbours, Ofsted's region corrections, the ONS lookup,
and the committed list of reorganisations. Plain Python; bad input raises ParseError naming the file and row.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass

from inspections.importing.statistics.outcomes import ONS_CODE_RE, SourceFile, fail, ons_region, source_file, words


@dataclass
class NeighbourRow:
    row: int
    la_number: str
    name: str
    region: str  # ONS region, "" if the row gives none
    neighbours: list[tuple[str, str]]  # (LA number, closeness as published), closest first


@dataclass
class Area:
    """An upper-tier local authority area in the ONS lookup."""

    ons_code: str
    name: str


@dataclass
class Reorganisation:
    """An authority abolished in a reorganisation, and one of its successors (one row per successor)."""

    row: int
    ons_code: str
    name: str
    la_number: str
    abolished_on: datetime.date
    successor_ons_code: str
    source: str


@dataclass
class CsvFile:
    source: SourceFile
    rows: list


def _csv_rows(path):
    source = source_file(path)
    with source.path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        fail(source.filename, "the file is empty")
    return source, [[words(cell) for cell in row] for row in rows]


def _column(header, names, where):
    lowered = [cell.lower() for cell in header]
    for name in names:
        if name.lower() in lowered:
            return lowered.index(name.lower())
    fail(f"{where}, row 1", f"no column {names[0]!r}")


def _cell(cells, index):
    return cells[index] if index < len(cells) else ""


def read_neighbours(path):
    """DfE statistical neighbours: each authority's ten closest, by LA number, each with its closeness."""
    source, rows = _csv_rows(path)
    header, where = rows[0], source.filename
    la_col = _column(header, ("LA num", "LA number"), where)
    name_col = _column(header, ("LA Name",), where)
    region_col = _column(header, ("GOReg",), where)
    sn_cols = [_column(header, (f"SN{k}",), where) for k in range(1, 11)]
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        la_number = _cell(cells, la_col)
        if not la_number:
            continue  # blank separators and the "Old SNs:" label
        if not re.fullmatch(r"\d{3}", la_number):
            fail(f"{where}, row {number}", f"{la_number!r} is not a three-digit LA number")
        neighbours = []
        for index in sn_cols:
            neighbour = _cell(cells, index)
            if not neighbour:
                continue
            if not re.fullmatch(r"\d{3}", neighbour):
                fail(f"{where}, row {number}", f"neighbour {neighbour!r} is not a three-digit LA number")
            neighbours.append((neighbour, _cell(cells, index + 1)))
        out.append(NeighbourRow(number, la_number, _cell(cells, name_col), ons_region(_cell(cells, region_col)), neighbours))
    return CsvFile(source, out)


def read_region_corrections(path):
    """Authority name -> ONS region ("Inner London" and "Outer London" both give "London")."""
    source, rows = _csv_rows(path)
    name_col = _column(rows[0], ("la_name",), source.filename)
    region_col = _column(rows[0], ("region_name_correct",), source.filename)
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        name, region = _cell(cells, name_col), _cell(cells, region_col)
        if not name:
            continue
        if not ons_region(region):
            fail(f"{source.filename}, row {number}", f"{region!r} is not an ONS region")
        out.append((name, ons_region(region)))
    return CsvFile(source, out)


def read_upper_tier_areas(path):
    """The ONS lookup's upper-tier areas (counties and unitaries), one per code."""
    source, rows = _csv_rows(path)
    header = [cell.upper() for cell in rows[0]]
    code_col = next((i for i, h in enumerate(header) if re.fullmatch(r"UTLA\d\dCD", h)), None)
    name_col = next((i for i, h in enumerate(header) if re.fullmatch(r"UTLA\d\dNM", h)), None)
    if code_col is None or name_col is None:
        fail(f"{source.filename}, row 1", "no UTLA code and name columns (such as UTLA23CD, UTLA23NM)")
    areas = {}
    for number, cells in enumerate(rows[1:], start=2):
        code = _cell(cells, code_col)
        if not code:
            continue
        if not ONS_CODE_RE.match(code):
            fail(f"{source.filename}, row {number}", f"{code!r} is not an ONS code")
        areas.setdefault(code, Area(code, _cell(cells, name_col)))
    return CsvFile(source, list(areas.values()))


def read_other_names(path):
    """Committed list of other names documents use for an authority: [(ons_code, name)]."""
    source, rows = _csv_rows(path)
    code_col = _column(rows[0], ("ons_code",), source.filename)
    name_col = _column(rows[0], ("name",), source.filename)
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        code, name = _cell(cells, code_col), _cell(cells, name_col)
        if not ONS_CODE_RE.match(code) or not name:
            fail(f"{source.filename}, row {number}", "expected an ONS code and a name")
        out.append((code, name))
    return CsvFile(source, out)


def read_reorganisations(path):
    source, rows = _csv_rows(path)
    header, where = rows[0], source.filename
    cols = {name: _column(header, (name,), where) for name in Reorganisation.__dataclass_fields__ if name != "row"}
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        values = {name: _cell(cells, index) for name, index in cols.items()}
        for key in ("ons_code", "successor_ons_code"):
            if not ONS_CODE_RE.match(values[key]):
                fail(f"{where}, row {number}", f"{values[key]!r} is not an ONS code")
        try:
            values["abolished_on"] = datetime.date.fromisoformat(values["abolished_on"])
        except ValueError:
            fail(f"{where}, row {number}", f"{values['abolished_on']!r} is not a date (YYYY-MM-DD)")
        out.append(Reorganisation(row=number, **values))
    return CsvFile(source, out)


@dataclass
class Provider:
    """A council as Ofsted's reports site files it: its provider URN and the names it goes by."""

    row: int
    urn: str
    ons_code: str
    names: list[str]  # the ONS name first, then the other names the lookup gives


def read_provider_lookup(path):
    """ofsted_provider_lookup.csv: each council's Ofsted URN by its ONS code, and the other names it goes by
    ("[BCP, Bournemouth, Christchurch & Poole]")."""
    source, rows = _csv_rows(path)
    header, where = rows[0], source.filename
    cols = {name: _column(header, (name,), where) for name in ("urn", "la_code_new", "local_authority_ons_name", "also_known_as")}
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        urn, code = _cell(cells, cols["urn"]), _cell(cells, cols["la_code_new"])
        if not urn.isdigit() or not ONS_CODE_RE.match(code):
            fail(f"{where}, row {number}", f"expected a numeric URN and an ONS code, found {urn!r} and {code!r}")
        others = _cell(cells, cols["also_known_as"]).strip("[]")
        names = [_cell(cells, cols["local_authority_ons_name"])] + [n.strip() for n in others.split(",") if n.strip()]
        out.append(Provider(number, urn, code, [n for n in names if n]))
    return CsvFile(source, out)
