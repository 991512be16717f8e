"""Filters read from the query string, so every filtered view is a shareable URL."""

import django_filters
from django import forms
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe

from inspections.grades import NO_OVERALL_LABEL, RANK_LABELS
from inspections.models import Authority

NOT_GRADED = "none"
NO_OVERALL = "no_overall"  # the latest inspection made no overall judgement (2026 framework)
INPUT = {"class": "govuk-input"}
SELECT = {"class": "govuk-select"}


class QuickSelect(forms.Select):
    """forms.Select, its markup written here: Django renders a template per option, which took longer than
    the rest of the claims page for a list of 150 councils, and builds a dict of each option's attributes (what
    ChoiceWidget.optgroups() and create_option() do is done here inline: a select's options inherit no attribute
    but `selected`). The same HTML (tests/inspections/test_tables_bulk.py)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            widget_attrs["multiple"] = True
        chosen = set(self.format_value(value))
        parts = [format_html('<select name="{}"{}>', name, _attrs(widget_attrs))]
        has_selected = False
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                group_name, options = option_value, option_label
            else:
                group_name, options = None, [("" if option_value is None else option_value, option_label)]
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for subvalue, sublabel in options:
                selected = (not has_selected or self.allow_multiple_selected) and str(subvalue) in chosen
                has_selected |= selected
                parts.append(f'\n  <option value="{conditional_escape(subvalue)}"{" selected" if selected else ""}>'
                             f"{conditional_escape(sublabel)}</option>\n")
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
        choices=[*[(str(rank), label) for rank, label in RANK_LABELS.items()], (NO_OVERALL, NO_OVERALL_LABEL),
                 (NOT_GRADED, "Not yet graded")],
        widget=QuickSelect(attrs=SELECT),
    )

    class Meta:
        model = Authority
        fields = ()

    def filter_grade(self, queryset, name, value):
        if value == NO_OVERALL:
            return queryset.filter(no_overall_on__isnull=False)
        if value == NOT_GRADED:
            return queryset.filter(overall_rank__isnull=True, no_overall_on__isnull=True)
        return queryset.filter(overall_rank=int(value), no_overall_on__isnull=True)


class AsAtForm(forms.Form):
    """The overview's "as at" date: every latest grade is rebuilt as it stood that day. A day after the record
    (`complete_to`, RecordCurrency.complete_to) is refused: grades then are not known, and must not look known."""

    AFTER_RECORD = "after_record"

    as_at = forms.DateField(
        label="Grades as at", required=False, input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter a real date, for example 2019-03-31."},
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}),
    )

    def __init__(self, data=None, complete_to=None, **kwargs):
        super().__init__(data, **kwargs)
        self.complete_to = complete_to

    def clean_as_at(self):
        as_at = self.cleaned_data.get("as_at")
        if as_at and self.complete_to and as_at > self.complete_to:
            raise forms.ValidationError(
                f"The record is complete only to {self.complete_to:%-d %B %Y}: grades on {as_at:%-d %B %Y} are not "
                "known yet. Enter that day or an earlier one.",
                code=self.AFTER_RECORD,
            )
        return as_at

    def as_at_date(self):
        return self.cleaned_data.get("as_at") if self.is_valid() else None

    def is_after_record(self):
        return not self.is_valid() and self.has_error("as_at", self.AFTER_RECORD)
