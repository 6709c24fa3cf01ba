"""Who may read a plan, and loading plans for the requesting user (404 when absent, login or 403 when not allowed)."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from styr.organisation.models import Membership, OrganisationUnit
from styr.organisation.permissions import PUBLIC, Action, Relation, State, Subject, allowed, allowed_by_role
from styr.plans.models import Plan, PlanStatus


def plan_state(plan: Plan) -> State:
    return State.PUBLISHED if plan.is_published else State.DRAFT


def can_read_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    """Published plans are public where the municipality publishes without login; all else needs a role."""
    return allowed(
        user, subject=Subject.PLAN, action=Action.VIEW, unit=plan.unit, state=plan_state(plan),
        published_without_login=plan.is_published and plan.unit.municipality.publish_without_login,
    )


def readable_plans(user: User | AnonymousUser, plans: Iterable[Plan]) -> list[Plan]:
    """The plans the user may read (their units and municipalities loaded), in their order."""
    plans = list(plans)
    readable = readable_plan_ids(user, plans)
    return [plan for plan in plans if plan.pk in readable]


class LoginRequired(Exception):
    """Raised where an anonymous visitor must log in first; turned into a redirect by `login_redirect`."""


def get_plan_for_user(request: HttpRequest, municipality: str, unit: str, year: int) -> Plan:
    plan = (
        Plan.objects.select_related("unit__municipality", "unit__parent")
        .filter(unit__municipality__slug=municipality, unit__slug=unit, year=year)
        .first()
    )
    if plan is None:
        raise Http404("No such plan")
    if not can_read_plan(request.user, plan):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied
    return plan


def login_redirect(view):
    """Send anonymous visitors to the login page when a view raises LoginRequired."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LoginRequired:
            return redirect_to_login(request.get_full_path())

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def readable_plan_ids(user: User | AnonymousUser, plans: Iterable[Plan]) -> set[int]:
    """The ids of the plans the user may read (their units and municipalities loaded), in at most two
    queries however many plans and units.

    The same table as `can_read_plan`, asked per role and relation instead of per unit: a role held at
    the plan's unit or above it is OWN, one held only below it is BELOW.
    """
    rows = [(plan.pk, plan.unit_id, plan.status, plan.unit.municipality_id, plan.unit.municipality.publish_without_login)
            for plan in plans]
    if user.is_authenticated and user.is_superuser:
        return {row[0] for row in rows}
    held: list[tuple[int, str]] = []
    parents: dict[int, int | None] = {}
    if user.is_authenticated:
        held = list(Membership.objects.filter(user=user).values_list("unit_id", "role"))
        if held:
            municipalities = {row[3] for row in rows}
            parents = dict(OrganisationUnit.objects.filter(municipality_id__in=municipalities).values_list("id", "parent_id"))

    def chain(unit_id: int) -> list[int]:  # the unit and every unit above it
        found: list[int] = []
        current: int | None = unit_id
        while current is not None and current not in found:
            found.append(current)
            current = parents.get(current)
        return found

    above_held = {unit_id: set(chain(unit_id)) for unit_id, _role in held}

    def relations_at(unit_id: int) -> set[tuple[str, Relation]]:
        above = set(chain(unit_id))
        found = set()
        for held_unit, role in held:
            if held_unit in above:
                found.add((role, Relation.OWN))
            elif held_unit in parents and unit_id in above_held[held_unit]:
                found.add((role, Relation.BELOW))
        return found

    table: dict[tuple[str, Relation, State], bool] = {}  # the table's answers, asked once each

    def ask(role: str, relation: Relation, state: State) -> bool:
        if (role, relation, state) not in table:
            table[role, relation, state] = allowed_by_role(role, relation, subject=Subject.PLAN, action=Action.VIEW, state=state)
        return table[role, relation, state]

    answers: dict[tuple[int, str, bool], bool] = {}
    readable = set()
    for pk, unit_id, status, _municipality, public in rows:
        key = (unit_id, status, public)
        if key not in answers:
            state = State.PUBLISHED if status == PlanStatus.PUBLISHED else State.DRAFT
            answers[key] = (
                ask(PUBLIC, Relation.ANYONE, state) or (public and ask(PUBLIC, Relation.PUBLIC, state))
                or any(ask(role, relation, state) for role, relation in relations_at(unit_id))
            )
        if answers[key]:
            readable.add(pk)
    return readable
