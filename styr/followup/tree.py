"""A plan's goal tree for one follow-up period: council goals, committee goals, assessments, results.

Pages and documents read this; it loads everything in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from styr.followup.models import (
    AssessmentLevel,
    CouncilGoalAssessment,
    FollowUpPeriod,
    GoalAssessment,
    PeriodReport,
)
from styr.followup.results import MeasureResult, TargetCounts, measure_results
from styr.followup.rules import suggested_combined_level
from styr.plans.models import CouncilGoalChoice, Goal, GoalMeasure, Plan


@dataclass
class GoalNode:
    goal: Goal
    assessment: GoalAssessment | None
    results: list[MeasureResult] = field(default_factory=list)
    unit_goals: list[Goal] = field(default_factory=list)

    @cached_property
    def counts(self) -> TargetCounts:
        return TargetCounts.of(self.results)


@dataclass
class CouncilGoalNode:
    choice: CouncilGoalChoice
    assessment: CouncilGoalAssessment | None
    goals: list[GoalNode] = field(default_factory=list)
    suggested_level: AssessmentLevel | None = None

    @cached_property
    def counts(self) -> TargetCounts:
        return TargetCounts.of(result for node in self.goals for result in node.results)


@dataclass
class PlanTree:
    plan: Plan
    period: FollowUpPeriod | None
    council_goals: list[CouncilGoalNode]
    report: PeriodReport | None

    @cached_property
    def counts(self) -> TargetCounts:
        return TargetCounts.of(result for node in self.goal_nodes for result in node.results)

    @property
    def goal_nodes(self) -> list[GoalNode]:
        return [goal for node in self.council_goals for goal in node.goals]


def goal_results(goals: list[Goal], *, year: int, period: FollowUpPeriod | None) -> dict[int, list[MeasureResult]]:
    """Each goal's measure results in the plan's order."""
    links = list(
        GoalMeasure.objects.filter(goal__in=goals).select_related("measure").order_by("goal_id", "order", "pk")
    )
    results = measure_results({link.measure for link in links}, year=year, period=period)
    by_goal: dict[int, list[MeasureResult]] = defaultdict(list)
    for link in links:
        by_goal[link.goal_id].append(results[link.measure_id])
    return by_goal


def build_tree(plan: Plan, period: FollowUpPeriod | None) -> PlanTree:
    choices = list(plan.council_goal_choices.select_related("council_goal"))
    goals = list(plan.goals.select_related("council_goal").filter(parent__isnull=True))
    unit_goals: dict[int, list[Goal]] = defaultdict(list)
    for unit_goal in Goal.objects.filter(parent__in=goals).select_related("plan__unit"):
        unit_goals[unit_goal.parent_id].append(unit_goal)
    results = goal_results(goals, year=plan.year, period=period)
    goal_assessments, council_assessments, report = {}, {}, None
    if period is not None:
        goal_assessments = {
            item.goal_id: item
            for item in GoalAssessment.objects.filter(goal__in=goals, period=period).select_related("level", "upper_level")
        }
        council_assessments = {
            item.choice_id: item
            for item in CouncilGoalAssessment.objects.filter(choice__plan=plan, period=period).select_related(
                "level", "upper_level"
            )
        }
        report = PeriodReport.objects.filter(plan=plan, period=period).select_related("level", "upper_level").first()
    levels_by_order = {level.order: level for level in AssessmentLevel.objects.filter(scale__municipality_id=plan.unit.municipality_id)}
    goals_by_council_goal: dict[int, list[GoalNode]] = defaultdict(list)
    for goal in goals:
        goals_by_council_goal[goal.council_goal_id].append(
            GoalNode(goal=goal, assessment=goal_assessments.get(goal.pk), results=results.get(goal.pk, []),
                     unit_goals=unit_goals.get(goal.pk, []))
        )
    nodes = []
    for choice in choices:
        goal_nodes = goals_by_council_goal.get(choice.council_goal_id, [])
        orders = [
            node.assessment.level.order for node in goal_nodes
            if node.assessment and node.assessment.level and node.assessment.level.is_evaluable
        ]
        suggested = suggested_combined_level(orders)
        nodes.append(
            CouncilGoalNode(choice=choice, assessment=council_assessments.get(choice.pk), goals=goal_nodes,
                            suggested_level=levels_by_order.get(suggested) if suggested else None)
        )
    return PlanTree(plan=plan, period=period, council_goals=nodes, report=report)
