"""Ofsted's outcomes workbook (ODS), and what every national statistics file's reader shares. Plain Python.

Each reader returns dataclasses and raises ParseError naming the file, the sheet and the row on bad input.
Row numbers are the spreadsheet's own (1-based, header rows counted) so that a person can find them.
The CSV files about authorities are read in authority_files.py.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from inspections.grades import SCALE_GRADES, Scale, Strand, parse_grade
from inspections.importing.records import JudgementRecord, ParseError
from inspections.themes import suggest_theme

LATEST_SHEET = "Inspections_as_at_31_March"
IN_YEAR_SHEET = "In-year_inspections"
HISTORY_SHEET = "ILACS_inspection_history"
COVER_SHEET = "Cover"

ONS_CODE_RE = re.compile(r"^[EW]\d{8}$")
ONS_REGIONS = (
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
)

# Logical column -> the headers Ofsted has used for it (compared in lower case, single-spaced).
COLUMNS = {
    "code": ("local authority area code",),
    "name": ("local authority name",),
    "region": ("ofsted region", "region"),
    "status": ("local authority status",),
    "date": ("inspection date", "inspection/visit date", "visit date"),
    "published": ("publication date",),
    "kind": ("inspection type", "inspection/visit type", "visit type"),
    "theme": ("visit theme",),
}
SHEET_COLUMNS = {
    LATEST_SHEET: ("code", "name", "region", "date", "published"),
    IN_YEAR_SHEET: ("code", "name", "region", "date", "published", "kind", "theme"),
    HISTORY_SHEET: ("code", "name", "status", "region", "date", "published", "kind"),
}
GRADED_SHEETS = (LATEST_SHEET, HISTORY_SHEET)

# Judgement column headers -> strand (DOMAIN.md); "children in care" before "care leavers" because the
# pre-2023 wording "children in care and care leavers" is the children-in-care judgement.
JUDGEMENT_STRANDS = (
    ("overall effectiveness", Strand.OVERALL),
    ("impact of leaders", Strand.LEADERSHIP),
    ("help and protection", Strand.HELP_AND_PROTECTION),
    ("children in care", Strand.CHILDREN_IN_CARE),
    ("looked after", Strand.CHILDREN_IN_CARE),
    ("care leavers", Strand.CARE_LEAVERS),
)

INSPECTION_KINDS = (
    ("focused visit", "focused_visit"),
    ("monitoring visit", "monitoring_visit"),
    ("joint targeted", "jtai"),
    ("short", "short"),
    ("standard", "standard"),
)

# Ofsted's visit themes that suggest_theme cannot place from their words alone.
VISIT_THEMES = {
    "children in need/subject to a plan": "children-in-need-protection",
    "children in care": "care-planning-permanence",
    "vulnerable adolescents": "missing-exploitation",
}


@dataclass
class SourceFile:
    path: Path
    sha256: str
    title: str
    published: datetime.date | None = None

    @property
    def filename(self):
        return self.path.name


@dataclass
class OutcomeRow:
    """One row of the outcomes workbook: an inspection or a visit of one authority."""

    sheet: str
    row: int
    ons_code: str
    authority: str
    ofsted_region: str
    start_date: datetime.date
    published: datetime.date | None
    kind: str | None = None  # None on the latest-grades sheet, which does not say
    still_exists: bool = True
    judgements: list[JudgementRecord] = field(default_factory=list)
    theme_text: str = ""
    theme: str | None = None

    @property
    def source_ref(self):
        return f"{self.sheet} row {self.row}"


@dataclass
class OutcomesWorkbook:
    source: SourceFile
    latest: list[OutcomeRow]
    in_year: list[OutcomeRow]
    history: list[OutcomeRow]
    warnings: list[str] = field(default_factory=list)


def fail(where, why):
    raise ParseError(f"{where}: {why}")


def source_file(path, title=None):
    path = Path(path)
    if not path.is_file():
        fail(path, "no such file")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return SourceFile(path=path, sha256=digest, title=title or path.stem.replace("_", " "))


def words(value):
    return " ".join(str(value).split()) if value is not None else ""


def to_date(value, where):
    """A cell as a date: calamine gives datetimes; text cells may hold 17/06/2019 or 2019-06-17."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = words(value)
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    fail(where, f"{text!r} is not a date")


def ons_region(text):
    """The ONS region a region name stands for ("Inner London" -> "London"), or ""."""
    lowered = words(text).lower()
    if "london" in lowered:
        return "London"
    return next((region for region in ONS_REGIONS if region.lower() == lowered), "")


def judgement_strand(header):
    lowered = words(header).lower()
    return next((strand for key, strand in JUDGEMENT_STRANDS if key in lowered), None)


def inspection_kind(text):
    lowered = words(text).lower()
    return next((kind for key, kind in INSPECTION_KINDS if key in lowered), None)


def visit_theme(text):
    lowered = words(text).lower()
    if not lowered:
        return None
    return VISIT_THEMES.get(lowered) or suggest_theme(lowered)


# --- the outcomes workbook -------------------------------------------------------------------------


def read_outcomes(path):
    source = source_file(path)
    try:
        book = CalamineWorkbook.from_path(str(source.path))
    except CalamineError as error:
        fail(source.filename, f"cannot be read as a spreadsheet ({error})")
    missing = [name for name in SHEET_COLUMNS if name not in book.sheet_names]
    if missing:
        fail(source.filename, f"no sheet named {', '.join(missing)}")
    warnings = []
    if COVER_SHEET in book.sheet_names:
        _read_cover(book.get_sheet_by_name(COVER_SHEET).to_python(), source, warnings)
    sheets = {name: _read_sheet(book, name, source.filename, warnings) for name in SHEET_COLUMNS}
    return OutcomesWorkbook(
        source=source,
        latest=sheets[LATEST_SHEET],
        in_year=sheets[IN_YEAR_SHEET],
        history=sheets[HISTORY_SHEET],
        warnings=warnings,
    )


def _read_cover(rows, source, warnings):
    if rows and rows[0] and words(rows[0][0]):
        source.title = words(rows[0][0])
    for number, cells in enumerate(rows, start=1):
        if cells and words(cells[0]).lower().startswith("published on") and len(cells) > 1:
            source.published = to_date(cells[1], f"{source.filename}, sheet {COVER_SHEET}, row {number}")
            return
    warnings.append(f"{source.filename}: no publication date on the {COVER_SHEET} sheet")


def _header_row(rows, where):
    """The table's header row: Ofsted puts a title and a note above it (row 3 in 2025)."""
    for index, cells in enumerate(rows[:10]):
        if any(words(cell).lower() in COLUMNS["code"] for cell in cells):
            return index
    fail(where, f"no header row with a {COLUMNS['code'][0]!r} column in the first 10 rows")


def _read_sheet(book, name, filename, warnings):
    where = f"{filename}, sheet {name}"
    rows = book.get_sheet_by_name(name).to_python()
    header_index = _header_row(rows, where)
    headers = [words(cell) for cell in rows[header_index]]
    lowered = [header.lower() for header in headers]
    columns = {}
    for logical in SHEET_COLUMNS[name]:
        found = next((lowered.index(h) for h in COLUMNS[logical] if h in lowered), None)
        if found is None:
            fail(f"{where}, row {header_index + 1}", f"no column {COLUMNS[logical][0]!r}")
        columns[logical] = found
    graded = [(i, headers[i], judgement_strand(h)) for i, h in enumerate(lowered) if judgement_strand(h)]
    if name in GRADED_SHEETS and not graded:
        fail(f"{where}, row {header_index + 1}", "no judgement columns (such as 'Overall effectiveness')")
    out = []
    for number, cells in enumerate(rows[header_index + 1:], start=header_index + 2):
        if not any(words(cell) for cell in cells):
            continue
        cells = list(cells) + [""] * (len(headers) - len(cells))
        out.append(_read_row(name, number, cells, columns, graded, f"{where}, row {number}", warnings))
    return out


def _read_row(sheet, number, cells, columns, graded, where, warnings):
    def cell(logical):
        return cells[columns[logical]] if logical in columns else ""

    code = words(cell("code")).upper()
    if not ONS_CODE_RE.match(code):
        fail(where, f"{code!r} is not an ONS code")
    start = to_date(cell("date"), where)
    if start is None:
        fail(where, "no inspection date")
    kind = None
    if "kind" in columns:
        kind = inspection_kind(cell("kind"))
        if kind is None:
            fail(where, f"unknown inspection type {words(cell('kind'))!r}")
    row = OutcomeRow(
        sheet=sheet,
        row=number,
        ons_code=code,
        authority=words(cell("name")),
        ofsted_region=words(cell("region")),
        start_date=start,
        published=to_date(cell("published"), where),
        kind=kind,
        still_exists=not words(cell("status")).lower().startswith("no longer"),
        theme_text=words(cell("theme")),
    )
    if not row.authority:
        fail(where, "no local authority name")
    if row.published and row.published < start:
        fail(where, f"published ({row.published}) before the inspection date ({start})")
    row.theme = visit_theme(row.theme_text)
    if kind in (None, "standard", "short"):
        row.judgements = _judgements(cells, graded, row, where, warnings)
    return row


def _judgements(cells, graded, row, where, warnings):
    judgements = []
    for index, header, strand in graded:
        text = words(cells[index])
        if not text:
            # Care leavers was first judged in 2023: blank before that by design.
            if strand != Strand.CARE_LEAVERS:
                warnings.append(f"{where}: no grade for {header!r}")
            continue
        grade = parse_grade(text, Scale.B)
        if grade not in SCALE_GRADES[Scale.B]:
            fail(where, f"{text!r} is not a grade of the ILACS scale (column {header!r})")
        judgements.append(JudgementRecord(area=header, grade=grade.value, strand=strand.value, source_ref=row.source_ref))
    return judgements
