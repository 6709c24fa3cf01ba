"""The analysis page of a plan's period: the findings per area, and the improvement areas drawn from them.

A finding chosen as the basis of an improvement area is posted as its place in the analysis ("area-index") and
its text is taken from the analysis on the server, never from the post."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.control import improvements
from styr.control.analysis import Area, analyse
from styr.control.forms import ImprovementForm
from styr.followup.services import amends
from styr.followup.views import _get_plan_and_period_for_user
from styr.organisation.access import can
from styr.organisation.permissions import Action, State, Subject


def _chosen(areas: list[Area], keys: list[str]) -> tuple[str, ...]:
    findings = {f"{number}-{index}": finding for number, area in enumerate(areas)
                for index, finding in enumerate(area.findings)}
    return tuple(findings[key] for key in keys if key in findings)


@login_required
def analysis(request, municipality: str, unit: str, year: int, period: str):
    plan, followup_period, state = _get_plan_and_period_for_user(request, municipality, unit, year, period)
    areas = analyse(plan, followup_period)
    amending = state == State.DECIDED
    may_write = amends(request.user, plan.unit, state) if amending else can(
        request.user, Action.EDIT, Subject.ASSESSMENT, plan.unit, state)
    form = ImprovementForm(request.POST if request.method == "POST" else None, goals=plan.goals.all(),
                           amending=amending)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                improvements.add_improvement_area(
                    user=request.user, plan=plan, period=followup_period, reason=data.get("amendment_reason", ""),
                    fields=improvements.ImprovementFields(title=data["title"], description=data["description"],
                                                          goal=data["goal"],
                                                          basis=_chosen(areas, request.POST.getlist("finding"))))
            except improvements.WriteRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved: %(item)s") % {"item": data["title"]})
                return redirect(request.path)
    args = [municipality, unit, year]
    context = {
        "plan": plan, "period": followup_period, "areas": areas, "form": form, "may_write": may_write,
        "breadcrumbs": [(plan.unit.municipality.short_name, ""),
                        (f"{plan.unit.name} {plan.year}", reverse("overview", args=args)),
                        (_("Internal control"), reverse("control:overview", args=args) + f"?period={period}"),
                        (_("Analysis: %(period)s") % {"period": followup_period.name}, "")],
    }
    return render(request, "control/analysis.html", context)
