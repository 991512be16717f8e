"""Filters read from the query string, so every filtered view is a shareable URL."""

import django_filters
from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from inspections.grades import RANK_LABELS
from inspections.models import Authority

NOT_GRADED = "none"
INPUT = {"class": "govuk-input"}
SELECT = {"class": "govuk-select"}


class QuickSelect(forms.Select):
    """forms.Select, its markup written here: Django renders a template per option, which took longer than
    the rest of the claims page for a list of 150 councils. The same HTML (tests/inspections/test_tables_bulk.py)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts += [format_html('\n  <option value="{}"{}>{}</option>\n', option["value"], _attrs(option["attrs"]),
                                  option["label"]) for option in options]
            if group_name:
                parts.append("\n  </optgroup>")
        return mark_safe("".join(parts) + "\n</select>")


def _attrs(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return mark_safe("".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items() if value is not False
    ))


def region_choices():
    regions = Authority.objects.current().exclude(ofsted_region="").order_by("ofsted_region")
    return [(region, region) for region in regions.values_list("ofsted_region", flat=True).distinct()]


class AuthorityFilter(django_filters.FilterSet):
    """Filters an Authority QuerySet annotated by with_latest_grades()."""

    name = django_filters.CharFilter(
        label="Name", lookup_expr="icontains", widget=forms.TextInput(attrs={**INPUT, "autocomplete": "off"})
    )
    region = django_filters.ChoiceFilter(
        field_name="ofsted_region", label="Region", choices=region_choices, empty_label="All regions",
        widget=QuickSelect(attrs=SELECT),
    )
    kind = django_filters.ChoiceFilter(
        label="Type", choices=Authority.Kind.choices, empty_label="All types", widget=QuickSelect(attrs=SELECT)
    )
    grade = django_filters.ChoiceFilter(
        label="Latest overall grade", method="filter_grade", empty_label="Any grade",
        choices=[*[(str(rank), label) for rank, label in RANK_LABELS.items()], (NOT_GRADED, "Not yet graded")],
        widget=QuickSelect(attrs=SELECT),
    )

    class Meta:
        model = Authority
        fields = ()

    def filter_grade(self, queryset, name, value):
        if value == NOT_GRADED:
            return queryset.filter(overall_rank__isnull=True)
        return queryset.filter(overall_rank=int(value))


class AsAtForm(forms.Form):
    """The overview's "as at" date: every latest grade is rebuilt as it stood that day."""

    as_at = forms.DateField(
        label="Grades as at", required=False, input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}),
    )

    def as_at_date(self):
        return self.cleaned_data.get("as_at") if self.is_valid() else None
