from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Prefetch
from simple_history.admin import SimpleHistoryAdmin

from inspections.grades import SCALE_GRADES, Framework, Grade, Strand
from inspections.models import (
    AreaForImprovement,
    Finding,
    Inspection,
    InspectionInspector,
    Inspector,
    Judgement,
)

from .inlines import DefaultDocumentMixin, PositionedFormSet

COMPACT_TEXT = {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}


class JudgementFormSet(PositionedFormSet):
    def clean(self):
        super().clean()
        # Judgement.clean() can check the scale only once the inspection is saved; on the add page it is
        # not yet, so the rule is applied here against the framework chosen on the same page.
        try:
            framework = Framework(self.instance.framework)
        except ValueError:
            return  # the framework field itself shows the error
        allowed = SCALE_GRADES[framework.scale]
        for form in self.forms:
            grade = form.cleaned_data.get("grade") if getattr(form, "cleaned_data", None) else None
            if grade and Grade(grade) not in allowed and not form.has_error("grade"):
                form.add_error(
                    "grade",
                    f"{grade!r} is not a grade of the {framework.label} scale "
                    f"({', '.join(allowed)}).",
                )


class JudgementInline(DefaultDocumentMixin, admin.TabularInline):
    model = Judgement
    formset = JudgementFormSet
    fields = ["position", "section", "area", "strand", "grade", "source_ref", "document"]
    autocomplete_fields = ["document"]
    # Three blank rows; "Add another judgement" adds more, so a full 2009-12 report's 22 fit on one page.
    extra = 3
    max_num = 60


class FindingInline(DefaultDocumentMixin, admin.TabularInline):
    model = Finding
    formset = PositionedFormSet
    fields = ["position", "kind", "text", "theme", "source_ref", "document"]
    autocomplete_fields = ["theme", "document"]
    formfield_overrides = {models.TextField: COMPACT_TEXT}
    extra = 3
    max_num = 60


class AreaForImprovementInline(DefaultDocumentMixin, admin.TabularInline):
    model = AreaForImprovement
    formset = PositionedFormSet
    fields = ["position", "timescale", "text", "theme", "source_ref", "document"]
    autocomplete_fields = ["theme", "document"]
    formfield_overrides = {models.TextField: COMPACT_TEXT}
    extra = 1
    max_num = 60


class InspectorInline(admin.TabularInline):
    model = InspectionInspector
    fields = ["position", "inspector", "is_lead"]
    autocomplete_fields = ["inspector"]
    ordering = ["position"]
    extra = 1
    verbose_name = "inspector"
    verbose_name_plural = "inspectors (in the order the report names them)"


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ["authority", "kind", "framework", "start_date", "overall_grade", "published"]
    list_filter = [
        "kind", "framework", "date_precision", ("known_from", admin.EmptyFieldListFilter), "authority__ons_region",
    ]
    search_fields = ["authority__name", "authority__ons_code", "theme_text", "verdict"]
    date_hierarchy = "start_date"
    list_select_related = ["authority"]
    autocomplete_fields = ["authority", "theme", "follows", "documents", "known_from"]
    inlines = [JudgementInline, FindingInline, AreaForImprovementInline, InspectorInline]
    fieldsets = [
        ("The event", {
            "fields": ["authority", ("kind", "framework"), ("start_date", "end_date"), "date_precision", "published"],
        }),
        ("For visits", {"fields": ["theme", "theme_text", "verdict", "follows"]}),
        ("Sources", {"fields": ["documents", "known_from"]}),
    ]

    def get_queryset(self, request):
        # Only the overall judgements, once for the whole page, so overall_grade() costs no query per row.
        overall = Judgement.objects.filter(strand=Strand.OVERALL)
        return super().get_queryset(request).prefetch_related(Prefetch("judgements", queryset=overall))

    @admin.display(description="overall grade")
    def overall_grade(self, obj):
        judgement = obj.overall_grade()
        return judgement.grade if judgement and judgement.grade else None


@admin.register(Inspector)
class InspectorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "inspection_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(inspection_count=Count("inspection"))

    @admin.display(description="inspections", ordering="inspection_count")
    def inspection_count(self, obj):
        return obj.inspection_count


@admin.register(InspectionInspector)
class InspectionInspectorAdmin(admin.ModelAdmin):
    # A plain ModelAdmin: this through model keeps no history of its own.
    list_display = ["inspector", "inspection", "position", "is_lead"]
    list_filter = ["is_lead"]
    search_fields = ["inspector__name", "inspection__authority__name"]
    autocomplete_fields = ["inspection", "inspector"]
    list_select_related = ["inspector", "inspection__authority"]
