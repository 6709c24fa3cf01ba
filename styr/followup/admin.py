from django.contrib import admin
from django.utils.translation import gettext as _

from styr.followup.locks import target_is_decided
from styr.followup.models import (
    AssessmentLevel,
    AssessmentScale,
    Deadline,
    FollowUpPeriod,
    MeasureTableLayout,
    StatusOption,
)
from styr.history.audited_admin import AdminForm, LockedForm
from styr.organisation.admin_site import ScopedAdmin, ScopedTabularInline
from styr.plans.models import Measure, Target


class AssessmentLevelInline(ScopedTabularInline):
    model = AssessmentLevel


@admin.register(AssessmentScale)
class AssessmentScaleAdmin(ScopedAdmin):
    list_display = ["name", "municipality"]
    list_select_related = ["municipality"]
    inlines = [AssessmentLevelInline]


@admin.register(StatusOption)
class StatusOptionAdmin(ScopedAdmin):
    list_display = ["label", "municipality", "order", "is_done"]
    list_select_related = ["municipality"]
    list_filter = ["municipality"]


@admin.register(MeasureTableLayout)
class MeasureTableLayoutAdmin(ScopedAdmin):
    """Which columns the municipality's measure tables show on its pages and in its documents."""

    list_display = ["municipality", "show_gender", "show_unjustified", "show_ranking", "show_reference",
                    "show_earlier_months"]
    list_select_related = ["municipality"]


class DeadlineInline(ScopedTabularInline):
    model = Deadline


@admin.register(FollowUpPeriod)
class FollowUpPeriodAdmin(ScopedAdmin):
    list_display = ["name", "year", "kind", "as_of", "deadline", "municipality"]
    list_select_related = ["municipality"]
    list_filter = ["municipality", "year", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DeadlineInline]


class TargetForm(AdminForm):
    """A year's target is part of the record once a follow-up of that year is decided: it stays as decided."""

    def refusal(self, user) -> str | None:
        years = {self.instance.year} if self.instance.pk else set()
        if self.cleaned_data.get("year"):
            years.add(self.cleaned_data["year"])
        return self._decided(years) if self.has_changed() else None

    def deletion_refusal(self, user) -> str | None:
        return self._decided({self.instance.year})

    def _decided(self, years: set[int]) -> str | None:
        if not self.instance.measure_id:
            return None
        for year in sorted(years):
            if target_is_decided(measure=self.instance.measure, year=year):
                return _("A follow-up of %(year)s showing this measure is decided, so its target for %(year)s "
                         "can no longer change.") % {"year": year}
        return None


class TargetInline(ScopedTabularInline):
    model = Target
    form = TargetForm


class MeasureForm(LockedForm):
    def deletion_refusal(self, user) -> str | None:
        """A measure of a decided year is part of that record (its targets and outcomes would go with it)."""
        measure = self.instance
        years = {*measure.targets.values_list("year", flat=True), *measure.outcomes.values_list("year", flat=True)}
        decided = sorted(year for year in years if target_is_decided(measure=measure, year=year))
        if decided:
            return _("A follow-up of %(year)s showing this measure is decided, so the measure stays.") % {"year": decided[0]}
        return None


@admin.register(Measure)
class MeasureAdmin(ScopedAdmin):
    form = MeasureForm
    list_display = ["name", "unit", "unit_of_measure", "direction", "kind", "kolada_kpi"]
    list_select_related = ["unit"]
    list_filter = ["unit", "kind", "unit_of_measure", "direction"]
    search_fields = ["name", "kolada_kpi", "source"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["unit"]
    inlines = [TargetInline]
