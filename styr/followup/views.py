from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.followup.editing import Editor
from styr.followup.models import FollowUpPeriod
from styr.organisation.access import can_edit_followup
from styr.plans.access import get_plan_for_user


def _get_editor_for_user(request, municipality: str, unit: str, year: int, period: str) -> Editor:
    plan = get_plan_for_user(request, municipality, unit, year)
    if not can_edit_followup(request.user, plan.unit):
        raise PermissionDenied
    period = FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=year, slug=period).first()
    if period is None:
        raise Http404("No such period")
    return Editor(plan=plan, period=period, user=request.user)


@login_required
def followup_edit(request, municipality: str, unit: str, year: int, period: str):
    editor = _get_editor_for_user(request, municipality, unit, year, period)
    items = None
    if request.method == "POST":
        key = request.POST.get("item", "")
        item = editor.save(key, request.POST)
        if item is None:
            raise PermissionDenied
        if request.htmx:
            return render(request, "followup/_item.html", {"item": item, "editor": editor})
        if item.saved:
            messages.success(request, _("Saved: %(title)s") % {"title": item.title})
            return redirect(f"{request.path}#item-{item.key}")
        items = [item if other.key == item.key else other for other in editor.items()]
    items = items if items is not None else editor.items()
    plan = editor.plan
    context = {
        "editor": editor, "plan": plan, "period": editor.period, "items": items,
        "breadcrumbs": [
            (plan.unit.municipality.short_name, ""),
            (f"{plan.unit.name} {plan.year}", reverse("overview", args=[municipality, unit, year])),
            (_("Follow-up: %(period)s") % {"period": editor.period.name}, ""),
        ],
    }
    return render(request, "followup/edit.html", context)
