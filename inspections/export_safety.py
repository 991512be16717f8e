"""Exports that cannot attack their reader: every CSV and XLSX the dashboard writes goes through here.

A spreadsheet reads a cell beginning with =, +, -, @ (or a tab or carriage return before one) as a formula, so a
claim or finding that begins "=HYPERLINK(...)" would run in the reader's spreadsheet. The OWASP remedy: prefix
such a text cell with a single quote, which spreadsheets show as text. Numbers are left alone (they are not
text, and -3 is a figure, not a formula); so is text that is only a number ("-2.5"), which no spreadsheet runs.
"""

from __future__ import annotations

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
