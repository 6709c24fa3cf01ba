"""The politicians' overview of a committee and year: charts with their data as tables."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.followup.dashboard import dashboard, dashboard_charts
from styr.front.views import _period_for
from styr.organisation.models import vocabulary
from styr.plans.access import get_plan_for_user, login_redirect


@login_redirect
def committee_dashboard(request, municipality: str, unit: str, year: int):
    plan = get_plan_for_user(request, municipality, unit, year)
    period, periods = _period_for(request, plan)
    dash = dashboard(plan, period)
    words = vocabulary(plan.unit.municipality)
    context = {
        "plan": plan, "period": period, "periods": periods, "dash": dash, "words": words,
        "charts": dashboard_charts(dash, words),
        "breadcrumbs": [
            (plan.unit.municipality.short_name, ""),
            (f"{plan.unit.name} {plan.year}", reverse("overview", args=[municipality, unit, year])),
            (_("Overview for politicians"), ""),
        ],
    }
    return render(request, "front/dashboard.html", context)
