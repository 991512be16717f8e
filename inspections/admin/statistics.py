"""The DfE's statistics: loaded from the published files (load_dfe_statistics), so shown for reading and
correcting, not for entering by hand."""

from django.contrib import admin

from inspections.models import Measure, MeasureValue


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "polarity", "source_file", "source_column"]
    list_filter = ["polarity", "unit", "source_file"]
    search_fields = ["slug", "name", "source_column"]


@admin.register(MeasureValue)
class MeasureValueAdmin(admin.ModelAdmin):
    list_display = ["measure", "period", "level", "name", "value", "symbol"]
    list_filter = ["level", "period", "symbol", "measure"]
    search_fields = ["name", "code", "measure__name"]
    autocomplete_fields = ["authority", "document"]
    raw_id_fields = ["measure"]
    list_select_related = ["measure"]
