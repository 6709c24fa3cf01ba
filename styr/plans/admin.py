from django.contrib import admin

from styr.organisation.admin_site import ScopedAdmin, ScopedStackedInline, ScopedTabularInline
from styr.plans.models import (
    Activity,
    Commitment,
    CouncilGoal,
    CouncilGoalChoice,
    CouncilGoalGroup,
    Goal,
    GoalMeasure,
    Plan,
)

# Measures and their targets are kept in styr/followup/admin.py: a decided follow-up locks a year's target.


@admin.register(CouncilGoalGroup)
class CouncilGoalGroupAdmin(ScopedAdmin):
    list_display = ["name", "municipality", "order"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]


@admin.register(CouncilGoal)
class CouncilGoalAdmin(ScopedAdmin):
    list_display = ["title", "group", "municipality", "order"]
    list_select_related = ["group", "municipality"]
    list_filter = ["municipality", "group"]
    prepopulated_fields = {"key": ["name"]}


class CouncilGoalChoiceInline(ScopedTabularInline):
    model = CouncilGoalChoice


@admin.register(Plan)
class PlanAdmin(ScopedAdmin):
    list_display = ["unit", "year", "status"]
    list_select_related = ["unit"]
    list_filter = ["year", "status", "unit__municipality"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [CouncilGoalChoiceInline]


class GoalMeasureInline(ScopedTabularInline):
    model = GoalMeasure
    autocomplete_fields = ["measure"]


@admin.register(Goal)
class GoalAdmin(ScopedAdmin):
    list_display = ["name", "council_goal", "plan", "parent"]
    list_select_related = ["council_goal", "plan__unit", "parent"]
    list_filter = ["plan__year", "plan__unit", "council_goal"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["plan", "parent"]
    inlines = [GoalMeasureInline]


class ActivityInline(ScopedStackedInline):
    model = Activity
    fk_name = "commitment"
    autocomplete_fields = ["plan", "goal", "also_under"]


@admin.register(Commitment)
class CommitmentAdmin(ScopedAdmin):
    list_display = ["name", "goal", "plan"]
    list_select_related = ["goal", "plan__unit"]
    list_filter = ["plan__year", "plan__unit"]
    search_fields = ["name"]
    autocomplete_fields = ["plan", "goal", "also_under"]
    inlines = [ActivityInline]


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    list_display = ["name", "goal", "commitment", "plan"]
    list_select_related = ["goal", "commitment", "plan__unit"]
    list_filter = ["plan__year", "plan__unit"]
    search_fields = ["name"]
    autocomplete_fields = ["plan", "goal", "commitment", "also_under"]
