"""The plan editor's read model: a plan's structure by council goal, in a constant number of queries.

The follow-up's tree (`styr.followup.tree`) reads a plan in a period with its results; the editor reads
what the plan holds, also the council goals it leaves out and the goals that have nothing under them yet.
"""

from dataclasses import dataclass, field

from styr.followup.models import ActivityReport, CommitmentReport
from styr.followup.results import target_label
from styr.organisation.models import Vocabulary, vocabulary
from styr.plans.models import Activity, Commitment, CouncilGoalChoice, Goal, GoalMeasure, Plan, Target


@dataclass
class CommitmentOutline:
    commitment: Commitment
    activities: list[Activity] = field(default_factory=list)


@dataclass
class LinkOutline:
    link: GoalMeasure
    target: Target | None
    words: Vocabulary

    @property
    def label(self) -> str:
        return target_label(self.target, self.link.measure.unit_of_measure, self.words) if self.target else ""


@dataclass
class GoalOutline:
    goal: Goal
    links: list[LinkOutline] = field(default_factory=list)
    commitments: list[CommitmentOutline] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)  # directly under the goal


@dataclass
class CouncilGoalOutline:
    choice: CouncilGoalChoice
    goals: list[GoalOutline] = field(default_factory=list)


def outline(plan: Plan) -> list[CouncilGoalOutline]:
    choices = list(plan.council_goal_choices.select_related("council_goal"))
    goals = {goal.pk: GoalOutline(goal) for goal in plan.goals.select_related("parent__plan__unit")}
    links = list(GoalMeasure.objects.filter(goal__plan=plan).select_related("measure__unit"))
    targets = {target.measure_id: target for target in
               Target.objects.filter(year=plan.year, measure__in={link.measure_id for link in links})}
    words = vocabulary(plan.unit.municipality_id)
    for link in links:
        goals[link.goal_id].links.append(LinkOutline(link, targets.get(link.measure_id), words))
    commitments = {}
    for commitment in plan.commitments.select_related("also_under__plan__unit"):
        commitments[commitment.pk] = CommitmentOutline(commitment)
        goals[commitment.goal_id].commitments.append(commitments[commitment.pk])
    for activity in plan.activities.select_related("also_under__plan__unit"):
        if activity.commitment_id:
            commitments[activity.commitment_id].activities.append(activity)
        else:
            goals[activity.goal_id].activities.append(activity)
    by_council_goal = {choice.council_goal_id: CouncilGoalOutline(choice) for choice in choices}
    for node in goals.values():
        if node.goal.council_goal_id in by_council_goal:
            by_council_goal[node.goal.council_goal_id].goals.append(node)
    return list(by_council_goal.values())


def done_items(plan: Plan) -> tuple[set[int], set[int]]:
    """The commitments and activities whose latest reported status means done (closed), as two id sets.

    A period where nothing was reported does not reopen what an earlier one reported done."""

    def closed(reports, key: str) -> set[int]:
        latest: dict[int, bool] = {}
        for report in reports.filter(status__isnull=False).order_by("period__as_of", "pk"):
            latest[getattr(report, key)] = bool(report.status and report.status.is_done)
        return {pk for pk, done in latest.items() if done}

    return (
        closed(CommitmentReport.objects.filter(commitment__plan=plan).select_related("status"), "commitment_id"),
        closed(ActivityReport.objects.filter(activity__plan=plan).select_related("status"), "activity_id"),
    )
