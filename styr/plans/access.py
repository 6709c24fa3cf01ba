"""Loading plans and their parts for the requesting user (404 when absent, login or 403 when not allowed)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from styr.organisation.access import can_read_plan
from styr.plans.models import Plan


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
