"""Copies of the national data files for bad-input tests: real rows, some of them changed or left out."""

import datetime
import shutil
import zipfile
from xml.sax.saxutils import escape

from python_calamine import CalamineWorkbook

from tests.conftest import OFSTED

ODS = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
NEIGHBOURS = "New_Statistical_Neighbour_Groupings_April_2021.csv"
CSVS = (NEIGHBOURS, "ofsted_region_mapping_corrections.csv", "LTLA-UTLA_Apr23_Lookup_England-Wales.csv", "ofsted_provider_lookup.csv")


def real_sheets():
    """{sheet name: rows} of the real workbook, as python_calamine reads them."""
    book = CalamineWorkbook.from_path(str(OFSTED / ODS))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def copy_data(folder, sheets=None, csv_text=None):
    """The five files in `folder`; `sheets` replaces the workbook, `csv_text` ({name: text}) any CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in CSVS:
        if csv_text and name in csv_text:
            (folder / name).write_text(csv_text[name], encoding="utf-8")
        else:
            shutil.copy(OFSTED / name, folder / name)
    if sheets is None:
        shutil.copy(OFSTED / ODS, folder / ODS)
    else:
        write_ods(folder / ODS, sheets)
    return folder


def _cell(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        iso = value.strftime("%Y-%m-%dT00:00:00")
        return f'<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>{iso[:10]}</text:p></table:table-cell>'
    if value in ("", None):
        return "<table:table-cell/>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def write_ods(path, sheets):
    """A minimal OpenDocument spreadsheet: enough for python_calamine, nothing more."""
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
