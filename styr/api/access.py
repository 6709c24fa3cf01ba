"""Loading objects for an API request; every yes or no comes from the permission table (via the access modules).

Absent objects are 404; objects the visitor may not see are 401 for anonymous visitors (sign in
and try again) and 403 for signed-in users, as the web pages answer with a login page or 403.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied

from styr.followup.models import FollowUpPeriod
from styr.followup.services import amends, progress_state
from styr.organisation.access import can
from styr.organisation.models import Municipality, OrganisationUnit
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import can_read_plan, readable_plans_query
from styr.plans.models import Measure, Plan


def refuse(user: User | AnonymousUser) -> Exception:
    return PermissionDenied() if user.is_authenticated else NotAuthenticated()


def visible_municipalities(user: User | AnonymousUser) -> QuerySet[Municipality]:
    """Municipalities with at least one plan the user may read: there is nothing else to show of them."""
    plans = readable_plans_query(user).values("unit__municipality_id")
    return Municipality.objects.filter(pk__in=plans).order_by("name", "pk")


def get_municipality(user: User | AnonymousUser, slug: str) -> Municipality:
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise NotFound()
    if not readable_plans_query(user).filter(unit__municipality=municipality).exists():
        raise refuse(user)
    return municipality


def readable_unit_plans(user: User | AnonymousUser, unit: OrganisationUnit) -> QuerySet[Plan]:
    """The unit's plans that the user may read, newest year first."""
    return readable_plans_query(user).filter(unit=unit).select_related("unit__municipality").order_by("-year")


def get_unit(user: User | AnonymousUser, unit_id: int) -> OrganisationUnit:
    unit = OrganisationUnit.objects.select_related("municipality").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound()
    get_municipality(user, unit.municipality.slug)
    return unit


def get_plan(user: User | AnonymousUser, plan_id: int) -> Plan:
    plan = Plan.objects.select_related("unit__municipality", "unit__parent").filter(pk=plan_id).first()
    if plan is None:
        raise NotFound()
    if not can_read_plan(user, plan):
        raise refuse(user)
    return plan


def get_period(plan: Plan, period_id: int) -> FollowUpPeriod:
    """A follow-up period of the plan's municipality and year."""
    period = FollowUpPeriod.objects.filter(
        pk=period_id, municipality_id=plan.unit.municipality_id, year=plan.year
    ).first()
    if period is None:
        raise NotFound()
    return period


def get_measure(user: User | AnonymousUser, measure_id: int) -> tuple[Measure, list[Plan]]:
    """A measure with the plans through which the user may read it (a measure is read through its plans)."""
    measure = Measure.objects.select_related("unit__municipality").filter(pk=measure_id).first()
    if measure is None:
        raise NotFound()
    readable = list(readable_plans_query(user).filter(goals__goal_measures__measure=measure)
                    .select_related("unit__municipality").distinct())
    if not readable:
        raise refuse(user)
    return measure, readable


def followup_state(plan: Plan, period: FollowUpPeriod) -> State:
    """How far the unit has come with the period: open, ready, approved or decided (locked)."""
    return State(progress_state(plan, period))


def require_edit(user: User | AnonymousUser, subject: Subject, plan: Plan, period: FollowUpPeriod) -> bool:
    """Refuse unless the table lets the user edit `subject` now; True when the edit is an amendment.

    A decided period is locked: only those the table lets amend may change it, each change with a
    reason (as in the web editor).
    """
    state = followup_state(plan, period)
    if amends(user, plan.unit, state):
        return True
    if not can(user, Action.EDIT, subject, plan.unit, state):
        raise refuse(user)
    return False
