"""The objects the read answers serialise, each loaded in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from styr.followup.models import (
    ActivityReport,
    CommitmentReport,
    FollowUpPeriod,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
)
from styr.followup.services import progress_state
from styr.followup.tree import PlanTree, build_tree
from styr.plans.models import Commitment, CouncilGoalChoice, Goal, GoalMeasure, Measure, Plan


@dataclass
class CouncilGoalStructure:
    choice: CouncilGoalChoice
    goals: list[Goal] = field(default_factory=list)


@dataclass
class PlanStructure:
    plan: Plan
    periods: list[FollowUpPeriod]
    council_goals: list[CouncilGoalStructure]


def plan_structure(plan: Plan) -> PlanStructure:
    """The plan's council goals (included or not) with its goals, measures, commitments and activities."""
    goals = (
        plan.goals.select_related("council_goal")
        .prefetch_related(
            Prefetch("goal_measures", queryset=GoalMeasure.objects.select_related("measure")),
            Prefetch("commitments", queryset=Commitment.objects.prefetch_related("activities")),
            "activities",
        )
    )
    by_council_goal: dict[int, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_council_goal[goal.council_goal_id].append(goal)
    choices = plan.council_goal_choices.select_related("council_goal__group")
    periods = FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=plan.year)
    return PlanStructure(
        plan=plan, periods=list(periods),
        council_goals=[CouncilGoalStructure(choice, by_council_goal.get(choice.council_goal_id, [])) for choice in choices],
    )


@dataclass
class PlanFollowUp:
    """The plan's read model for a period (`styr.followup.tree`) with how far the unit has come."""

    tree: PlanTree
    state: str


def plan_followup(plan: Plan, period: FollowUpPeriod) -> PlanFollowUp:
    return PlanFollowUp(tree=build_tree(plan, period), state=progress_state(plan, period))


def measure_with_visible_history(measure: Measure, plans: list[Plan]) -> Measure:
    """Attach the targets of the readable plans' years and the outcomes up to the latest of them.

    A measure lives across years; a draft plan's targets must not show through a published one.
    """
    years = {plan.year for plan in plans}
    measure.visible_targets = list(measure.targets.filter(year__in=years))  # type: ignore[attr-defined]  # read by the serializer
    measure.visible_outcomes = list(measure.outcomes.filter(year__lte=max(years)))  # type: ignore[attr-defined]
    return measure


# Items that a write answers with: the saved one, or an unsaved blank with version 0.

def current_goal_assessment(goal: Goal, period: FollowUpPeriod) -> GoalAssessment:
    saved = GoalAssessment.objects.select_related("level", "upper_level").filter(goal=goal, period=period).first()
    return saved or GoalAssessment(goal=goal, period=period, version=0)


def current_status(model: type[CommitmentReport] | type[ActivityReport], lookup: dict, period: FollowUpPeriod):
    saved = model.objects.select_related("status").filter(**lookup, period=period).first()
    return saved or model(**lookup, period=period, version=0)


@dataclass
class MeasureReport:
    month: int
    values_editable: bool
    outcome: MeasureOutcome | None
    analysis: MeasureAnalysis


def current_measure_report(measure: Measure, period: FollowUpPeriod, *, values_editable: bool) -> MeasureReport:
    month = period.as_of.month
    outcome = MeasureOutcome.objects.filter(measure=measure, year=period.year, month=month).first()
    analysis = MeasureAnalysis.objects.filter(measure=measure, period=period).first()
    return MeasureReport(
        month=month, values_editable=values_editable, outcome=outcome,
        analysis=analysis or MeasureAnalysis(measure=measure, period=period, version=0),
    )
