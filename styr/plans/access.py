"""Who may read a plan, and loading plans for the requesting user (404 when absent, login or 403 when not allowed)."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from styr.organisation.permissions import Action, State, Subject, allowed, memberships_read_once, unit_filter
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
    """The plans the user may read; the table is asked once per unit and plan status, the memberships read once."""
    answers: dict[tuple[int, str], bool] = {}
    readable = []
    with memberships_read_once():
        for plan in plans:
            key = (plan.unit_id, plan.status)
            if key not in answers:
                answers[key] = can_read_plan(user, plan)
            if answers[key]:
                readable.append(plan)
    return readable


def readable_plan_filter(user: User | AnonymousUser, prefix: str = "") -> Q:
    """The plans the user may read as one filter on Plan (`prefix` "plan__" on a model with a plan): the
    same answer as `can_read_plan`, for lists that are paged in the database."""
    def of(status: str, state: State) -> Q:
        units = unit_filter(user, subject=Subject.PLAN, action=Action.VIEW, state=state, prefix=f"{prefix}unit__")
        return Q(**{f"{prefix}status": status}) & units

    return of(PlanStatus.PUBLISHED, State.PUBLISHED) | of(PlanStatus.DRAFT, State.DRAFT)


def readable_plans_query(user: User | AnonymousUser):
    return Plan.objects.filter(readable_plan_filter(user))


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

