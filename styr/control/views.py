"""The committee's internal control: the reading page (public where the municipality publishes) and the
follow-up editing of statuses, results and texts per period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.control.editing import ControlEditor
from styr.control.models import AuditActionReport, RiskActionReport
from styr.control.reading import read_control
from styr.followup.models import FollowUpPeriod, ProgressState
from styr.followup.spreadsheets.forms import WorkbookUploadForm
from styr.followup.views import _get_plan_and_period_for_user
from styr.organisation.access import can, can_edit_followup
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user, login_redirect
from styr.plans.models import Plan


def _period_for(request, plan: Plan) -> tuple[FollowUpPeriod | None, list[FollowUpPeriod]]:
    """The period asked for (?period=slug), else the year's latest period with a status reported."""
    periods = list(FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=plan.year))
    wanted = request.GET.get("period")
    if wanted:
        chosen = next((period for period in periods if period.slug == wanted), None)
        if chosen is None:
            raise Http404("No such period")
        return chosen, periods
    reported = set(RiskActionReport.objects.filter(action__risk__plan=plan).values_list("period_id", flat=True))
    reported |= set(AuditActionReport.objects.filter(action__review__plan=plan).values_list("period_id", flat=True))
    with_data = [period for period in periods if period.pk in reported] or periods
    return (with_data[-1] if with_data else None), periods


def _overview_crumbs(plan: Plan) -> list[tuple[str, str]]:
    return [
        (plan.unit.municipality.short_name, ""),
        (f"{plan.unit.name} {plan.year}", reverse("overview", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year])),
    ]


@login_redirect
def control_overview(request, municipality: str, unit: str, year: int):
    plan = get_plan_for_user(request, municipality, unit, year)
    period, periods = _period_for(request, plan)
    reading = read_control(plan, period)
    context = {
        "plan": plan, "period": period, "periods": periods, "matrix": reading.matrix, "risk_rows": reading.risk_rows,
        "groups": reading.groups, "heatmap": reading.heatmap, "reviews": reading.reviews, "controls": reading.controls,
        "report": reading.report, "contracts": reading.contracts, "inspections": reading.inspections,
        "can_edit": can_edit_followup(request.user, plan.unit),
        "can_keep_register": can(request.user, Action.EDIT, Subject.STRUCTURE, plan.unit, State.ANY),
        "breadcrumbs": [*_overview_crumbs(plan), (_("Internal control"), "")],
    }
    return render(request, "control/overview.html", context)


@login_required
def control_edit(request, municipality: str, unit: str, year: int, period: str):
    plan, followup_period, state = _get_plan_and_period_for_user(request, municipality, unit, year, period)
    editor = ControlEditor(plan=plan, period=followup_period, user=request.user)
    items = None
    if request.method == "POST":
        item = editor.save(request.POST.get("item", ""), request.POST)
        if item is None:
            raise PermissionDenied
        if request.htmx:
            return render(request, "followup/_item.html", {"item": item, "editor": editor, "plan": plan})
        if item.saved:
            messages.success(request, _("Saved: %(title)s") % {"title": item.title})
            return redirect(f"{request.path}#item-{item.key}")
        items = [item if other.key == item.key else other for other in editor.items()]
    overview = reverse("control:overview", args=[municipality, unit, year])
    context = {
        "plan": plan, "period": followup_period, "state": ProgressState(state.value), "editor": editor,
        "items": items if items is not None else editor.items(),
        "excel_form": WorkbookUploadForm() if editor.may_edit_committee_texts and not editor.amending else None,
        "breadcrumbs": [*_overview_crumbs(plan), (_("Internal control"), f"{overview}?period={followup_period.slug}"),
                        (_("Follow-up: %(period)s") % {"period": followup_period.name}, "")],
    }
    return render(request, "control/edit.html", context)
