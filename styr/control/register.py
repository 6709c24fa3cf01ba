"""The register's pages: a controller keeps the year's risks with their actions, the audits and reviews with
theirs, and the unit's control activities. Every write goes through styr.control.services; a posted goal or
category is chosen among the plan's own, and an item is looked up within the plan, never by its id alone."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.control import services
from styr.control.forms import ActionForm, ControlForm, ReviewForm, RiskForm, split_lines
from styr.control.models import AuditAction, AuditReview, ControlActivity, ControlCategory, Risk, RiskAction, RiskMatrix
from styr.control.reading import unit_controls
from styr.followup import locks
from styr.followup.models import PeriodProgress, ProgressState
from styr.organisation.access import can
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user
from styr.plans.models import Plan


@dataclass(frozen=True)
class Kind:
    """One kind of register item: its model, how it is found within a plan, and the parent it is added under."""

    model: Any
    in_plan: str
    title: Any
    fields: tuple[str, ...]
    parent: Any = None


ACTION_FIELDS = ("text",)
KINDS = {
    "risk": Kind(Risk, "plan", gettext_lazy("Risk"),
                 ("risk", "background", "effects", "owner", "goal", "probability", "consequence")),
    "riskatgard": Kind(RiskAction, "risk__plan", gettext_lazy("Risk-reducing action"), ACTION_FIELDS, parent=Risk),
    "granskning": Kind(AuditReview, "plan", gettext_lazy("Audit or review"),
                       ("name", "reviewer", "year", "case_numbers", "background", "recommendations")),
    "granskningsatgard": Kind(AuditAction, "review__plan", gettext_lazy("Action after a review"), ACTION_FIELDS,
                              parent=AuditReview),
    "kontrollmoment": Kind(ControlActivity, "", gettext_lazy("Control activity"),
                           ("what", "how", "frequency", "performer", "process", "category")),
}
LISTS = ("case_numbers", "recommendations")  # one per line in the form, a list to the service


def _plan_for_controller(request, municipality: str, unit: str, year: int) -> Plan:
    plan = get_plan_for_user(request, municipality, unit, year)
    if not can(request.user, Action.EDIT, Subject.STRUCTURE, plan.unit, State.ANY):
        raise PermissionDenied
    return plan


def _amending(plan: Plan) -> bool:
    states = PeriodProgress.objects.filter(plan=plan).values_list("state", flat=True)
    return locks.strictest(list(states)) == ProgressState.DECIDED


def _crumbs(plan: Plan, *extra) -> list[tuple[str, str]]:
    args = [plan.unit.municipality.slug, plan.unit.slug, plan.year]
    return [(plan.unit.municipality.short_name, ""), (f"{plan.unit.name} {plan.year}", reverse("overview", args=args)),
            (_("Internal control"), reverse("control:overview", args=args)), *extra]


@login_required
def register(request, municipality: str, unit: str, year: int):
    plan = _plan_for_controller(request, municipality, unit, year)
    controls = unit_controls(plan)
    context = {
        "plan": plan, "amending": _amending(plan), "matrix": RiskMatrix.for_municipality(plan.unit.municipality),
        "risks": plan.risks.select_related("goal").prefetch_related("actions"),
        "reviews": plan.audit_reviews.prefetch_related("actions"), "controls": controls,
        "breadcrumbs": _crumbs(plan, (_("Register"), "")),
    }
    return render(request, "control/register.html", context)


def _find(plan: Plan, kind: Kind, pk: int):
    if kind.model is ControlActivity:  # the unit's own; a common one is the municipality's (the admin's)
        found = ControlActivity.objects.filter(pk=pk, unit=plan.unit, year=plan.year).first()
    else:
        found = kind.model.objects.filter(pk=pk, **{kind.in_plan: plan}).first()
    if found is None:
        raise Http404("No such item in this plan")
    return found


def _initial(kind: Kind, plan: Plan, item) -> dict:
    if item is None:
        return {"version": 0, "year": plan.year} if kind.model is AuditReview else {"version": 0}
    return {**{name: getattr(item, f"{name}_id" if name in ("goal", "category") else name) for name in kind.fields},
            "version": item.version}


def _form(kind: Kind, plan: Plan, data, item, amending: bool):
    common: dict[str, Any] = {"initial": _initial(kind, plan, item), "amending": amending}
    if kind.model is Risk:
        return RiskForm(data, plan=plan, matrix=RiskMatrix.for_municipality(plan.unit.municipality), **common)
    if kind.model is AuditReview:
        return ReviewForm(data, **common)
    if kind.model is ControlActivity:
        return ControlForm(data, categories=ControlCategory.objects.filter(municipality_id=plan.unit.municipality_id),
                           **common)
    return ActionForm(data, **common)


def _save(kind: Kind, plan: Plan, user, item, parent, data: dict):
    """Create (item None) or update through the service; `data` is the form's cleaned data."""
    values: dict[str, Any] = {name: split_lines(data[name]) if name in LISTS else data[name] for name in kind.fields}
    common: dict[str, Any] = {"user": user, "reason": data.get("amendment_reason", "")}
    if item is not None:
        common["expected_version"] = data["version"]
        if kind.model is Risk:
            return services.update_risk(risk_item=item, **values, **common)
        if kind.model is AuditReview:
            return services.update_audit_review(review=item, **values, **common)
        if kind.model is ControlActivity:
            return services.update_control_activity(control=item, **values, **common)
        return services.update_action(action=item, **values, **common)
    if kind.model is Risk:
        return services.add_risk(plan=plan, **values, **common)
    if kind.model is AuditReview:
        return services.add_audit_review(plan=plan, **values, **common)
    if kind.model is ControlActivity:
        return services.add_control_activity(municipality=plan.unit.municipality, unit=plan.unit, year=plan.year,
                                             **values, **common)
    if kind.model is RiskAction:
        return services.add_risk_action(risk=parent, **values, **common)
    return services.add_audit_action(review=parent, **values, **common)


@login_required
def register_item(request, municipality: str, unit: str, year: int, kind: str, item_id: int):
    """Item 0 is a new one; a new action names the risk or review it is added under (?under=id)."""
    plan = _plan_for_controller(request, municipality, unit, year)
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404("No such kind of register item")
    item = _find(plan, spec, item_id) if item_id else None
    parent = None
    if item is None and spec.parent is not None:
        parent = spec.parent.objects.filter(pk=request.GET.get("under") or 0, plan=plan).first()
        if parent is None:
            raise Http404("No such risk or review in this plan")
    register_url = reverse("control:register", args=[municipality, unit, year])
    if request.method == "POST" and item is not None and "delete" in request.POST:
        if "confirm" not in request.POST:
            return render(request, "control/register_delete.html", {
                "plan": plan, "item": item, "kind": spec, "breadcrumbs": _crumbs(plan, (_("Register"), register_url),
                                                                                   (_("Delete"), ""))})
        try:
            services.delete_register_item(user=request.user, item=item)
        except services.WriteRefused as error:
            messages.error(request, str(error))
            return redirect(request.path)
        messages.success(request, _("Deleted: %(item)s") % {"item": item})
        return redirect(register_url)
    amending = _amending(plan)
    form = _form(spec, plan, request.POST if request.method == "POST" else None, item, amending)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(spec, plan, request.user, item, parent, form.cleaned_data)
        except services.EditConflict:
            form.add_error(None, _("Someone else saved this item after you opened it. Reload the page to see "
                                   "their version; your text is still in the form."))
        except (services.WriteRefused, ValidationError) as error:
            form.add_error(None, error.messages[0] if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": saved})
            return redirect(f"{register_url}#{kind}-{saved.pk}")
    title = (_("New: %(kind)s") % {"kind": spec.title}) if item is None else str(spec.title)
    context = {"plan": plan, "form": form, "item": item, "parent": parent, "kind": spec, "kind_key": kind,
               "title": title, "breadcrumbs": _crumbs(plan, (_("Register"), register_url), (title, ""))}
    return render(request, "control/register_item.html", context)
