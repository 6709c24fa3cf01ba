"""Starting next year from this year: a plan copied to year + 1, in one recorded transaction.

What is carried: the council goal choices with their reasons, every goal with its texts, every measure
link (the same Measure objects, so the new year shows the earlier years' outcomes of the same series),
and the commitments and activities the caller chose (the review page offers the open ones). Targets are
per year and are set for the new year; a goal's link to a committee goal is carried where the committee's
plan of the new year has a goal of the same slug, and every other link is left to be set again.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from styr.history.models import ChangeSource
from styr.plans.models import Activity, Commitment, Goal, GoalMeasure, Plan, PlanStatus
from styr.plans.services import WriteRefused, locked_plan, save_recorded


def next_year_goal(goal: Goal | None, year: int) -> Goal | None:
    """The goal of the same slug in its unit's plan of `year` (None where there is none)."""
    if goal is None:
        return None
    return Goal.objects.filter(plan__unit_id=goal.plan.unit_id, plan__year=year, slug=goal.slug).first()


@dataclass
class Preview:
    """What starting the next year would carry, for the review page."""

    plan: Plan
    year: int
    existing: Plan | None
    goals: list[Goal]
    links: list[GoalMeasure]
    parents: dict[int, Goal | None] = field(default_factory=dict)  # goal pk → the parent carried (None: to be set)

    @property
    def measures(self) -> list:
        return list(dict.fromkeys(link.measure for link in self.links))


def preview(plan: Plan) -> Preview:
    year = plan.year + 1
    goals = list(plan.goals.select_related("council_goal", "parent__plan__unit"))
    links = list(GoalMeasure.objects.filter(goal__plan=plan).select_related("measure__unit", "goal"))
    return Preview(
        plan=plan, year=year, existing=Plan.objects.filter(unit_id=plan.unit_id, year=year).first(),
        goals=goals, links=links,
        parents={goal.pk: next_year_goal(goal.parent, year) for goal in goals if goal.parent_id},
    )


@transaction.atomic
def rollover(
    *, user: User | None, plan: Plan, commitments: Iterable[Commitment], activities: Iterable[Activity],
    source: ChangeSource = ChangeSource.PAGE,
) -> Plan:
    """The plan of the next year, a draft started from `plan` with the chosen commitments and activities."""
    plan = locked_plan(user=user, plan=plan)
    year = plan.year + 1
    if Plan.objects.filter(unit_id=plan.unit_id, year=year).exists():
        raise WriteRefused(_("%(unit)s already has a plan for %(year)s.") % {"unit": plan.unit, "year": year})
    chosen_commitments, chosen_activities = list(commitments), list(activities)
    if any(item.plan_id != plan.pk for item in chosen_commitments) or any(
            item.plan_id != plan.pk for item in chosen_activities):
        raise WriteRefused(_("Only the plan's own commitments and activities can be carried."))

    def copy(instance, values: dict):
        return save_recorded(user=user, instance=instance, values=values, source=source)

    new = copy(Plan(unit=plan.unit, year=year, status=PlanStatus.DRAFT), {"copied_from": plan})
    for choice in plan.council_goal_choices.all():
        copy(type(choice)(plan=new, council_goal_id=choice.council_goal_id), {
            "included": choice.included, "exclusion_reason": choice.exclusion_reason})
    goals: dict[int, Goal] = {}
    for goal in plan.goals.select_related("parent__plan"):
        goals[goal.pk] = copy(Goal(plan=new, slug=goal.slug, order=goal.order), {
            "council_goal": goal.council_goal, "name": goal.name, "parent": next_year_goal(goal.parent, year),
            "interpretation": goal.interpretation, "priorities": goal.priorities, "core_mission": goal.core_mission})
    for link in GoalMeasure.objects.filter(goal__plan=plan):
        copy(GoalMeasure(goal=goals[link.goal_id], measure_id=link.measure_id, order=link.order), {})

    def carried_goal(goal: Goal | None) -> Goal | None:
        if goal is None:
            return None
        return goals.get(goal.pk) or next_year_goal(goal, year)

    carried: dict[int, Commitment] = {}
    for commitment in sorted(chosen_commitments, key=lambda item: (item.order, item.pk)):
        carried[commitment.pk] = copy(Commitment(plan=new, order=commitment.order), {
            "goal": goals[commitment.goal_id], "name": commitment.name, "description": commitment.description,
            "also_under": carried_goal(commitment.also_under)})
    for activity in sorted(chosen_activities, key=lambda item: (item.order, item.pk)):
        copy(Activity(plan=new, order=activity.order), {
            "goal": goals[activity.goal_id], "commitment": carried.get(activity.commitment_id or 0),
            "name": activity.name, "description": activity.description,
            "also_under": carried_goal(activity.also_under)})
    return new
