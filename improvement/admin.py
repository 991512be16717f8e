import datetime

from django import forms
from django.contrib import admin, messages
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from inspections.admin.inlines import PositionedFormSet

from . import figures
from .models import Claim, ClaimAssessment, FigureCheck, FigureTolerance, SelfEvaluation


class ClaimFormSet(PositionedFormSet):
    def save_new(self, form, commit=True):
        # A claim's source is its self-evaluation's document, so the inline does not ask for it.
        form.instance.document = self.instance.document
        return super().save_new(form, commit=commit)


class ClaimInline(admin.TabularInline):
    model = Claim
    formset = ClaimFormSet
    fields = ["statement", "figure", "unit", "period_text", "theme", "strand", "status", "source_ref"]
    autocomplete_fields = ["theme"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}
    extra = 3
    max_num = 200


@admin.register(SelfEvaluation)
class SelfEvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "authority", "published", "claim_count"]
    list_filter = ["authority__ons_region"]
    search_fields = ["title", "authority__name", "authority__ons_code"]
    date_hierarchy = "published"
    list_select_related = ["authority"]
    autocomplete_fields = ["authority", "document"]
    inlines = [ClaimInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_claim_counts()

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "authority", "figure", "unit", "theme", "strand", "status"]
    list_filter = ["status", "theme", "strand"]
    search_fields = ["statement", "unit", "self_evaluation__authority__name", "self_evaluation__title"]
    date_hierarchy = "self_evaluation__published"
    list_select_related = ["self_evaluation__authority", "theme"]
    autocomplete_fields = ["self_evaluation", "theme", "document"]
    actions = ["confirm"]
    fieldsets = [
        (None, {"fields": ["self_evaluation", "statement", "theme", "strand", "status"]}),
        ("Figure", {"fields": [("figure", "unit"), ("period_start", "period_end"), "period_text"]}),
        ("Source", {"fields": ["document", "source_ref", "position"]}),
    ]

    @admin.display(description="authority", ordering="self_evaluation__authority__name")
    def authority(self, obj):
        return obj.self_evaluation.authority

    @admin.action(description="Confirm selected claims", permissions=["change"])
    def confirm(self, request, queryset):
        confirmed = 0
        # Saved one by one (not update()) so each change is kept in the claim's history.
        for claim in queryset.exclude(status=Claim.Status.CONFIRMED):
            claim.status = Claim.Status.CONFIRMED
            claim.save(update_fields=["status"])
            confirmed += 1
        self.message_user(request, f"Confirmed {confirmed} claim{'s' if confirmed != 1 else ''}.", messages.SUCCESS)


@admin.register(ClaimAssessment)
class ClaimAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "verdict", "status", "evidence", "assessed_by", "assessed_on"]
    list_filter = ["verdict", "status"]  # status: proposed by the evidence finder, or a person's
    search_fields = ["claim__statement", "note", "claim__self_evaluation__authority__name"]
    date_hierarchy = "assessed_on"
    list_select_related = ["claim", "judgement", "finding", "area_for_improvement", "measure_value", "assessed_by"]
    # measure_value by search too: a plain select would list every DfE figure (44,000 options).
    autocomplete_fields = ["claim", "judgement", "finding", "area_for_improvement", "measure_value", "assessed_by"]

    def get_changeform_initial_data(self, request):
        initial = {"assessed_by": request.user.pk, "assessed_on": datetime.date.today()}
        return {**initial, **super().get_changeform_initial_data(request)}

    @admin.display(description="evidence")
    def evidence(self, obj):
        return obj.evidence


@admin.register(FigureTolerance)
class FigureToleranceAdmin(SimpleHistoryAdmin):
    """How far an official figure may sit from a council's and still bear it out: the claims pages show it, and
    a change here changes every check's verdict on the next page view (a recorded assessment keeps its own)."""

    list_display = ["__str__", "amount", "kind", "note"]
    list_editable = ["amount", "kind"]


@admin.register(FigureCheck)
class FigureCheckAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "authority", "first_period", "last_period", "status", "confirmed_by"]
    list_filter = ["status", "measure"]
    search_fields = ["claim__statement", "reason", "claim__self_evaluation__authority__name"]
    list_select_related = ["claim__self_evaluation__authority", "measure", "confirmed_by"]
    autocomplete_fields = ["claim"]
    raw_id_fields = ["official_values", "assessment"]
    readonly_fields = ["confirmed_by", "confirmed_at"]
    actions = ["confirm_checks", "reject_checks"]

    @admin.action(description="Confirm selected figure checks (records their verdicts)", permissions=["change"])
    def confirm_checks(self, request, queryset):
        self._decide(request, queryset, figures.confirm, "Confirmed")

    @admin.action(description="Reject selected figure checks", permissions=["change"])
    def reject_checks(self, request, queryset):
        self._decide(request, queryset, figures.reject, "Rejected")

    def _decide(self, request, queryset, decide, done):
        # One by one through improvement.figures, so each keeps its history and its assessment.
        checks = list(queryset.for_display())
        for check in checks:
            decide(check, request.user)
        self.message_user(request, f"{done} {len(checks)} figure check{'s' if len(checks) != 1 else ''}.",
                          messages.SUCCESS)

    @admin.display(description="authority", ordering="claim__self_evaluation__authority__name")
    def authority(self, obj):
        return obj.claim.self_evaluation.authority
