"""What the pages build in Python for speed gives the markup Django's own machinery gives: BulkTable's cells and
CSV values (inspections/tables.py), a chart's table rows and QuickSelect (inspections/filters.py)."""

import datetime
import re
from decimal import Decimal

import django_tables2 as tables
import pytest
from django import forms
from django.template import engines
from django.template.base import render_value_in_context
from django.test import RequestFactory, override_settings
from django.utils import translation
from django_tables2 import RequestConfig
from django_tables2.export import TableExport

from improvement import cohorts
from improvement.calibration import tracked_claims
from improvement.tables import ClaimTable, CohortTable
from inspections import charts
from inspections.filters import QuickSelect
from inspections.models import Authority
from inspections.tables import AuthorityTable, CsvExport
from inspections.templatetags.dashboard import PLAIN_CONTEXT, value_html
from tests.improvement import journey_world
from tests.inspections.dashboard_world import add_authorities, build_world, staff  # noqa: F401

pytestmark = pytest.mark.django_db

# The loop govuk_table.html ran before BulkTable: each cell through django-tables2.
PER_CELL = engines["django"].from_string(
    "{% for row in table.paginated_rows %}<tr {{ row.attrs.as_html }}>{% for column, cell in row.items %}"
    "<td {{ column.attrs.td.as_html }}>{{ cell }}</td>{% endfor %}</tr>\n{% endfor %}"
)
CHART_LOOP = engines["django"].from_string(
    '{% for row in chart.rows %}<tr class="govuk-table__row">{% for cell in row %}<td class="govuk-table__cell">'
    '{{ cell|default_if_none:"" }}</td>{% endfor %}</tr>\n{% endfor %}'
)


def tidy(html):
    return re.sub(r">\s+<", "><", str(html).strip())


def configured(make, query="", per_page=25):
    table = make()
    RequestConfig(RequestFactory().get(f"/?{query}"), paginate={"per_page": per_page}).configure(table)
    return table


def assert_bulk_matches_django_tables2(make, query="", per_page=25):
    assert tidy(configured(make, query, per_page).body_html()) == tidy(
        PER_CELL.render({"table": configured(make, query, per_page)}))
    assert list(configured(make, query, per_page).as_values()) == list(
        tables.Table.as_values(configured(make, query, per_page)))


@pytest.mark.parametrize("query", ["", "sort=-overall", "sort=grade_age&page=2", "sort=-open_areas"])
def test_the_authority_tables_cells_and_csv_values_are_django_tables2s(query):
    build_world()
    add_authorities(4)
    assert_bulk_matches_django_tables2(
        lambda: AuthorityTable(Authority.objects.current().with_latest_grades()), query, per_page=3)


def test_the_claim_tables_cells_are_django_tables2s(staff):
    journey_world.build_world()
    journey_world.grow(2)
    make = lambda: ClaimTable(tracked_claims(staff))  # noqa: E731
    for query in ("", "sort=-verdict", "sort=theme"):
        body = tidy(configured(make, query).body_html())
        # The rows are django-tables2's, with a heading row where each self-evaluation's claims begin.
        headings = re.findall(r'<tr class="govuk-table__row app-claim-group">.*?</tr>', body)
        assert headings and re.sub(r'<tr class="govuk-table__row app-claim-group">.*?</tr>', "", body) == tidy(
            PER_CELL.render({"table": configured(make, query)}))


def test_the_claims_csv_follows_the_tables_columns_and_order(staff):
    journey_world.build_world()
    journey_world.grow(2)
    table = configured(lambda: ClaimTable(tracked_claims(staff)), "sort=-authority")
    header, *rows = table.as_values()
    assert header == [str(column.header) for column in table.columns.iterall()]  # the hidden self-evaluation too
    assert [row[2] for row in rows] == [claim.statement for claim in table.data]
    assert len(rows) == 7


def test_the_cohort_tables_cells_and_csv_values_are_django_tables2s(staff):
    journey_world.build_world()
    journey_world.grow(3)
    group = cohorts.cohort(2015, staff)
    assert len(group.members) == 5
    assert_bulk_matches_django_tables2(lambda: CohortTable(group.members, group.year), per_page=2)


def test_the_csv_export_writes_the_bytes_tablib_would(staff):
    build_world()
    table = configured(lambda: AuthorityTable(Authority.objects.current().with_latest_grades()))
    assert CsvExport("csv", table).export() == TableExport("csv", table).export()
    assert CsvExport("csv", table).response("a.csv").content == TableExport("csv", table).response("a.csv").content


def test_a_charts_table_rows_are_the_template_loops():
    chart = charts.Chart("T", "D", {}, ["A", "B", "C", "D"], [
        ["Leicester & <Rutland>", None, 3.5, 12], ["It's", "", 0, None],
        [datetime.date(2015, 1, 12), True, 1, 1.0],
    ])
    assert tidy(chart.rows_html) == tidy(CHART_LOOP.render({"chart": chart}))


CELLS = [0, -5, 2015, 1234567, True, False, None, Decimal("17.5"), Decimal("20"), Decimal("-0.001"), Decimal("1E+3"),
         Decimal("12345678.125"), 1.5, 1e-7, 1e22, float("inf"), datetime.date(2015, 1, 12),
         datetime.datetime(2015, 1, 12, 9, 30), "Leicester & <Rutland>"]


@pytest.mark.parametrize("language", ["en-gb", "de", "fr"])
@pytest.mark.parametrize("grouping", [False, True])
def test_a_cells_text_is_what_a_template_writes(language, grouping):
    """value_html() looks the formats up once per table, not once per cell: the same text in any language."""
    with translation.override(language), override_settings(USE_THOUSAND_SEPARATOR=grouping):
        memo = {}
        for value in CELLS * 2:  # the second time from the memo
            assert value_html(value, memo) == render_value_in_context(value, PLAIN_CONTEXT), value


@pytest.mark.parametrize("value", [None, "b", ["a", "b"]])
def test_quick_select_writes_what_djangos_select_template_writes(value):
    choices = [("", "Any <grade>"), ("a", "Leicester & Rutland"), ("Group", [("b", "It's"), (3, "Three")])]
    attrs = {"class": "govuk-select", "id": "id_x", "aria-describedby": "x-hint", "disabled": False, "autofocus": True}
    for django_widget, quick_widget in ((forms.Select, QuickSelect), (forms.SelectMultiple, None)):
        if quick_widget is None:
            quick_widget = type("QuickSelectMultiple", (QuickSelect, forms.SelectMultiple), {})
        expected = django_widget(attrs=attrs, choices=choices).render("x", value)
        assert quick_widget(attrs=attrs, choices=choices).render("x", value) == expected
