from django.contrib import admin

from styr.core.admin_site import AuditedAdmin

from styr.followup.models import AssessmentLevel, AssessmentScale, FollowUpPeriod, StatusOption


class AssessmentLevelInline(admin.TabularInline):
    model = AssessmentLevel
    extra = 0


@admin.register(AssessmentScale)
class AssessmentScaleAdmin(AuditedAdmin):
    list_display = ["name", "municipality"]
    inlines = [AssessmentLevelInline]


@admin.register(StatusOption)
class StatusOptionAdmin(AuditedAdmin):
    list_display = ["label", "municipality", "order", "is_done"]
    list_filter = ["municipality"]


@admin.register(FollowUpPeriod)
class FollowUpPeriodAdmin(AuditedAdmin):
    list_display = ["name", "year", "kind", "as_of", "deadline", "municipality"]
    list_filter = ["municipality", "year", "kind"]
    prepopulated_fields = {"slug": ["name"]}
