"""django-tables2 tables: one place defines what a row shows on screen and in its CSV export.

BulkTable works cells out a column at a time. django-tables2 reads each cell's render (or value) function's
signature with inspect and walks its accessor afresh for every cell: about 60 µs a cell, seconds for a CSV
of 12,000 claims. BulkTable reads the signature, the accessor and the column's attributes once per column,
then applies them to every row; its cells and CSV values are those django-tables2 gives
(tests/inspections/test_tables_bulk.py compares them).
"""


import django_tables2 as tables
from django.core.paginator import Paginator
from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.columns.manytomanycolumn import ManyToManyColumn
from django_tables2.export import TableExport
from django_tables2.rows import BoundPinnedRow
from django_tables2.utils import A, signature

from inspections.exports.safety import safe_csv, safe_rows
from inspections.grades import STRAND_LABELS
from inspections.models import Authority
from inspections.models.latest import SHOWN_STRANDS, graded_on_expression, no_overall_expression

from .templatetags.dashboard import grade_age, grade_tag_html, overall_standing, overall_standing_text, value_html

GOVUK = {
    "th": {"class": "govuk-table__header", "scope": "col"},
    "td": {"class": "govuk-table__cell"},
}
NO_REPORT = "No report imported"
ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


def _caller(function):
    """function(arguments) as call_with_appropriate() calls it: with the arguments it names, or None if it
    names one a cell does not have."""
    names, catch_all = signature(function)
    if catch_all:
        return lambda arguments: function(**arguments)
    if any(name not in ARGUMENTS for name in names):
        return lambda arguments: None
    if names == ("value",):
        return lambda arguments: function(arguments["value"])
    return lambda arguments: function(**{name: arguments[name] for name in names})


def _step(current, bit):
    """One step of Accessor.resolve(): key, attribute or index, calling what is callable."""
    found = False
    if hasattr(type(current), "__getitem__"):  # model instances have none: spare them a failing lookup
        try:
            current, found = current[bit], True
        except (TypeError, AttributeError, KeyError):
            pass
    if not found:
        try:
            current = getattr(current, bit)
        except (TypeError, AttributeError):
            current = current[int(bit)]
    if callable(current):
        if getattr(current, "alters_data", False):
            raise ValueError(f"Refusing to call {current.__name__}()")
        if not getattr(current, "do_not_call_in_templates", False):
            current = current()
    return current


def _resolver(accessor):
    """record -> the cell's value, as BoundRow._get_and_render_with() finds it: a choice field's display
    text, else the accessor's value, None where the path breaks."""
    accessor = A(accessor)
    bits = accessor.bits
    head, last = bits[:-1], bits[-1]
    displays = {}  # record type -> whether the accessor ends at a field with choices

    def walk(current, path):
        for bit in path:
            current = _step(current, bit)
            if current is None:
                break
        return current

    def resolve(record):
        if isinstance(record, dict) and accessor in record:
            return record[accessor]
        try:
            penultimate = walk(record, head)
        except Exception:
            penultimate = None
        if isinstance(penultimate, models.Model):
            display = displays.get(type(record))
            if display is None:
                field = accessor.get_field(record)
                display = displays[type(record)] = bool(getattr(field, "choices", ()))
            if display:
                get_display = getattr(penultimate, f"get_{last}_display", None)
                if get_display:
                    return get_display()
        if penultimate is None and head:
            return None
        try:
            return walk(penultimate, (last,))
        except Exception:
            return None

    return resolve


class _Column:
    """What one column needs to make its cells, worked out once."""

    def __init__(self, table, bound_column, export):
        column = bound_column.column
        self.name, self.export = bound_column.name, export
        self.slow = isinstance(column, (BaseLinkColumn, ManyToManyColumn))
        self.bound_column, self.column, self.table = bound_column, column, table
        function = bound_column.value if export else bound_column.render
        if export and function == column.value and type(column).value is tables.Column.value:
            function = column.render  # Column.value() only calls render() with the cell's arguments
        self.call = _caller(function)
        self.resolve = _resolver(bound_column.accessor)
        self.empty_values = column.empty_values
        self.default = None if export else bound_column.default
        self.link = None if export else bound_column.link
        self.td = None if export else _static_td(table, bound_column)

    def cell(self, row):
        if self.slow:  # link and many-to-many columns have special cases: leave them to django-tables2
            return row.get_cell_value(self.name) if self.export else row.get_cell(self.name)
        record = row.record
        value = self.resolve(record)
        if value in self.empty_values:
            return self.default
        arguments = {"value": value, "record": record, "column": self.column, "bound_column": self.bound_column,
                     "bound_row": row, "table": self.table}
        content = self.call(arguments)
        return self.link(content, **arguments) if self.link else content


def _static_td(table, bound_column):
    """The column's <td> attributes, or None if they depend on the cell (a callable in attrs)."""
    attrs = {**table.attrs, **bound_column.column.attrs}
    td = attrs.get("td", attrs.get("cell", {}))
    if any(callable(value) for value in td.values()):
        return None
    return bound_column.attrs["td"].as_html()


class BulkTable(tables.Table):
    """A django-tables2 table whose cells and CSV values are worked out a column at a time (see above)."""

    def as_values(self, exclude_columns=None):
        """Table.as_values(): the header, then one list of plain values per row (what the CSV export writes)."""
        exclude_columns = exclude_columns or ()
        columns = [
            _Column(self, column, export=True)
            for column in self.columns.iterall()
            if not (column.column.exclude_from_export or column.name in exclude_columns)
        ]
        yield [force_str(column.bound_column.header, strings_only=True) for column in columns]
        for row in self.rows:
            if isinstance(row, BoundPinnedRow):
                yield [force_str(row.get_cell_value(column.name), strings_only=True) for column in columns]
            else:
                yield [force_str(column.cell(row), strings_only=True) for column in columns]

    def group_of(self, record):
        """The group a row belongs to (a table that groups its rows names each group once, in a heading row)."""
        return None

    def group_heading(self, record, span):
        """The heading row (<tr>) of the group `record` begins, spanning `span` columns; "" for none."""
        return ""

    def body_html(self):
        """The <tr> rows of the current page, as {% for row in table.paginated_rows %} would render them."""
        columns = [_Column(self, column, export=False) for column in self.columns]
        memo, rows, group = {}, [], object()
        for row in self.paginated_rows:
            if self.group_of(row.record) != group:  # a heading row where a new group begins (see group_of)
                group = self.group_of(row.record)
                rows.append(self.group_heading(row.record, len(columns)) or "")
            cells = []
            for column in columns:
                if column.td is None or isinstance(row, BoundPinnedRow):
                    bound_column = column.bound_column
                    bound_column.current_value = row.get_cell(column.name)
                    bound_column.current_record = row.record
                    td, content = bound_column.attrs["td"].as_html(), bound_column.current_value
                else:
                    td, content = column.td, column.cell(row)
                cells.append(f"<td {td}>{value_html(content, memo)}</td>")
            rows.append(f"<tr {row.attrs.as_html()}>{''.join(cells)}</tr>")
        return mark_safe("\n".join(rows))


class BoundedPaginator(Paginator):
    """A page size from the address (`?per_page=`) kept between 1 and MAX_PER_PAGE: Django's Paginator fails on
    zero or a negative size (a 500), and a huge one would render every row of a national list at once."""

    MAX_PER_PAGE = 200

    def __init__(self, object_list, per_page, *args, **kwargs):
        try:
            per_page = min(max(int(per_page), 1), self.MAX_PER_PAGE)
        except (TypeError, ValueError):
            per_page = 25
        super().__init__(object_list, per_page, *args, **kwargs)


class CsvExport(TableExport):
    """TableExport whose CSV is written straight from table.as_values() (exports.safety.safe_csv): the same bytes
    as tablib's, without a Dataset that checks every row as it is appended (a third of a big export's time)."""

    def __init__(self, export_format, table, exclude_columns=None, dataset_kwargs=None):
        if export_format != self.CSV:
            super().__init__(export_format, table, exclude_columns, dataset_kwargs)
        self.format, self.table, self.exclude_columns = export_format, table, exclude_columns

    def export(self):
        if self.format != self.CSV:
            return super().export()
        return safe_csv(self.table.as_values(exclude_columns=self.exclude_columns))

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        """The XLSX (or other tablib format) from neutralised rows: openpyxl writes "=..." text as a formula."""
        return super().table_to_dataset(_SafeValues(table), exclude_columns, dataset_kwargs)


class _SafeValues:
    """A table whose as_values() rows are neutralised (inspections.exports.safety), for tablib's exports."""

    def __init__(self, table):
        self.table, self.Meta = table, getattr(table, "Meta", None)

    def as_values(self, exclude_columns=None):
        return safe_rows(self.table.as_values(exclude_columns=exclude_columns))


class GradeColumn(tables.Column):
    """A strand's latest grade: a tag on screen, the word in CSV; sorts by rank, best first."""

    empty_values = ()  # render "Not graded" rather than the table's default dash

    def __init__(self, strand, **kwargs):
        kwargs.setdefault("order_by", (f"{strand}_rank", "name"))
        super().__init__(accessor=f"{strand}_grade", verbose_name=STRAND_LABELS[strand], attrs=GOVUK, **kwargs)

    def render(self, value):
        return grade_tag_html(value)

    def value(self, value):
        return value or ""


class OverallColumn(GradeColumn):
    """The latest overall grade, told honestly (dashboard.overall_standing): after a 2026-framework inspection,
    "No overall grade (2026 framework)" and the superseded grade; a predecessor's grade named as such."""

    def __init__(self, **kwargs):
        super().__init__("overall", **kwargs)

    def order(self, queryset, is_descending):
        """By rank, best first, the councils with no overall grade (2026 framework) after the graded."""
        direction = "-" if is_descending else ""
        ordered = queryset.annotate(no_overall_first=no_overall_expression())  # not Authority.no_overall's name
        return ordered.order_by(*[f"{direction}{name}" for name in ("no_overall_first", "overall_rank", "name")]), True

    def render(self, record):
        return overall_standing(record)

    def value(self, record):
        return overall_standing_text(record)


class AuthorityTable(BulkTable):
    name = tables.Column(linkify=("inspections:authority", {"ons_code": tables.A("ons_code")}), attrs=GOVUK)
    ons_code = tables.Column(verbose_name="ONS code", attrs=GOVUK)
    ofsted_region = tables.Column(verbose_name="Region", attrs=GOVUK)
    kind = tables.Column(verbose_name="Type", attrs=GOVUK)
    overall = OverallColumn()
    help_and_protection = GradeColumn("help_and_protection")
    children_in_care = GradeColumn("children_in_care")
    care_leavers = GradeColumn("care_leavers")
    leadership = GradeColumn("leadership")
    overall_on = tables.Column(accessor="graded_on", verbose_name="Date of the latest grades", attrs=GOVUK)
    grade_age = tables.Column(accessor="graded_on", verbose_name="Grade age", attrs=GOVUK)
    open_areas = tables.Column(
        verbose_name="Open areas for improvement",
        attrs={**GOVUK, "td": {"class": "govuk-table__cell govuk-table__cell--numeric"}},
    )

    # In the CSV only: on screen the overall cell says both.
    superseded_overall = tables.Column(
        accessor="overall_grade", verbose_name="Previous overall grade (superseded)", visible=False, empty_values=(),
    )
    inspected = tables.Column(accessor="name", verbose_name="Authority inspected", visible=False, empty_values=())

    class Meta:
        model = Authority
        fields = ()
        sequence = ("name", "ons_code", "ofsted_region", "kind", *SHOWN_STRANDS, "overall_on", "grade_age", "open_areas",
                    "superseded_overall", "inspected")
        attrs = {"class": "govuk-table dashboard-table", "thead": {"class": "govuk-table__head"},
                 "tbody": {"class": "govuk-table__body"}}
        row_attrs = {"class": "govuk-table__row"}
        template_name = "includes/govuk_table.html"
        empty_text = "No authority matches these filters."

    def __init__(self, *args, as_at=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_at = as_at  # grade ages count to the record's day (RecordCurrency.complete_to), not today

    def order_overall_on(self, queryset, is_descending):
        return _by_graded_on(queryset, is_descending), True

    def order_grade_age(self, queryset, is_descending):
        return _by_graded_on(queryset, not is_descending), True  # the youngest grade first

    def render_overall_on(self, value):
        return format_date(value, "j M Y")

    def value_overall_on(self, value):
        return value.isoformat()

    def render_grade_age(self, value):
        return grade_age(value, self.as_at)

    def render_open_areas(self, value, record):
        # Only a report lists areas for improvement: with the statistics alone, "0" would claim there are none.
        if record.latest_inspection_id and not getattr(record, "latest_reported", True):
            return NO_REPORT
        return value

    def value_grade_age(self, value):
        return grade_age(value, self.as_at)

    def value_superseded_overall(self, record):
        if not record.no_overall or not record.overall_grade:
            return ""
        return f"{record.overall_grade} ({record.overall_on.isoformat()})"

    def value_inspected(self, record):
        """Whose inspection the latest grades come from: the council's own, or a predecessor's."""
        predecessor = record.latest_inherited_from
        return predecessor.as_predecessor if predecessor else (record.name if record.latest_inspection_id else "")


def _by_graded_on(queryset, is_descending):
    # Not named graded_on: that is Authority.graded_on, a property an annotation cannot be written to.
    key = "-latest_grades_on" if is_descending else "latest_grades_on"
    return queryset.annotate(latest_grades_on=graded_on_expression()).order_by(key, "name")
