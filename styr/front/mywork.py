"""The start page "Mitt arbete": what a signed-in user has to fill in, follow up or read.

Reporters see their units' follow-ups of the newest year with deadline, state and how much is left;
controllers the units below them in the current period; readers (politicians) the overviews of the
committees they follow. All in a number of queries that does not grow with the units or plans.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from styr.followup.filling import UnitRow, unit_rows
from styr.followup.models import FollowUpPeriod, PeriodProgress, ProgressState
from styr.organisation.models import Membership, OrganisationUnit, Role
from styr.plans.models import Plan

CONTROLLING = (Role.CONTROLLER, Role.ADMINISTRATOR)


@dataclass
class FollowedUnit:
    """A controller's unit and the units below it in the period now being filled in."""

    unit: OrganisationUnit
    plan: Plan | None  # the unit's own plan of the year, for the link to "who is done"
    period: FollowUpPeriod
    rows: list[UnitRow]

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.state != ProgressState.OPEN)

    @property
    def late(self) -> list[UnitRow]:
        return [row for row in self.rows if row.late]


@dataclass
class MyWork:
    to_fill: list[UnitRow] = field(default_factory=list)
    to_follow: list[FollowedUnit] = field(default_factory=list)
    overviews: list[Plan] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.to_fill or self.to_follow or self.overviews)


class _Tree:
    """The units of the user's municipalities, read once, to find the units below a unit."""

    def __init__(self, municipality_ids: set[int]):
        self.children: dict[int | None, list[int]] = {}
        for unit_id, parent_id in OrganisationUnit.objects.filter(municipality_id__in=municipality_ids).values_list("id", "parent_id"):
            self.children.setdefault(parent_id, []).append(unit_id)

    def subtree(self, unit_id: int) -> set[int]:
        found, stack = set(), [unit_id]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(self.children.get(current, []))
        return found


def _current_period(periods: list[FollowUpPeriod], plans: list[Plan], states: dict) -> FollowUpPeriod:
    """The first period of the year that some unit has not yet had approved; else the year's last."""
    for period in periods:
        if any(states.get((plan.pk, period.pk), ProgressState.OPEN) in (ProgressState.OPEN, ProgressState.READY)
               for plan in plans):
            return period
    return periods[-1]


def my_work(user: User, *, today: datetime.date) -> MyWork:
    memberships = list(Membership.objects.filter(user=user).select_related("unit__municipality"))
    work = MyWork()
    if not memberships:
        return work
    tree = _Tree({membership.unit.municipality_id for membership in memberships})
    scopes = {membership.pk: tree.subtree(membership.unit_id) for membership in memberships}
    unit_ids = set().union(*scopes.values())
    plans = list(Plan.objects.filter(unit_id__in=unit_ids).select_related("unit__municipality").order_by("unit__name", "-year"))
    newest: dict[int, int] = {}  # the newest year with plans, by municipality
    for plan in plans:
        newest[plan.unit.municipality_id] = max(plan.year, newest.get(plan.unit.municipality_id, 0))
    current = [plan for plan in plans if plan.year == newest[plan.unit.municipality_id]]
    periods = list(FollowUpPeriod.objects.filter(municipality_id__in=newest, year__in=set(newest.values()))
                   .prefetch_related("deadlines"))
    periods = [period for period in periods if newest.get(period.municipality_id) == period.year]

    def in_scope(roles) -> list[Plan]:
        ids = set().union(*(scopes[m.pk] for m in memberships if m.role in roles))
        return [plan for plan in current if plan.unit_id in ids]

    reporting = in_scope((Role.REPORTER,))
    for period in periods:
        plans_here = [plan for plan in reporting if plan.unit.municipality_id == period.municipality_id]
        if plans_here:
            work.to_fill.extend(unit_rows(plans_here, period, today=today))
    work.to_fill.sort(key=lambda row: (row.state != ProgressState.OPEN, row.deadline or datetime.date.max, row.plan.unit.name))

    controlling = in_scope(CONTROLLING)
    if controlling:
        states = {
            (row["plan_id"], row["period_id"]): row["state"]
            for row in PeriodProgress.objects.filter(plan__in=controlling, period__in=periods).values("plan_id", "period_id", "state")
        }
        tops = [m for m in memberships if m.role in CONTROLLING]
        tops = [m for m in tops if not any(m.unit_id in scopes[other.pk] and m.unit_id != other.unit_id for other in tops)]
        for membership in {m.unit_id: m for m in tops}.values():
            below = [plan for plan in controlling if plan.unit_id in scopes[membership.pk]]
            year_periods = [period for period in periods if period.municipality_id == membership.unit.municipality_id]
            if below and year_periods:
                period = _current_period(year_periods, below, states)
                own = next((plan for plan in below if plan.unit_id == membership.unit_id), None)
                work.to_follow.append(FollowedUnit(unit=membership.unit, plan=own, period=period,
                                                   rows=unit_rows(below, period, today=today)))

    reading = {m.unit_id for m in memberships if m.role == Role.READER}
    work.overviews = [plan for plan in plans if plan.unit_id in reading]
    return work
