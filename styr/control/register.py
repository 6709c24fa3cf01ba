"""The register's pages: a controller keeps the year's risks with their actions, the audits and reviews with
theirs, and the unit's control activities. Every write goes through styr.control.services; a posted goal or
category is chosen among the plan's own, and an item is looked up within the plan, never by its id alone."""

from collections.abc import Callable
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

from styr.control import oversight, services
from styr.control.forms import (
    ActionForm,
    ContractForm,
    ControlForm,
    InspectionForm,
    ProcessForm,
    ReviewForm,
    RiskForm,
    split_lines,
)
from styr.control.models import (
    AuditAction,
    AuditReview,
    ContractFollowUp,
    ControlActivity,
    ControlCategory,
    Process,
    Risk,
    RiskAction,
    RiskMatrix,
    SelfInspection,
)
from styr.control.reading import unit_controls
from styr.followup import locks
from styr.followup.models import FollowUpPeriod, PeriodProgress, ProgressState
from styr.organisation.access import can
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user
from styr.plans.models import Plan


@dataclass(frozen=True)
class Kind:
    """One kind of register item: its model, how it is found within a plan, the parent it is added under, and the
    services that add (plan, parent, values, common) and change (item, values, common) one."""

    model: Any
    in_plan: str
    title: Any
    fields: tuple[str, ...]
    add: Callable[..., Any]
    update: Callable[..., Any]
    parent: Any = None


def _add_control(plan, parent, values, common):
    return services.add_control_activity(municipality=plan.unit.municipality, unit=plan.unit, year=plan.year,
                                         **values, **common)


def _without_reason(common: dict) -> dict:
    return {name: value for name, value in common.items() if name != "reason"}


ACTION_FIELDS = ("text",)
CONTRACT_FIELDS = ("contract", "provider", "kind", "importance", "risk", "size", "planned_period", "state",
                   "postponed_reason", "result")
KINDS = {
    "risk": Kind(Risk, "plan", gettext_lazy("Risk"),
                 ("risk", "background", "effects", "owner", "goal", "probability", "consequence"),
                 add=lambda plan, parent, values, common: services.add_risk(plan=plan, **values, **common),
                 update=lambda item, values, common: services.update_risk(risk_item=item, **values, **common)),
    "riskatgard": Kind(RiskAction, "risk__plan", gettext_lazy("Risk-reducing action"), ACTION_FIELDS, parent=Risk,
                       add=lambda plan, parent, values, common: services.add_risk_action(risk=parent, **values, **common),
                       update=lambda item, values, common: services.update_action(action=item, **values, **common)),
    "granskning": Kind(AuditReview, "plan", gettext_lazy("Audit or review"),
                       ("name", "reviewer", "year", "case_numbers", "background", "recommendations"),
                       add=lambda plan, parent, values, common: services.add_audit_review(plan=plan, **values, **common),
                       update=lambda item, values, common: services.update_audit_review(review=item, **values, **common)),
    "granskningsatgard": Kind(AuditAction, "review__plan", gettext_lazy("Action after a review"), ACTION_FIELDS,
                              parent=AuditReview,
                              add=lambda plan, parent, values, common: services.add_audit_action(review=parent, **values,
                                                                                                 **common),
                              update=lambda item, values, common: services.update_action(action=item, **values, **common)),
    "kontrollmoment": Kind(ControlActivity, "", gettext_lazy("Control activity"),
                           ("what", "how", "frequency", "performer", "process", "category"), add=_add_control,
                           update=lambda item, values, common: services.update_control_activity(control=item, **values,
                                                                                                **common)),
    "avtal": Kind(ContractFollowUp, "plan", gettext_lazy("Contract follow-up"), CONTRACT_FIELDS,
                  add=lambda plan, parent, values, common: oversight.add_contract_followup(
                      plan=plan, fields=oversight.ContractFields(**values), **common),
                  update=lambda item, values, common: oversight.update_contract_followup(
                      followup=item, fields=oversight.ContractFields(**values), **common)),
    "egenkontroll": Kind(SelfInspection, "plan", gettext_lazy("Self-inspection"),
                         ("what", "how", "process", "planned_period", "done", "result"),
                         add=lambda plan, parent, values, common: oversight.add_self_inspection(
                             plan=plan, fields=oversight.InspectionFields(**values), **common),
                         update=lambda item, values, common: oversight.update_self_inspection(
                             inspection=item, fields=oversight.InspectionFields(**values), **common)),
    "process": Kind(Process, "unit", gettext_lazy("Process"), ("name", "kind", "owner", "description"),
                    add=lambda plan, parent, values, common: oversight.add_process(
                        unit=plan.unit, **values, **_without_reason(common)),
                    update=lambda item, values, common: oversight.update_process(
                        process=item, **values, **_without_reason(common))),
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
        "contracts": plan.contract_followups.select_related("planned_period"),
        "processes": plan.unit.processes.all(),
        "inspections": plan.self_inspections.select_related("process", "planned_period"),
        "breadcrumbs": _crumbs(plan, (_("Register"), "")),
    }
    return render(request, "control/register.html", context)


def _find(plan: Plan, kind: Kind, pk: int):
    found: Any
    if kind.model is ControlActivity:  # the unit's own; a common one is the municipality's (the admin's)
        found = ControlActivity.objects.filter(pk=pk, unit=plan.unit, year=plan.year).first()
    elif kind.model is Process:  # the unit's, whatever the year
        found = Process.objects.filter(pk=pk, unit=plan.unit).first()
    else:
        found = kind.model.objects.filter(pk=pk, **{kind.in_plan: plan}).first()
    if found is None:
        raise Http404("No such item in this plan")
    return found


def _initial(kind: Kind, plan: Plan, item) -> dict:
    if item is None:
        return {"version": 0, "year": plan.year} if kind.model is AuditReview else {"version": 0}
    return {**{name: getattr(item, f"{name}_id" if item._meta.get_field(name).is_relation else name)
               for name in kind.fields},
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
    periods = FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=plan.year)
    if kind.model is ContractFollowUp:
        return ContractForm(data, periods=periods, **common)
    if kind.model is SelfInspection:
        return InspectionForm(data, periods=periods, processes=plan.unit.processes.all(), **common)
    if kind.model is Process:
        return ProcessForm(data, **{**common, "amending": False})
    return ActionForm(data, **common)


def _save(kind: Kind, plan: Plan, user, item, parent, data: dict):
    """Create (item None) or update through the service; `data` is the form's cleaned data."""
    values: dict[str, Any] = {name: split_lines(data[name]) if name in LISTS else data[name] for name in kind.fields}
    common: dict[str, Any] = {"user": user, "reason": data.get("amendment_reason", "")}
    if item is None:
        return kind.add(plan, parent, values, common)
    return kind.update(item, values, {**common, "expected_version": data["version"]})


def _delete(user, item) -> None:
    if isinstance(item, Process):
        oversight.delete_process(user=user, process=item)
    else:
        services.delete_register_item(user=user, item=item)


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
            _delete(request.user, item)
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
