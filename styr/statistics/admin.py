"""The committee's statistics tables and their rows are configuration, kept by whoever keeps its structure."""

from django.contrib import admin

from styr.organisation.admin_site import ScopedAdmin, ScopedTabularInline
from styr.statistics.models import StatisticsRow, StatisticsTable


class StatisticsRowInline(ScopedTabularInline):
    model = StatisticsRow
    fields = ["order", "section", "name", "unit", "decimals"]


@admin.register(StatisticsTable)
class StatisticsTableAdmin(ScopedAdmin):
    list_display = ["title", "committee", "unit", "area", "order"]
    list_select_related = ["committee", "unit"]
    list_filter = ["committee"]
    search_fields = ["title"]
    prepopulated_fields = {"key": ["title"]}
    autocomplete_fields = ["committee", "unit"]
    inlines = [StatisticsRowInline]
