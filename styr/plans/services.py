"""Every write to a plan's structure: one keyword-only function per action, each in a transaction.

A write locks the plan it belongs to, asks the permission table whether the user keeps the structure of
the written object's own unit, validates the object with the model's `clean()` (the same rules the admin
applies: the same plan, the same municipality, the same year) and records the change (who, when, before,
after, source). An object passed in is never trusted to belong where the caller says: the model's rules
check every reference against the plan.
"""

from collections.abc import Iterable
from itertools import count

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from styr.core.text import clean_and_check
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_change, record_deletion, snapshot
from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Action, State, Subject, allowed
from styr.plans.models import (
    Activity,
    Commitment,
    CouncilGoal,
    CouncilGoalChoice,
    Goal,
    GoalMeasure,
    Measure,
    Plan,
    PlanStatus,
)


class WriteRefused(Exception):
    """The user may not change this structure, or the change would take recorded follow-up with it."""


def may_keep_structure(user: User | None, unit: OrganisationUnit) -> bool:
    return user is not None and allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=unit, state=State.ANY)


def _guard(user: User | None, unit: OrganisationUnit) -> None:
    if not may_keep_structure(user, unit):
        raise WriteRefused(_("You may not change the plans of %(unit)s.") % {"unit": unit})


def locked_plan(*, user: User | None, plan: Plan) -> Plan:
    """The plan's row locked for the writing transaction, after the table's answer for its unit."""
    locked = Plan.objects.select_for_update().select_related("unit__municipality").get(pk=plan.pk)
    _guard(user, locked.unit)
    return locked


def _fields(instance: models.Model) -> list[str]:
    return [field.name for field in instance._meta.concrete_fields if not field.primary_key]


def _cleaned(instance: models.Model, values: dict) -> dict:
    """Every text cleaned and checked the one way (`core.text`); a refusal names its field."""
    cleaned = {}
    for name, value in values.items():
        if isinstance(value, str):
            label = str(capfirst(getattr(instance._meta.get_field(name), "verbose_name", name)))
            try:
                value = clean_and_check(value, label=label).strip()
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from None
        cleaned[name] = value
    return cleaned


def save_recorded[M: models.Model](
    *, user: User | None, instance: M, values: dict, source: ChangeSource, event: ChangeEvent | None = None,
) -> M:
    """Set the values, validate the object by its model's rules, save it and record the change."""
    fields = _fields(instance)
    before = snapshot(type(instance)._default_manager.get(pk=instance.pk), fields) if instance.pk else {}
    for name, value in _cleaned(instance, values).items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    record_change(user=user, instance=instance, before=before, after=snapshot(instance, fields), source=source,
                  event=event)
    return instance


def _unique_slug(name: str, taken: Iterable[str]) -> str:
    base = slugify(name)[:90] or "x"
    used = set(taken)
    return next(slug for slug in (base if number == 1 else f"{base}-{number}" for number in count(1))
                if slug not in used)


def _next_order(queryset: models.QuerySet) -> int:
    return (queryset.aggregate(highest=models.Max("order"))["highest"] or 0) + 1


# Plans ---------------------------------------------------------------------------------------------

@transaction.atomic
def create_plan(*, user: User | None, unit: OrganisationUnit, year: int,
                source: ChangeSource = ChangeSource.PAGE) -> Plan:
    """A draft plan for the unit's year; every council goal of the municipality starts included."""
    _guard(user, unit)
    plan = save_recorded(user=user, instance=Plan(unit=unit, year=year), values={}, source=source)
    for council_goal in CouncilGoal.objects.filter(municipality_id=unit.municipality_id):
        save_recorded(user=user, instance=CouncilGoalChoice(plan=plan, council_goal=council_goal), values={},
                      source=source)
    return plan


@transaction.atomic
def publish_plan(*, user: User | None, plan: Plan, source: ChangeSource = ChangeSource.PAGE) -> Plan:
    plan = locked_plan(user=user, plan=plan)
    return save_recorded(user=user, instance=plan, values={"status": PlanStatus.PUBLISHED}, source=source)


@transaction.atomic
def save_council_goal_choice(
    *, user: User | None, choice: CouncilGoalChoice, included: bool, exclusion_reason: str,
    source: ChangeSource = ChangeSource.PAGE,
) -> CouncilGoalChoice:
    """Whether the plan includes the council goal; one left out says why."""
    locked_plan(user=user, plan=choice.plan)
    if not included and not exclusion_reason.strip():
        raise ValidationError({"exclusion_reason": _("Say why the council goal is left out.")})
    return save_recorded(user=user, instance=choice, source=source, values={
        "included": included, "exclusion_reason": "" if included else exclusion_reason})


# Goals, measures, commitments and activities -------------------------------------------------------

@transaction.atomic
def save_goal(
    *, user: User | None, plan: Plan, goal: Goal | None = None, council_goal: CouncilGoal, name: str,
    parent: Goal | None = None, interpretation: str = "", priorities: str = "", core_mission: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> Goal:
    """Add a goal to the plan (goal None) or change one of its goals."""
    plan = locked_plan(user=user, plan=plan)
    if goal is None:
        goal = Goal(plan=plan, order=_next_order(plan.goals.filter(council_goal=council_goal)),
                    slug=_unique_slug(name, plan.goals.values_list("slug", flat=True)))
    elif goal.plan_id != plan.pk:
        raise WriteRefused(_("The goal belongs to another plan."))
    return save_recorded(user=user, instance=goal, source=source, values={
        "council_goal": council_goal, "name": name, "parent": parent, "interpretation": interpretation,
        "priorities": priorities, "core_mission": core_mission})


@transaction.atomic
def save_measure(
    *, user: User | None, unit: OrganisationUnit, measure: Measure | None = None, name: str, description: str,
    unit_of_measure: str, direction: str, kind: str, period_type: str, data_source: str = "", kolada_kpi: str = "",
    ledger_figure: str | None = None, source: ChangeSource = ChangeSource.PAGE,
) -> Measure:
    """Add a measure owned by the unit (measure None) or change one of the unit's measures. `ledger_figure`
    (a LedgerFigure, "" for none; None leaves it) derives the outcome from the unit's economy."""
    _guard(user, unit)
    if measure is None:
        measure = Measure(unit=unit, slug=_unique_slug(name, Measure.objects.filter(unit=unit).values_list("slug", flat=True)))
    else:
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        if measure.unit_id != unit.pk:
            raise WriteRefused(_("The measure belongs to another unit."))
    return save_recorded(user=user, instance=measure, source=source, values={
        "name": name, "description": description, "unit_of_measure": unit_of_measure, "direction": direction,
        "kind": kind, "period_type": period_type, "source": data_source, "kolada_kpi": kolada_kpi,
        **({} if ledger_figure is None else {"ledger_figure": ledger_figure})})


@transaction.atomic
def link_measure(*, user: User | None, goal: Goal, measure: Measure,
                 source: ChangeSource = ChangeSource.PAGE) -> GoalMeasure:
    """Show the measure (the same series, whichever year) under the goal."""
    locked_plan(user=user, plan=goal.plan)
    if goal.goal_measures.filter(measure=measure).exists():
        raise ValidationError({"measure": _("The measure is already shown under this goal.")})
    return save_recorded(user=user, instance=GoalMeasure(goal=goal, measure=measure, order=_next_order(goal.goal_measures.all())),
                         values={}, source=source)


@transaction.atomic
def save_commitment(
    *, user: User | None, plan: Plan, commitment: Commitment | None = None, goal: Goal, name: str,
    description: str = "", also_under: Goal | None = None, source: ChangeSource = ChangeSource.PAGE,
) -> Commitment:
    plan = locked_plan(user=user, plan=plan)
    if commitment is None:
        commitment = Commitment(plan=plan, order=_next_order(plan.commitments.filter(goal=goal)))
    elif commitment.plan_id != plan.pk:
        raise WriteRefused(_("The commitment belongs to another plan."))
    return save_recorded(user=user, instance=commitment, source=source, values={
        "goal": goal, "name": name, "description": description, "also_under": also_under})


@transaction.atomic
def save_activity(
    *, user: User | None, plan: Plan, activity: Activity | None = None, goal: Goal, commitment: Commitment | None,
    name: str, description: str = "", also_under: Goal | None = None, source: ChangeSource = ChangeSource.PAGE,
) -> Activity:
    plan = locked_plan(user=user, plan=plan)
    if activity is None:
        activity = Activity(plan=plan, order=_next_order(plan.activities.filter(goal=goal, commitment=commitment)))
    elif activity.plan_id != plan.pk:
        raise WriteRefused(_("The activity belongs to another plan."))
    return save_recorded(user=user, instance=activity, source=source, values={
        "goal": goal, "commitment": commitment, "name": name, "description": description, "also_under": also_under})


PlanItem = Goal | GoalMeasure | Commitment | Activity


def _plan_of(item: PlanItem) -> Plan:
    return item.goal.plan if isinstance(item, GoalMeasure) else item.plan


@transaction.atomic
def delete_item(*, user: User | None, item: PlanItem, source: ChangeSource = ChangeSource.PAGE) -> None:
    """Remove a goal, a measure from a goal, a commitment or an activity, with what lies under it in the plan.

    Refused when it would take or change anything else with it (an assessment, a reported status, a risk
    under the goal, a unit's goal):
    what has been followed up stays part of the record.
    """
    locked_plan(user=user, plan=_plan_of(item))
    collector = Collector(using="default")
    try:
        collector.collect([item])
    except (ProtectedError, RestrictedError) as error:
        found = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
        kinds = ", ".join(sorted({str(obj._meta.verbose_name) for obj in found}))
        raise WriteRefused(_("%(item)s is referred to (%(kinds)s); move or remove those first.")
                           % {"item": item, "kinds": kinds}) from None
    beyond = [model for model in collector.data if model._meta.app_label != "plans"]
    beyond += [qs.model for qs in collector.fast_deletes if qs.model._meta.app_label != "plans" and qs.exists()]
    beyond += [field.model for (field, _value), found in collector.field_updates.items()  # e.g. a risk's goal
               if field.model._meta.app_label != "plans" and any(bool(objs) for objs in found)]
    if beyond:
        raise WriteRefused(_("%(item)s has been followed up; it stays part of the record.") % {"item": item})
    for model, instances in collector.data.items():
        if model._meta.app_label == "plans" and not model.__name__.endswith("Event"):
            for instance in instances:
                record_deletion(user=user, instance=instance, source=source)
    item.delete()
