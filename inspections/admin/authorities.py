from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import Authority, AuthorityAlias, Membership, StatisticalNeighbour


class CurrentFilter(admin.SimpleListFilter):
    title = "current or ended"
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", "Current"), ("no", "Ended")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(end_date__isnull=True)
        if self.value() == "no":
            return queryset.filter(end_date__isnull=False)
        return queryset


class AliasInline(admin.TabularInline):
    model = AuthorityAlias
    fields = ["name"]
    extra = 1


class NeighbourInline(admin.TabularInline):
    model = StatisticalNeighbour
    fk_name = "authority"
    fields = ["position", "neighbour", "closeness", "document", "source_ref"]
    autocomplete_fields = ["neighbour", "document"]
    extra = 0
    max_num = 10
    verbose_name = "statistical neighbour"
    verbose_name_plural = "statistical neighbours (closest first)"


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ons_code", "la_number", "kind", "ons_region", "ofsted_region", "is_current"]
    list_filter = ["kind", "ons_region", "ofsted_region", CurrentFilter]
    search_fields = ["name", "ons_code", "la_number", "aliases__name"]
    autocomplete_fields = ["predecessors"]
    inlines = [AliasInline, NeighbourInline]
    fieldsets = [
        (None, {"fields": ["name", ("ons_code", "la_number"), "kind", ("ons_region", "ofsted_region")]}),
        ("Lifetime", {"fields": [("start_date", "end_date"), "predecessors"]}),
    ]

    @admin.display(boolean=True, description="current", ordering="end_date")
    def is_current(self, obj):
        return obj.is_current


@admin.register(AuthorityAlias)
class AuthorityAliasAdmin(SimpleHistoryAdmin):
    list_display = ["name", "authority"]
    search_fields = ["name", "authority__name", "authority__ons_code"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]


@admin.register(StatisticalNeighbour)
class StatisticalNeighbourAdmin(SimpleHistoryAdmin):
    list_display = ["authority", "position", "neighbour", "closeness"]
    list_filter = ["closeness", "position"]
    search_fields = ["authority__name", "authority__ons_code", "neighbour__name", "neighbour__ons_code"]
    autocomplete_fields = ["authority", "neighbour", "document"]
    list_select_related = ["authority", "neighbour"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    """Who may see an authority's private documents: its staff, or everyone with a role in its region."""

    list_display = ["user", "role", "authority", "region"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "user__email", "authority__name", "authority__ons_code", "region"]
    list_select_related = ["user", "authority"]
    autocomplete_fields = ["user", "authority"]
