"""Judgements, findings and areas for improvement on their own, to search and filter across inspections."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import AreaForImprovement, Finding, Judgement


class FactAdmin(SimpleHistoryAdmin):
    date_hierarchy = "inspection__start_date"
    list_select_related = ["inspection__authority"]
    autocomplete_fields = ["inspection", "document"]

    @admin.display(description="authority", ordering="inspection__authority__name")
    def authority(self, obj):
        return obj.inspection.authority

    @admin.display(description="inspection", ordering="inspection__start_date")
    def inspection_label(self, obj):
        return f"{obj.inspection.get_kind_display()}, {obj.inspection.start_date:%b %Y}"


@admin.register(Judgement)
class JudgementAdmin(FactAdmin):
    list_display = ["area", "section", "grade", "strand", "authority", "inspection_label"]
    list_filter = ["grade", "strand", "scale", "inspection__framework"]
    search_fields = ["area", "section", "inspection__authority__name", "inspection__authority__ons_code"]
    fields = ["inspection", "section", "area", "strand", "grade", "position", "document", "source_ref"]


@admin.register(Finding)
class FindingAdmin(FactAdmin):
    list_display = ["__str__", "kind", "theme", "authority", "inspection_label"]
    list_filter = ["kind", "theme", "inspection__kind"]
    search_fields = ["text", "inspection__authority__name", "inspection__authority__ons_code"]
    autocomplete_fields = [*FactAdmin.autocomplete_fields, "theme"]
    list_select_related = [*FactAdmin.list_select_related, "theme"]


@admin.register(AreaForImprovement)
class AreaForImprovementAdmin(FactAdmin):
    list_display = ["__str__", "timescale", "theme", "authority", "inspection_label"]
    list_filter = ["timescale", "theme", "inspection__framework"]
    search_fields = ["text", "inspection__authority__name", "inspection__authority__ons_code"]
    autocomplete_fields = [*FactAdmin.autocomplete_fields, "theme"]
    list_select_related = [*FactAdmin.list_select_related, "theme"]
