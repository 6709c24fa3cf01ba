"""The municipality's criteria for the computed economy measures are configuration, kept in the admin."""

from django.contrib import admin

from styr.economy.models import EconomyCriterion
from styr.organisation.admin_site import ScopedAdmin


@admin.register(EconomyCriterion)
class EconomyCriterionAdmin(ScopedAdmin):
    list_display = ["measure", "level", "minimum", "maximum", "order", "municipality"]
    list_select_related = ["level", "municipality"]
    list_filter = ["municipality", "measure"]
