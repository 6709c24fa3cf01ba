"""Everything one document needs, read from the database in a fixed number of queries."""

from dataclasses import dataclass, field

from styr.followup.models import (
    ActivityReport, CommitmentReport, CouncilGoalAssessment, FollowUpPeriod, GoalAssessment, PeriodReport,
)
from styr.followup.results import MeasureResult, measure_results
from styr.organisation.models import vocabulary
from styr.plans.models import Activity, Commitment, CouncilGoalChoice, Goal, GoalMeasure, Plan


@dataclass
class PlanData:
    plan: Plan
    period: FollowUpPeriod | None
    words: dict[str, str]
    choices: list[CouncilGoalChoice]
    goals: list[Goal]
    goal_measures: dict[int, list[GoalMeasure]] = field(default_factory=dict)
    results: dict[int, MeasureResult] = field(default_factory=dict)
    goal_assessments: dict[int, GoalAssessment] = field(default_factory=dict)
    council_assessments: dict[int, CouncilGoalAssessment] = field(default_factory=dict)
    report: PeriodReport | None = None
    commitments: list[Commitment] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    commitment_reports: dict[int, CommitmentReport] = field(default_factory=dict)
    activity_reports: dict[int, ActivityReport] = field(default_factory=dict)

    def goals_under(self, choice: CouncilGoalChoice) -> list[Goal]:
        return [goal for goal in self.goals if goal.council_goal_id == choice.council_goal_id]


def load_plan_data(plan: Plan, period: FollowUpPeriod | None) -> PlanData:
    municipality = plan.unit.municipality
    goals = list(plan.goals.filter(parent__isnull=True).select_related("council_goal"))
    data = PlanData(
        plan=plan, period=period, words=vocabulary(municipality),
        choices=list(plan.council_goal_choices.select_related("council_goal")),
        goals=goals,
    )
    links = GoalMeasure.objects.filter(goal__plan=plan, goal__parent__isnull=True).select_related("measure")
    measures = {}
    for link in links:
        data.goal_measures.setdefault(link.goal_id, []).append(link)
        measures[link.measure_id] = link.measure
    data.results = measure_results(measures.values(), year=plan.year, period=period)
    data.commitments = list(plan.commitments.all())
    data.activities = list(plan.activities.all())
    if period is not None:
        data.goal_assessments = {
            item.goal_id: item
            for item in GoalAssessment.objects.filter(goal__plan=plan, period=period).select_related("level", "upper_level")
        }
        data.council_assessments = {
            item.choice_id: item
            for item in CouncilGoalAssessment.objects.filter(choice__plan=plan, period=period).select_related(
                "level", "upper_level"
            )
        }
        data.report = (
            PeriodReport.objects.filter(plan=plan, period=period).select_related("level", "upper_level").first()
        )
        data.commitment_reports = {
            item.commitment_id: item
            for item in CommitmentReport.objects.filter(commitment__plan=plan, period=period).select_related("status")
        }
        data.activity_reports = {
            item.activity_id: item
            for item in ActivityReport.objects.filter(activity__plan=plan, period=period).select_related("status")
        }
    return data
