"""The DfE's official statistics (data/dfe/): tidy CSVs of one row per year x geography x breakdown, and the
2025 statistical neighbour model. Plain Python: rows in, dataclasses out; bad input raises ParseError naming the
file and row.

Which column of which file is which measure is the committed list inspections/data/dfe_measures.csv, so a new
measure is a line there, not code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from inspections.importing.statistics.outcomes import SourceFile, fail, source_file, words

# The symbols the DfE prints in place of a value. A withheld value is never a zero.
SYMBOLS = {
    "": "not published",
    "c": "confidential: withheld to protect individuals",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "k": "a very small number, rounded to zero",
    "low": "a very small number, withheld",
}
POLARITIES = ("higher_is_better", "lower_is_better", "neither")
LEVELS = {"National": "england", "Regional": "region", "Local authority": "authority"}
SN_MODEL_PATTERN = "sn_model_*_wide.csv"
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_MEASURE_COLUMNS = ("slug", "name", "unit", "publication", "file", "column", "breakdown", "polarity", "why")


@dataclass(frozen=True)
class MeasureSpec:
    """One line of dfe_measures.csv: a column of a file, restricted to the rows of one breakdown."""

    row: int
    slug: str
    name: str
    unit: str
    publication: str
    file: str
    column: str
    breakdown: tuple[tuple[str, str], ...]  # (column, value) pairs a row must have
    polarity: str
    why: str

    @property
    def breakdown_label(self):
        return "; ".join(f"{column} = {value}" for column, value in self.breakdown)


@dataclass
class StatisticValue:
    """One figure: a measure for one year and one geography, or the symbol printed instead."""

    measure: str  # the measure's slug
    period: int  # the year ending 31 March
    level: str  # england, region or authority
    code: str  # the geography's ONS code as printed (a council's may be a former code)
    name: str
    region_code: str
    region_name: str
    la_number: str  # the DfE's old LA number, for councils
    value: Decimal | None
    symbol: str
    row: int


@dataclass
class StatisticsFile:
    source: SourceFile
    values: list[StatisticValue]


@dataclass
class NeighbourModelRow:
    row: int
    la_number: str
    name: str
    neighbours: list[tuple[str, str]]  # (LA number, closeness), closest first


@dataclass
class NeighbourModel:
    source: SourceFile
    model: str  # the year of the model, from the file name: "2025"
    rows: list[NeighbourModelRow]


def _read(path):
    source = source_file(path)
    with source.path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        fail(source.filename, "the file is empty")
    return source, [words(cell) for cell in rows[0]], rows[1:]


def read_measures(path):
    """The measures list: which column of which file is which measure, and which way is better."""
    source, header, rows = _read(path)
    missing = [c for c in _MEASURE_COLUMNS if c not in header]
    if missing:
        fail(f"{source.filename}, row 1", f"no column {', '.join(missing)}")
    specs, seen = [], set()
    for number, cells in enumerate(rows, start=2):
        cell = dict(zip(header, (words(c) for c in cells)))
        where = f"{source.filename}, row {number}"
        if not cell.get("slug"):
            continue
        if cell["slug"] in seen:
            fail(where, f"measure {cell['slug']!r} is listed twice")
        if cell["polarity"] not in POLARITIES:
            fail(where, f"polarity {cell['polarity']!r} is not one of {', '.join(POLARITIES)}")
        if not cell["why"]:
            fail(where, "no reason given for the polarity")
        breakdown = []
        for part in filter(None, cell["breakdown"].split("|")):
            column, equals, value = part.partition("=")
            if not equals:
                fail(where, f"breakdown {part!r} is not column=value")
            breakdown.append((column.strip(), value.strip()))
        seen.add(cell["slug"])
        specs.append(MeasureSpec(number, cell["slug"], cell["name"], cell["unit"], cell["publication"], cell["file"],
                                 cell["column"], tuple(breakdown), cell["polarity"], cell["why"]))
    return specs


def read_statistics(path, specs):
    """Every value the specs name in one DfE file (the specs for other files are ignored)."""
    source, header, rows = _read(path)
    specs = [s for s in specs if s.file == source.filename]
    needed = {"time_period", "geographic_level", "country_code", "region_code", "region_name", "new_la_code", "la_name"}
    needed |= {s.column for s in specs} | {column for s in specs for column, _ in s.breakdown}
    missing = sorted(needed - set(header))
    if missing:
        fail(f"{source.filename}, row 1", f"no column {', '.join(missing)}")
    values = []
    for number, cells in enumerate(rows, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            fail(f"{source.filename}, row {number}", f"{len(cells)} cells where the header has {len(header)}")
        cell = dict(zip(header, (words(c) for c in cells)))
        values.extend(_row_values(source.filename, number, cell, specs))
    return StatisticsFile(source, values)


def _row_values(filename, number, cell, specs):
    where = f"{filename}, row {number}"
    period = cell["time_period"]
    if not re.fullmatch(r"\d{4}", period):
        fail(where, f"time_period {period!r} is not a year")
    level = LEVELS.get(cell["geographic_level"])
    if level is None:
        fail(where, f"geographic_level {cell['geographic_level']!r} is not one of {', '.join(LEVELS)}")
    code = {"england": cell["country_code"], "region": cell["region_code"], "authority": cell["new_la_code"]}[level]
    # Councils that share a service are one row for both ("E06000061 / E06000062"): kept as printed.
    if not re.fullmatch(r"[EW]\d{8}( / [EW]\d{8})*", code):
        fail(where, f"{code!r} is not an ONS code for a {cell['geographic_level']} row")
    name = {"england": cell.get("country_name", ""), "region": cell["region_name"], "authority": cell["la_name"]}[level]
    for spec in specs:
        if any(cell[column] != value for column, value in spec.breakdown):
            continue
        value, symbol = _number(cell[spec.column], f"{where}, column {spec.column}")
        yield StatisticValue(spec.slug, int(period), level, code, name,
                             cell["region_code"] if level != "england" else "",
                             cell["region_name"] if level != "england" else "",
                             cell.get("old_la_code", "") if level == "authority" else "", value, symbol, number)


def _number(text, where):
    """(value, "") for a number; (None, symbol) for a symbol printed instead. Anything else is an error."""
    text = text.replace(",", "")
    if _NUMBER.fullmatch(text):
        try:
            return Decimal(text), ""
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            pass
    if text.lower() in SYMBOLS:
        return None, text.lower()
    fail(where, f"{text!r} is neither a number nor one of the DfE's symbols ({', '.join(s for s in SYMBOLS if s)})")


def read_neighbour_model(path):
    """The DfE statistical neighbour model, wide: each council's ten neighbours by old LA number, closest first."""
    source, header, rows = _read(path)
    year = re.search(r"(\d{4})", source.filename)
    if not year:
        fail(source.filename, "no model year in the file name (e.g. sn_model_2025_wide.csv)")
    needed = ["old_la_code", "la_name"] + [f"SN_{k}" for k in range(1, 11)]
    missing = [c for c in needed if c not in header]
    if missing:
        fail(f"{source.filename}, row 1", f"no column {', '.join(missing)}")
    out = []
    for number, cells in enumerate(rows, start=2):
        cell = dict(zip(header, (words(c) for c in cells)))
        where = f"{source.filename}, row {number}"
        if not cell.get("old_la_code"):
            continue
        if not re.fullmatch(r"\d{3}", cell["old_la_code"]):
            fail(where, f"{cell['old_la_code']!r} is not a three-digit LA number")
        neighbours = []
        for k in range(1, 11):
            number_k = cell.get(f"SN_{k}", "")
            if not number_k:
                continue
            if not re.fullmatch(r"\d{3}", number_k):
                fail(where, f"neighbour {number_k!r} is not a three-digit LA number")
            neighbours.append((number_k, cell.get(f"SN_{k}P", "")))
        out.append(NeighbourModelRow(number, cell["old_la_code"], cell["la_name"], neighbours))
    return NeighbourModel(source, year.group(1), out)


def statistics_files(data_dir, specs):
    """The files of the folder the specs read, and the neighbour model files; a spec naming a missing file fails."""
    data_dir = Path(data_dir)
    for name in sorted({s.file for s in specs}):
        if not (data_dir / name).is_file():
            fail(data_dir / name, "no such file (named in the measures list)")
    return [data_dir / name for name in sorted({s.file for s in specs})], sorted(data_dir.glob(SN_MODEL_PATTERN))
