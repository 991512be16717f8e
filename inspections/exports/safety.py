"""Exports that cannot attack their reader: every CSV and XLSX the dashboard writes goes through here.

A spreadsheet reads a cell beginning with =, +, -, @ (or a tab or carriage return before one) as a formula, so a
claim or finding that begins "=HYPERLINK(...)" would run in the reader's spreadsheet. The OWASP remedy: prefix
such a text cell with a single quote, which spreadsheets show as text. Numbers are left alone (they are not
text, and -3 is a figure, not a formula); so is text that is only a number ("-2.5"), which no spreadsheet runs.
"""

from __future__ import annotations

import csv
import re

from django.http import HttpResponseBadRequest

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def neutralised(value):
    """The value as it may be written to a cell: text that a spreadsheet would run, prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row):
    return [neutralised(value) for value in row]


def safe_rows(rows):
    """Each row of an export, neutralised (lazily: a big export is never held twice)."""
    return (safe_row(row) for row in rows)


_FIRST_SAFE = frozenset(FORMULA_STARTS)  # a text starting with none of these is left as it is


class _Echo:
    def write(self, line):
        return line


def safe_csv(rows):
    """The CSV text of the rows, neutralised: the very text of csv.writer(stream).writerows(safe_rows(rows)),
    in half its time for a big export (the claims CSV: 12,000 rows of a dozen cells).

    The csv module looks at each cell in turn from Python, then at each of its characters; here a row is one
    join. A row whose cells hold no comma, quote or line break (nearly every row) is the same joined with
    commas; any other row (or a row of one cell, which csv writes apart) is left to the csv module.
    tests/inspections/test_export_safety.py compares the two."""
    writer = csv.writer(_Echo())
    first_safe = _FIRST_SAFE
    lines = []
    for row in rows:
        cells = [cell if cell.__class__ is str and cell[:1] not in first_safe else "" if cell is None else _plain(cell)
                 for cell in row]
        line = ",".join(cells)
        if len(cells) < 2 or '"' in line or "\n" in line or "\r" in line or line.count(",") != len(cells) - 1:
            line = writer.writerow(safe_row(row))
        else:
            line += "\r\n"
        lines.append(line)
    return "".join(lines)


_QUOTED = re.compile(r'[",\r\n]')  # what makes the csv module quote a cell (its delimiter, quote, line ends)


def csv_cell(value):
    """One cell as safe_csv writes it in a row of two or more cells: neutralised, then quoted as the csv module
    quotes it. For an export that writes its lines itself, a row's cells joined with commas (a row of one cell
    is the csv module's: an empty one is written '""')."""
    if value is None:
        return ""
    if value.__class__ is not str or value[:1] in _FIRST_SAFE:
        value = _plain(value)
    if _QUOTED.search(value) is None:
        return value
    return '"' + value.replace('"', '""') + '"'


def _plain(value):
    """A cell as csv writes it (a number as str() gives it), neutralised first."""
    value = neutralised(value)
    return value if isinstance(value, str) else str(value)


class OfferedExportsMixin:
    """For django-tables2's ExportMixin: an `?_export=` format the page does not offer is a bad link (400), not a
    fault, and is refused before any query. ExportMixin itself accepts every format tablib knows."""

    export_formats = ("csv",)

    def get(self, request, *args, **kwargs):
        asked = request.GET.get(self.export_trigger_param)
        if asked is not None and asked not in self.export_formats:
            offered = " or ".join(self.export_formats)
            return HttpResponseBadRequest(
                f"Export as {asked[:20]!r} is not offered here: use {offered}.", content_type="text/plain; charset=utf-8"
            )
        return super().get(request, *args, **kwargs)
