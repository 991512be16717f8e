"""django-tables2 tables: one place defines what a row shows on screen and in its CSV export."""

import django_tables2 as tables
from django.utils.dateformat import format as format_date

from inspections.grades import STRAND_LABELS
from inspections.models import Authority
from inspections.models.latest import SHOWN_STRANDS

from .templatetags.dashboard import grade_age, grade_tag_html

GOVUK = {
    "th": {"class": "govuk-table__header", "scope": "col"},
    "td": {"class": "govuk-table__cell"},
}


class GradeColumn(tables.Column):
    """A strand's latest grade: a tag on screen, the word in CSV; sorts by rank, best first."""

    empty_values = ()  # render "Not graded" rather than the table's default dash

    def __init__(self, strand, **kwargs):
        super().__init__(
            accessor=f"{strand}_grade", verbose_name=STRAND_LABELS[strand], order_by=(f"{strand}_rank", "name"),
            attrs=GOVUK, **kwargs,
        )

    def render(self, value):
        return grade_tag_html(value)

    def value(self, value):
        return value or ""


class AuthorityTable(tables.Table):
    name = tables.Column(linkify=("inspections:authority", {"ons_code": tables.A("ons_code")}), attrs=GOVUK)
    ons_code = tables.Column(verbose_name="ONS code", attrs=GOVUK)
    ofsted_region = tables.Column(verbose_name="Region", attrs=GOVUK)
    kind = tables.Column(verbose_name="Type", attrs=GOVUK)
    overall = GradeColumn("overall")
    help_and_protection = GradeColumn("help_and_protection")
    children_in_care = GradeColumn("children_in_care")
    care_leavers = GradeColumn("care_leavers")
    leadership = GradeColumn("leadership")
    overall_on = tables.Column(verbose_name="Date of the overall grade", attrs=GOVUK)
    grade_age = tables.Column(
        accessor="overall_on", verbose_name="Grade age", order_by=("-overall_on", "name"), attrs=GOVUK
    )
    open_areas = tables.Column(
        verbose_name="Open areas for improvement",
        attrs={**GOVUK, "td": {"class": "govuk-table__cell govuk-table__cell--numeric"}},
    )

    class Meta:
        model = Authority
        fields = ()
        sequence = ("name", "ons_code", "ofsted_region", "kind", *SHOWN_STRANDS, "overall_on", "grade_age", "open_areas")
        attrs = {"class": "govuk-table dashboard-table", "thead": {"class": "govuk-table__head"},
                 "tbody": {"class": "govuk-table__body"}}
        row_attrs = {"class": "govuk-table__row"}
        template_name = "includes/govuk_table.html"
        empty_text = "No authority matches these filters."

    def render_overall_on(self, value):
        return format_date(value, "j M Y")

    def value_overall_on(self, value):
        return value.isoformat()

    def render_grade_age(self, value):
        return grade_age(value)

    def value_grade_age(self, value):
        return grade_age(value)
