"""The follow-up state that governs a write, read with the rows locked for the writing transaction.

A fact belongs to plans: an assessment or a status to its own plan, a measure's outcome and analysis
to every plan of the year that shows the measure (and to its owner's plan). The strictest state of
those plans' progress in the matching periods governs the write: one decided plan is enough to make
a shared figure an amendment. The progress rows are locked (`select_for_update`), so a "mark ready"
or a decision racing the write is taken either wholly before it or wholly after it.
"""

from collections.abc import Iterable

from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodProgress, ProgressState
from styr.plans.models import Measure, Plan

STRICTNESS = [ProgressState.OPEN, ProgressState.READY, ProgressState.APPROVED, ProgressState.DECIDED]


def strictest(states: Iterable[str]) -> ProgressState:
    return max((ProgressState(state) for state in states), key=STRICTNESS.index, default=ProgressState.OPEN)


def plan_state_for_update(*, plan: Plan, period: FollowUpPeriod) -> ProgressState:
    """The plan's state in the period; its progress row is locked (and created if missing)."""
    progress, _ = PeriodProgress.objects.select_for_update().get_or_create(plan=plan, period=period)
    return ProgressState(progress.state)


def owner_plan(measure: Measure, year: int) -> Plan | None:
    return Plan.objects.filter(unit_id=measure.unit_id, year=year).select_related("unit").first()


def showing_plan_ids(measure: Measure, year: int) -> set[int]:
    """The plans of the year that show the measure under one of their goals, and its owner's plan."""
    ids = set(Plan.objects.filter(year=year, goals__goal_measures__measure=measure).values_list("pk", flat=True))
    ids |= set(Plan.objects.filter(year=year, unit_id=measure.unit_id).values_list("pk", flat=True))
    return ids


def _measure_state_for_update(measure: Measure, year: int, periods) -> ProgressState:
    owner = owner_plan(measure, year)
    states: list[str] = [plan_state_for_update(plan=owner, period=period) for period in periods] if owner else []
    rows = PeriodProgress.objects.select_for_update().filter(plan_id__in=showing_plan_ids(measure, year), period__in=periods)
    states += [row.state for row in rows]
    return strictest(states)


def outcome_periods(measure: Measure, year: int, month: int):
    """The follow-ups that report the outcome of `year` as of `month` (the plan itself reports none)."""
    return list(
        FollowUpPeriod.objects.filter(municipality_id=measure.unit.municipality_id, year=year, as_of__month=month)
        .exclude(kind=PeriodKind.PLAN)
    )


def outcome_state_for_update(*, measure: Measure, year: int, month: int) -> ProgressState:
    """The state governing the outcome of `year` as of `month`."""
    return _measure_state_for_update(measure, year, outcome_periods(measure, year, month))


def analysis_state_for_update(*, measure: Measure, period: FollowUpPeriod) -> ProgressState:
    """The state governing the measure's analysis in the period."""
    return _measure_state_for_update(measure, period.year, [period])


def target_is_decided(*, measure: Measure, year: int) -> bool:
    """Whether a follow-up of the year has been decided by a plan showing the measure: its target is then
    part of a decided record (changing it would change how that decision is judged)."""
    return PeriodProgress.objects.filter(
        plan_id__in=showing_plan_ids(measure, year), period__year=year, state=ProgressState.DECIDED
    ).exists()
