from django.contrib import admin

from styr.core.admin_site import AuditedAdmin, UnitScopedAdmin

from styr.plans.models import (
    Activity, Commitment, CouncilGoal, CouncilGoalChoice, Goal, GoalMeasure, Measure, Plan, Target,
)


@admin.register(CouncilGoal)
class CouncilGoalAdmin(AuditedAdmin):
    list_display = ["name", "kind", "municipality", "order"]
    list_filter = ["municipality", "kind"]
    prepopulated_fields = {"key": ["name"]}


class CouncilGoalChoiceInline(admin.TabularInline):
    model = CouncilGoalChoice
    extra = 0


@admin.register(Plan)
class PlanAdmin(UnitScopedAdmin):
    list_display = ["unit", "year", "status"]
    list_filter = ["year", "status", "unit__municipality"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [CouncilGoalChoiceInline]


class GoalMeasureInline(admin.TabularInline):
    model = GoalMeasure
    extra = 0
    autocomplete_fields = ["measure"]


@admin.register(Goal)
class GoalAdmin(UnitScopedAdmin):
    unit_path = "plan__unit"
    list_display = ["name", "council_goal", "plan", "parent"]
    list_filter = ["plan__year", "plan__unit", "council_goal"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["plan", "parent"]
    inlines = [GoalMeasureInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Measure)
class MeasureAdmin(UnitScopedAdmin):
    list_display = ["name", "unit", "unit_of_measure", "direction", "kind", "kolada_kpi"]
    list_filter = ["unit", "kind", "unit_of_measure", "direction"]
    search_fields = ["name", "kolada_kpi", "source"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["unit"]
    inlines = [TargetInline]


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0
    fk_name = "commitment"
    autocomplete_fields = ["plan", "goal", "also_under"]


@admin.register(Commitment)
class CommitmentAdmin(UnitScopedAdmin):
    unit_path = "plan__unit"
    list_display = ["name", "goal", "plan"]
    list_filter = ["plan__year", "plan__unit"]
    search_fields = ["name"]
    autocomplete_fields = ["plan", "goal", "also_under"]
    inlines = [ActivityInline]


@admin.register(Activity)
class ActivityAdmin(UnitScopedAdmin):
    unit_path = "plan__unit"
    list_display = ["name", "goal", "commitment", "plan"]
    list_filter = ["plan__year", "plan__unit"]
    search_fields = ["name"]
    autocomplete_fields = ["plan", "goal", "commitment", "also_under"]
