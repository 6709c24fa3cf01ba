"""The read model of a plan in one follow-up period: the goal tree with everything shown of it.

Council goals, committee goals and their assessments, each goal's measure results, and the
commitments and activities with their statuses in the period. The pages, the documents and the
API read this; it loads everything in a fixed number of queries, whatever the size of the plan.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q

from styr.followup.models import (
    ActivityReport,
    AssessmentLevel,
    CommitmentReport,
    CouncilGoalAssessment,
    FollowUpPeriod,
    GoalAssessment,
    MeasureTableLayout,
    PeriodReport,
)
from styr.followup.results import MeasureResult, TargetCounts, measure_results
from styr.followup.rules import suggested_combined_level
from styr.organisation.models import Vocabulary, vocabulary
from styr.plans.models import Activity, Commitment, CouncilGoalChoice, Goal, GoalMeasure, Plan

NOT_ASSESSED = "ej-bedomd"  # the filter's key for goals not yet assessed in the period


@dataclass
class StatusNode:
    """A commitment or an activity with its status report in the period (None when not reported)."""

    item: Commitment | Activity
    report: CommitmentReport | ActivityReport | None
    activities: list["StatusNode"] = field(default_factory=list)  # a commitment's activities


@dataclass
class GoalNode:
    goal: Goal
    assessment: GoalAssessment | None
    results: list[MeasureResult] = field(default_factory=list)
    # Under the goal, or also shown under it; or the commitment of an activity under the goal, with only
    # such activities (an activity may sit under another goal than its commitment).
    commitments: list[StatusNode] = field(default_factory=list)
    activities: list[StatusNode] = field(default_factory=list)  # directly under the goal, or also shown under it

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
    commitments: list[StatusNode] = field(default_factory=list)  # all of the plan's, each with its activities
    activities: list[StatusNode] = field(default_factory=list)  # all of the plan's
    layout: MeasureTableLayout = field(default_factory=MeasureTableLayout)  # the municipality's measure table columns

    @cached_property
    def counts(self) -> TargetCounts:
        return TargetCounts.of(result for node in self.goal_nodes for result in node.results)

    @property
    def goal_nodes(self) -> list[GoalNode]:
        return [goal for node in self.council_goals for goal in node.goals]

    @property
    def assessment_levels(self) -> list[AssessmentLevel]:
        """The levels the committee goals are assessed at in the period, best first (what a list filters by)."""
        levels = {node.assessment.level.key: node.assessment.level for node in self.goal_nodes
                  if node.assessment and node.assessment.level}
        return sorted(levels.values(), key=lambda level: level.order)

    def assessed_at(self, key: str) -> list[tuple[CouncilGoalNode, list[GoalNode]]]:
        """Each council goal with its committee goals assessed at the level `key` (NOT_ASSESSED: none yet);
        council goals with none of them are left out. An empty key keeps every goal."""
        def wanted(node: GoalNode) -> bool:
            level = node.assessment.level if node.assessment else None
            return not key or (level.key if level else NOT_ASSESSED) == key

        shown = [(node, [goal for goal in node.goals if wanted(goal)]) for node in self.council_goals]
        return [(node, goals) for node, goals in shown if goals or not key]


def _goal_results(
    goals: list[Goal], *, year: int, period: FollowUpPeriod | None, words: Vocabulary
) -> dict[int, list[MeasureResult]]:
    """Each goal's measure results in the plan's order."""
    links = list(
        GoalMeasure.objects.filter(goal__in=goals).select_related("measure").order_by("goal_id", "order", "pk")
    )
    results = measure_results({link.measure for link in links}, year=year, period=period, words=words)
    by_goal: dict[int, list[MeasureResult]] = defaultdict(list)
    for link in links:
        by_goal[link.goal_id].append(results[link.measure_id])
    return by_goal


def _status_nodes(
    plan: Plan, period: FollowUpPeriod | None, goals: list[Goal] | None = None
) -> tuple[list[StatusNode], list[StatusNode]]:
    """The plan's commitments and activities (only those under the goals, if given) with their reports."""
    commitments = Commitment.objects.filter(plan=plan)
    activities = Activity.objects.filter(plan=plan)
    if goals is not None:
        under = Q(goal__in=goals) | Q(also_under__in=goals)
        commitments = commitments.filter(
            under | Q(activities__goal__in=goals) | Q(activities__also_under__in=goals)).distinct()
        activities = activities.filter(under | Q(commitment__in=commitments))
    commitment_reports, activity_reports = {}, {}
    if period is not None:
        commitment_reports = {
            report.commitment_id: report
            for report in CommitmentReport.objects.filter(commitment__in=commitments, period=period)
            .select_related("status")
        }
        activity_reports = {
            report.activity_id: report
            for report in ActivityReport.objects.filter(activity__in=activities, period=period).select_related("status")
        }
    activity_nodes = [StatusNode(activity, activity_reports.get(activity.pk)) for activity in activities]
    commitment_nodes = [
        StatusNode(commitment, commitment_reports.get(commitment.pk),
                   [node for node in activity_nodes if getattr(node.item, "commitment_id", None) == commitment.pk])
        for commitment in commitments
    ]
    return commitment_nodes, activity_nodes


def _shown_under(goal: Goal, node: StatusNode) -> bool:
    return goal.pk in (node.item.goal_id, node.item.also_under_id)


def _commitments_under(goal: Goal, commitments: list[StatusNode]) -> list[StatusNode]:
    """The goal's commitments with all their activities, and the commitments of the goal's other activities."""
    shown = []
    for node in commitments:
        if _shown_under(goal, node):
            shown.append(node)
            continue
        own = [activity for activity in node.activities if _shown_under(goal, activity)]
        if own:
            shown.append(StatusNode(node.item, node.report, own))
    return shown


def _goal_nodes(
    plan: Plan, goals: list[Goal], period: FollowUpPeriod | None,
    commitments: list[StatusNode], activities: list[StatusNode],
) -> list[GoalNode]:
    results = _goal_results(goals, year=plan.year, period=period, words=vocabulary(plan.unit.municipality_id))
    assessments = {}
    if period is not None:
        assessments = {
            item.goal_id: item
            for item in GoalAssessment.objects.filter(goal__in=goals, period=period).select_related("level", "upper_level")
        }
    return [
        GoalNode(
            goal=goal, assessment=assessments.get(goal.pk), results=results.get(goal.pk, []),
            commitments=_commitments_under(goal, commitments),
            activities=[node for node in activities if getattr(node.item, "commitment_id", None) is None and _shown_under(goal, node)],
        )
        for goal in goals
    ]


def goal_nodes(plan: Plan, goals: list[Goal], period: FollowUpPeriod | None) -> list[GoalNode]:
    """Some of the plan's goals, each as in the tree (a goal page reads one)."""
    return _goal_nodes(plan, goals, period, *_status_nodes(plan, period, goals))


def build_tree(plan: Plan, period: FollowUpPeriod | None) -> PlanTree:
    choices = list(plan.council_goal_choices.select_related("council_goal__group"))
    goals = list(plan.goals.select_related("council_goal").filter(parent__isnull=True))
    commitments, activities = _status_nodes(plan, period)
    nodes = _goal_nodes(plan, goals, period, commitments, activities)
    council_assessments, report = {}, None
    if period is not None:
        council_assessments = {
            item.choice_id: item
            for item in CouncilGoalAssessment.objects.filter(choice__plan=plan, period=period).select_related(
                "level", "upper_level"
            )
        }
        report = PeriodReport.objects.filter(plan=plan, period=period).select_related("level", "upper_level").first()
    levels_by_order = {level.order: level for level in AssessmentLevel.objects.filter(scale__municipality_id=plan.unit.municipality_id)}
    goals_by_council_goal: dict[int, list[GoalNode]] = defaultdict(list)
    for node in nodes:
        goals_by_council_goal[node.goal.council_goal_id].append(node)
    council_goals = []
    for choice in choices:
        under = goals_by_council_goal.get(choice.council_goal_id, [])
        orders = [
            node.assessment.level.order for node in under
            if node.assessment and node.assessment.level and node.assessment.level.is_evaluable
        ]
        suggested = suggested_combined_level(orders)
        council_goals.append(
            CouncilGoalNode(choice=choice, assessment=council_assessments.get(choice.pk), goals=under,
                            suggested_level=levels_by_order.get(suggested) if suggested else None)
        )
    return PlanTree(plan=plan, period=period, council_goals=council_goals, report=report,
                    commitments=commitments, activities=activities,
                    layout=MeasureTableLayout.of(plan.unit.municipality_id))
