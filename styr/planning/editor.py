"""The plan editor: a unit's plan page, and one page per item (a council goal choice, a goal, a measure and its
target for the year, a measure shown under a goal, a commitment, an activity).

Every write goes through the services (styr.plans.services, styr.followup.targets); an item is looked up within
the plan, and every choice a form offers lies within what the plan may refer to, the services checking again.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.economy.services import derive_outcomes
from styr.followup import targets
from styr.organisation.models import vocabulary
from styr.planning import forms, versions
from styr.planning.outline import outline
from styr.plans import services
from styr.plans.access import get_plan_for_user
from styr.plans.models import Activity, Commitment, CouncilGoal, CouncilGoalChoice, Goal, GoalMeasure, Measure, Plan


def get_plan_for_keeper(request, municipality: str, unit: str, year: int) -> Plan:
    """The plan, for a user who keeps the structure of its unit (403 otherwise, 404 when missing)."""
    plan = get_plan_for_user(request, municipality, unit, year)
    if not services.may_keep_structure(request.user, plan.unit):
        raise PermissionDenied
    return plan


def plan_url(plan: Plan) -> str:
    return reverse("planning:plan", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year])


def crumbs(plan: Plan, *extra) -> list[tuple[str, str]]:
    overview = reverse("overview", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year])
    return [(plan.unit.municipality.short_name, ""), (f"{plan.unit.name} {plan.year}", overview),
            (_("Edit the plan"), plan_url(plan)), *extra]


@login_required
def plan_editor(request, municipality: str, unit: str, year: int):
    plan = get_plan_for_keeper(request, municipality, unit, year)
    context = {
        "plan": plan, "outline": outline(plan), "words": vocabulary(plan.unit.municipality),
        "next_year": plan.year + 1, "has_next": Plan.objects.filter(unit=plan.unit, year=plan.year + 1).first(),
        "breadcrumbs": [*crumbs(plan)[:-1], (_("Edit the plan"), "")],
    }
    return render(request, "planning/plan.html", context)


# The items ---------------------------------------------------------------------------------------

def _same_year_goals(plan: Plan):
    return Goal.objects.filter(plan__year=plan.year, plan__unit__municipality_id=plan.unit.municipality_id) \
        .select_related("plan__unit").order_by("plan__unit__name", "council_goal__order", "order", "pk")


def _plan_goals(plan: Plan):
    return plan.goals.select_related("plan__unit")


def _goal_form(plan: Plan, data, item: Goal | None, under: Any):
    initial = ({"council_goal": item.council_goal_id, "name": item.name, "parent": item.parent_id,
                "interpretation": item.interpretation, "priorities": item.priorities,
                "core_mission": item.core_mission} if item else {"council_goal": under.pk if under else None})
    parents = _same_year_goals(plan).filter(plan__unit__in=plan.unit.ancestors())
    return forms.GoalForm(data, initial=initial, parents=parents, words=vocabulary(plan.unit.municipality),
                          council_goals=CouncilGoal.objects.filter(municipality_id=plan.unit.municipality_id))


def _save_goal(plan, user, item, under, data):
    return services.save_goal(user=user, plan=plan, goal=item, council_goal=data["council_goal"], name=data["name"],
                              parent=data.get("parent"), interpretation=data["interpretation"],
                              priorities=data["priorities"], core_mission=data["core_mission"])


def _choice_form(plan: Plan, data, item: CouncilGoalChoice, under: Any):
    return forms.ChoiceForm(data, initial={"included": item.included, "exclusion_reason": item.exclusion_reason})


def _save_choice(plan, user, item, under, data):
    return services.save_council_goal_choice(user=user, choice=item, included=data["included"],
                                             exclusion_reason=data["exclusion_reason"])


def _target_years(plan: Plan, item: Measure | None) -> list[int]:
    """The plan's year first, then the series' other years: two before and after it, and any with a target."""
    years = set(range(plan.year - 2, plan.year + 3))
    if item is not None:
        years |= set(item.targets.values_list("year", flat=True))
    return [plan.year, *sorted(years - {plan.year})]


def _measure_form(plan: Plan, data, item: Measure | None, under: Any):
    initial: dict[str, Any] = {}
    if item is not None:
        initial = {name: getattr(item, name) for name in ("name", "description", "unit_of_measure", "direction",
                                                          "kind", "period_type", "kolada_kpi", "ledger_figure")}
        initial["data_source"] = item.source
        for target in item.targets.all():
            initial.update({f"target_kind_{target.year}": target.kind, f"comparator_{target.year}": target.comparator,
                            f"target_value_{target.year}": target.value})
    return forms.MeasureForm(data, initial=initial, years=_target_years(plan, item),
                             words=vocabulary(plan.unit.municipality))


@transaction.atomic
def _save_measure(plan, user, item, under, data):
    """The measure (owned by the plan's unit when new, and shown under the goal) and its target for each year."""
    measure = services.save_measure(
        user=user, unit=item.unit if item else plan.unit, measure=item, name=data["name"],
        description=data["description"], unit_of_measure=data["unit_of_measure"], direction=data["direction"],
        kind=data["kind"], period_type=data["period_type"], data_source=data["data_source"],
        kolada_kpi=data["kolada_kpi"], ledger_figure=data["ledger_figure"])
    if item is None:
        services.link_measure(user=user, goal=under, measure=measure)
    if measure.ledger_figure:
        derive_outcomes(user=user, unit=measure.unit, year=plan.year)
    saved = {target.year: target for target in measure.targets.all()}
    for year in (int(name.removeprefix("target_kind_")) for name in data if name.startswith("target_kind_")):
        kind, comparator, value = (data[f"{part}_{year}"] for part in ("target_kind", "comparator", "target_value"))
        target = saved.get(year)
        if not kind:
            if target is not None:
                targets.delete_target(user=user, measure=measure, year=year)
        elif target is None or (target.kind, target.comparator, target.value) != (kind, comparator, value):
            targets.save_target(user=user, measure=measure, year=year, kind=kind, comparator=comparator, value=value)
    return measure


def _linkable_measures(plan: Plan, goal: Goal):
    return Measure.objects.filter(unit__in=[plan.unit, *plan.unit.ancestors()]) \
        .exclude(goal_measures__goal=goal).select_related("unit").order_by("name", "unit__name")


def _link_form(plan: Plan, data, item: GoalMeasure | None, under: Goal):
    return forms.LinkForm(data, measures=_linkable_measures(plan, under if item is None else item.goal),
                          words=vocabulary(plan.unit.municipality))


def _save_link(plan, user, item, under, data):
    return services.link_measure(user=user, goal=under, measure=data["measure"])


def _commitment_form(plan: Plan, data, item: Commitment | None, under: Any):
    initial = ({"goal": item.goal_id, "name": item.name, "description": item.description,
                "also_under": item.also_under_id} if item else {"goal": under.pk if under else None})
    return forms.CommitmentForm(data, initial=initial, goals=_plan_goals(plan), other_goals=_same_year_goals(plan))


def _save_commitment(plan, user, item, under, data):
    return services.save_commitment(user=user, plan=plan, commitment=item, goal=data["goal"], name=data["name"],
                                    description=data["description"], also_under=data["also_under"])


def _activity_form(plan: Plan, data, item: Activity | None, under: Any):
    if item:
        initial = {"goal": item.goal_id, "commitment": item.commitment_id, "name": item.name,
                   "description": item.description, "also_under": item.also_under_id}
    elif isinstance(under, Commitment):
        initial = {"goal": under.goal_id, "commitment": under.pk}
    else:
        initial = {"goal": under.pk if under else None}
    return forms.ActivityForm(data, initial=initial, goals=_plan_goals(plan), other_goals=_same_year_goals(plan),
                              commitments=plan.commitments.select_related("plan__unit"),
                              words=vocabulary(plan.unit.municipality))


def _save_activity(plan, user, item, under, data):
    return services.save_activity(user=user, plan=plan, activity=item, goal=data["goal"],
                                  commitment=data["commitment"], name=data["name"], description=data["description"],
                                  also_under=data["also_under"])


@dataclass(frozen=True)
class Kind:
    """One kind of plan item: how it is found in the plan, what a new one is added under (?under=id), its form
    and its save; `new` says whether one can be added here, `delete` whether it can be removed here."""

    title: Any  # a fixed title, or a callable of the municipality's words
    find: Callable[[Plan, int], Any]
    form: Callable[..., Any]
    save: Callable[..., Any]
    under: Callable[[Plan, str], Any] = lambda plan, pk: None
    new: bool = True
    delete: bool = True
    editable: bool = True

    def label(self, words: dict[str, str]) -> str:
        return self.title(words) if callable(self.title) else str(self.title)


def _goal_under(plan: Plan, pk: str):
    return plan.goals.filter(pk=pk or 0).first()


def _required_goal(plan: Plan, pk: str):
    goal = _goal_under(plan, pk)
    if goal is None:
        raise Http404("No such goal in this plan")
    return goal


def _activity_under(plan: Plan, pk: str):
    if pk.startswith("c"):
        return plan.commitments.filter(pk=pk[1:] or 0).first()
    return _goal_under(plan, pk)


KINDS = {
    "val": Kind(gettext_lazy("Council goal"), lambda plan, pk: plan.council_goal_choices.select_related(
        "council_goal").filter(pk=pk).first(), _choice_form, _save_choice, new=False, delete=False),
    "mal": Kind(gettext_lazy("Goal"), lambda plan, pk: plan.goals.filter(pk=pk).first(), _goal_form, _save_goal,
                under=lambda plan, pk: CouncilGoal.objects.filter(
                    pk=pk or 0, municipality_id=plan.unit.municipality_id).first()),
    "matt": Kind(lambda words: words["measure"], lambda plan, pk: Measure.objects.filter(
        pk=pk, goal_measures__goal__plan=plan).select_related("unit").distinct().first(),
        _measure_form, _save_measure, under=_required_goal, delete=False),
    "koppling": Kind(lambda words: _("%(measure)s already followed, under a goal") % {"measure": words["measure"]},
                     lambda plan, pk: GoalMeasure.objects.filter(
        pk=pk, goal__plan=plan).select_related("goal", "measure").first(), _link_form, _save_link,
        under=_required_goal, editable=False),
    "atagande": Kind(lambda words: words["commitment"], lambda plan, pk: plan.commitments.filter(pk=pk).first(),
                     _commitment_form, _save_commitment, under=_goal_under),
    "aktivitet": Kind(lambda words: words["activity"], lambda plan, pk: plan.activities.filter(pk=pk).first(),
                      _activity_form, _save_activity, under=_activity_under),
}


def _field_errors(form, error: ValidationError) -> None:
    """A model's refusal on the form: on the field it names where the form has it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _delete(request, plan: Plan, spec: Kind, item):
    if "confirm" not in request.POST:
        return render(request, "planning/delete.html", {
            "plan": plan, "item": item, "kind_label": spec.label(vocabulary(plan.unit.municipality)),
            "breadcrumbs": crumbs(plan, (_("Delete"), ""))})
    try:
        services.delete_item(user=request.user, item=item)
    except services.WriteRefused as error:
        messages.error(request, str(error))
        return redirect(request.path)
    messages.success(request, _("Deleted: %(item)s") % {"item": item})
    return redirect(plan_url(plan))


@login_required
def plan_item(request, municipality: str, unit: str, year: int, kind: str, item_id: int):
    """Item 0 is a new one, added under the goal (or council goal, or commitment) named by ?under=."""
    plan = get_plan_for_keeper(request, municipality, unit, year)
    spec = KINDS.get(kind)
    if spec is None or (not item_id and not spec.new):
        raise Http404("No such kind of plan item")
    item = spec.find(plan, item_id) if item_id else None
    if item_id and item is None:
        raise Http404("No such item in this plan")
    under = spec.under(plan, request.GET.get("under", "")) if item is None else None
    if item is not None and isinstance(item, GoalMeasure):
        under = item.goal
    if request.method == "POST" and item is not None and "delete" in request.POST and spec.delete:
        return _delete(request, plan, spec, item)
    editing = item is None or spec.editable
    form = spec.form(plan, request.POST if request.method == "POST" else None, item, under) if editing else None
    if form is not None and "version" in form.fields:
        form.initial["version"] = versions.version(item)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            with transaction.atomic():
                if item is not None and "version" in form.fields:
                    versions.check_version(item, form.cleaned_data["version"])
                saved = spec.save(plan, request.user, item, under, form.cleaned_data)
        except services.WriteRefused as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            _field_errors(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": saved})
            return redirect(f"{plan_url(plan)}#{kind}-{saved.pk}")
    words = vocabulary(plan.unit.municipality)
    title = (_("New: %(kind)s") % {"kind": spec.label(words)}) if item is None else f"{spec.label(words)}: {item}"
    context = {"plan": plan, "form": form, "item": item, "under": under, "kind": spec, "kind_key": kind,
               "title": title, "words": words, "deletable": item is not None and spec.delete,
               "breadcrumbs": crumbs(plan, (title, ""))}
    return render(request, "planning/item.html", context)
