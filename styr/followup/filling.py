"""What units have filled in of a period: the one read model behind the form's items, its progress
("12 av 24 ifyllda"), the list of what is empty before "ready", the read-only view and the start page.

`PeriodRecords(plans, period)` reads the saved follow-up of any number of plans in a fixed number of
queries. The parts counted are what a unit reports: its measures, commitments and activities.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Model

from styr.followup.models import (
    ActivityReport,
    CommitmentReport,
    FollowUpPeriod,
    MeasureAnalysis,
    MeasureOutcome,
    PeriodProgress,
    ProgressState,
)
from styr.plans.models import Activity, Commitment, Goal, GoalMeasure, Measure, Plan


@dataclass(frozen=True)
class Part:
    """One thing to fill in; `key` is its item's key on the follow-up form, e.g. "measure-12"."""

    key: str
    title: str
    goal: Goal
    filled: bool
    measure: Measure | None = None
    outcome: MeasureOutcome | None = None
    record: Model | None = None  # the analysis or the status report


@dataclass(frozen=True)
class Progress:
    parts: tuple[Part, ...]

    @property
    def filled(self) -> int:
        return sum(1 for part in self.parts if part.filled)

    @property
    def total(self) -> int:
        return len(self.parts)

    @property
    def empty(self) -> list[Part]:
        return [part for part in self.parts if not part.filled]

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.total) if self.total else 100


def measure_filled(outcome: MeasureOutcome | None, analysis: MeasureAnalysis | None, *, takes_outcomes: bool) -> bool:
    """A measure is filled in when it has its value (where the period takes outcomes) and an analysis."""
    has_value = not takes_outcomes or (outcome is not None and outcome.total is not None)
    return has_value and analysis is not None and bool(analysis.analysis.strip())


def status_filled(report: CommitmentReport | ActivityReport | None) -> bool:
    return report is not None and report.status_id is not None


class PeriodRecords:
    """The saved follow-up of `plans` in `period`, loaded in seven queries whatever the number of plans."""

    def __init__(self, plans: list[Plan], period: FollowUpPeriod):
        self.period = period
        plan_ids = [plan.pk for plan in plans]
        links = GoalMeasure.objects.filter(goal__plan_id__in=plan_ids).select_related("measure", "goal__council_goal")
        # Grouped by goal in the plan's order, then the measure's place under its goal.
        links = links.order_by("goal__council_goal__order", "goal__order", "goal__pk", "order", "pk")
        self.links: dict[int, dict[int, GoalMeasure]] = {pk: {} for pk in plan_ids}
        for link in links:
            self.links[link.goal.plan_id].setdefault(link.measure_id, link)
        measure_ids = [measure_id for by_measure in self.links.values() for measure_id in by_measure]
        self.outcomes = {
            outcome.measure_id: outcome
            for outcome in MeasureOutcome.objects.filter(measure_id__in=measure_ids, year=period.year, month=period.as_of.month)
        }
        self.analyses = {
            analysis.measure_id: analysis for analysis in MeasureAnalysis.objects.filter(measure_id__in=measure_ids, period=period)
        }
        self.commitments: dict[int, list[Commitment]] = {pk: [] for pk in plan_ids}
        for commitment in Commitment.objects.filter(plan_id__in=plan_ids).select_related("goal__council_goal"):
            self.commitments[commitment.plan_id].append(commitment)
        self.commitment_reports = {
            report.commitment_id: report
            for report in CommitmentReport.objects.filter(commitment__plan_id__in=plan_ids, period=period).select_related("status")
        }
        self.activities: dict[int, list[Activity]] = {pk: [] for pk in plan_ids}
        for activity in Activity.objects.filter(plan_id__in=plan_ids).select_related("goal__council_goal"):
            self.activities[activity.plan_id].append(activity)
        self.activity_reports = {
            report.activity_id: report for report in ActivityReport.objects.filter(activity__plan_id__in=plan_ids, period=period).select_related("status")
        }

    def parts(self, plan: Plan) -> list[Part]:
        """The plan's parts by goal in the plan's order; under each goal measures, commitments, activities."""
        parts = []
        for measure_id, link in self.links[plan.pk].items():
            outcome, analysis = self.outcomes.get(measure_id), self.analyses.get(measure_id)
            parts.append(Part(
                key=f"measure-{measure_id}", title=link.measure.name, goal=link.goal, measure=link.measure, outcome=outcome, record=analysis,
                filled=measure_filled(outcome, analysis, takes_outcomes=self.period.takes_outcomes),
            ))
        for prefix, objects, reports in (("commitment", self.commitments, self.commitment_reports),
                                         ("activity", self.activities, self.activity_reports)):
            for obj in objects[plan.pk]:
                report = reports.get(obj.pk)
                parts.append(Part(key=f"{prefix}-{obj.pk}", title=obj.name, goal=obj.goal, record=report,
                                  filled=status_filled(report)))
        parts.sort(key=lambda part: (part.goal.council_goal.order, part.goal.order, part.goal.pk))
        return parts

    def progress(self, plan: Plan) -> Progress:
        return Progress(tuple(self.parts(plan)))


@dataclass(frozen=True)
class UnitRow:
    """A unit's plan in a period as a controller follows it: its state, deadline and how much is filled in."""

    plan: Plan
    period: FollowUpPeriod
    state: ProgressState
    progress: PeriodProgress | None
    deadline: datetime.date | None
    filling: Progress
    late: bool


def unit_rows(plans: list[Plan], period: FollowUpPeriod, *, today: datetime.date) -> list[UnitRow]:
    """One row per plan, in a fixed number of queries; `period` should have its deadlines prefetched."""
    saved = {row.plan_id: row for row in PeriodProgress.objects.filter(plan__in=plans, period=period).select_related("ready_by")}
    records = PeriodRecords(plans, period)
    rows = []
    for plan in plans:
        progress = saved.get(plan.pk)
        state = ProgressState(progress.state if progress else ProgressState.OPEN)
        deadline = period.deadline_for(plan.unit.kind)
        rows.append(UnitRow(plan=plan, period=period, state=state, progress=progress, deadline=deadline,
                            filling=records.progress(plan),
                            late=state == ProgressState.OPEN and deadline is not None and deadline < today))
    return rows
