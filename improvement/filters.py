"""Filters and choices read from the query string, so that every view of these pages is a shareable URL."""

import unicodedata
from html import escape

import django_filters
from django import forms
from django.template.defaultfilters import truncatechars
from django.utils.safestring import mark_safe

from improvement.models import Claim, ClaimAssessment, SelfEvaluation
from inspections.filters import QuickSelect
from inspections.models import Authority, Document, Theme
from inspections.templatetags.dashboard import format_date

from .cohorts import DEFAULT_YEAR

SELECT = {"class": "govuk-select"}


def authorities_with_visible_claims(request):
    """Only councils whose self-evaluations the user may see: the list itself must not reveal the others."""
    visible = SelfEvaluation.objects.visible_to(request.user if request else None)
    return Authority.objects.filter(pk__in=visible.values("authority_id")).order_by("name")


class ClaimFilter(django_filters.FilterSet):
    """Filters tracked_claims() (calibration.py): by council (ONS code), theme (slug), kind and latest verdict."""

    authority = django_filters.ModelChoiceFilter(
        field_name="self_evaluation__authority", to_field_name="ons_code", queryset=authorities_with_visible_claims,
        label="Council", empty_label="All councils", widget=QuickSelect(attrs=SELECT),
    )
    theme = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Theme.objects.order_by("name"), label="Theme", empty_label="All themes",
        widget=QuickSelect(attrs=SELECT),
    )
    kind = django_filters.ChoiceFilter(
        choices=Claim.Kind.choices, label="Kind", empty_label="Any kind", widget=QuickSelect(attrs=SELECT),
    )
    verdict = django_filters.ChoiceFilter(
        choices=ClaimAssessment.Verdict.choices, label="Latest verdict", empty_label="Any verdict",
        widget=QuickSelect(attrs=SELECT), method="filter_verdict",
    )

    def filter_verdict(self, claims, name, value):
        """Context is not a claim and has no verdict, not even "not yet tested"."""
        return claims.filter(verdict=value).exclude(kind=Claim.Kind.CONTEXT) if value else claims

    def without_verdict(self):
        """The claims every filter but the verdict leaves: calibration compares all four verdicts among them."""
        if not self.is_bound:
            return self.queryset
        if not self.is_valid():
            return self.queryset.none()
        claims = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != "verdict":
                claims = self.filters[name].filter(claims, value)
        return claims


class JourneyForm(forms.Form):
    """The council of a journey; its starting document is chosen from that council's documents (see the view)."""

    authority = forms.ModelChoiceField(
        queryset=Authority.objects.order_by("name"), to_field_name="ons_code", required=False, label="Council",
        widget=QuickSelect(attrs=SELECT),
    )

    def chosen_authority(self):
        return self.cleaned_data.get("authority") if self.is_valid() else None

    def authority_options(self, chosen=None):
        """The council list's <option>s, `chosen` selected: 153 of them, written in one go rather than a template
        loop (which cost the page more than its journey). One query, of two columns."""
        councils = self.fields["authority"].queryset.values_list("ons_code", "name")
        code = chosen.ons_code if chosen is not None else None
        return mark_safe("\n".join(
            f'<option value="{escape(ons_code)}"{" selected" if ons_code == code else ""}>{escape(name)}</option>'
            for ons_code, name in councils))

    @staticmethod
    def start_options(documents, start=None):
        """The starting documents' <option>s, the start's selected, in one go as authority_options (a template loop
        of three filters per document cost a millisecond and a half for a council's score of documents)."""
        if not documents:
            return mark_safe('<option value="">No documents yet</option>')
        chosen = start.document.pk if start else None
        return mark_safe("\n      ".join(
            f'<option value="{d.pk}"{" selected" if d.pk == chosen else ""}>{escape(_month(d.event_on))} – '
            f"{escape(DOCUMENT_KINDS.get(d.kind, d.kind))}: {escape(_shortened(d.title))}</option>" for d in documents))

    def start_id(self):
        """The ?start= document id as a number, or None; whether the user may see it is checked elsewhere."""
        try:
            return int(self.data.get("start", ""))
        except ValueError:
            return None


# Document.get_kind_display() from a dict (it builds one from the field's choices at each call).
DOCUMENT_KINDS = dict(Document._meta.get_field("kind").flatchoices)


def _month(day):
    """{{ day|date:"M Y" }}, its text remembered (format_date)."""
    return format_date(day, "M Y") if day not in (None, "") else ""


def _shortened(title):
    """{{ title|truncatechars:90 }}: a title that fits (most) is only normalised, as truncatechars leaves it."""
    text = unicodedata.normalize("NFC", title)
    return text if len(text) <= 90 else truncatechars(title, 90)


class CohortForm(forms.Form):
    inadequate_in = forms.TypedChoiceField(
        coerce=int, required=False, label="Judged inadequate overall in", widget=QuickSelect(attrs=SELECT)
    )

    def __init__(self, data, years):
        super().__init__(data)
        # A year asked for is the year shown, cohort or none: the page then says nobody is in it.
        asked = self._asked()
        years = sorted({*years, DEFAULT_YEAR, *([asked] if asked else [])}, reverse=True)
        self.fields["inadequate_in"].choices = [(year, str(year)) for year in years]

    def _asked(self):
        try:
            year = int(self.data.get("inadequate_in", ""))
        except ValueError:
            return None
        return year if 1900 < year < 2200 else None

    def year(self):
        return (self.cleaned_data.get("inadequate_in") if self.is_valid() else None) or DEFAULT_YEAR

    @property
    def not_a_year(self):
        """What was asked for where it is not a year (the default cohort is shown instead, and says so)."""
        asked = self.data.get("inadequate_in", "")
        return asked if asked and self._asked() is None else ""
