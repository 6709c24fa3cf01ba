"""The services of improvement areas: what the unit decides to improve after its analysis of a period
(styr.control.analysis), linked to a goal of its plan. Written like the committee's other texts of the period:
its locks (ready, decided → an amendment with a reason) and permission on the plan's own unit, with history."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from styr.control.models import ImprovementArea
from styr.control.services import WriteRefused, checked_text, create_recorded, period_state_for_update
from styr.followup.models import FollowUpPeriod
from styr.followup.services import guard_write, save_versioned
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_deletion
from styr.organisation.permissions import State, Subject
from styr.plans.models import Goal, Plan


@dataclass(frozen=True)
class ImprovementFields:
    title: str
    description: str = ""
    goal: Goal | None = None
    basis: tuple[str, ...] = ()


def _guard(*, user: User | None, plan: Plan, period: FollowUpPeriod, reason: str, source: ChangeSource,
           event: ChangeEvent, deleting: bool = False) -> ChangeEvent:
    state = period_state_for_update(plan=plan, period=period)
    if deleting and state == State.DECIDED:
        raise WriteRefused(_("The follow-up is decided; its improvement areas stay."))
    return guard_write(user=user, subject=Subject.ASSESSMENT, unit=plan.unit, state=state, reason=reason,
                       source=source, event=event)


def _values(plan: Plan, fields: ImprovementFields) -> dict:
    if fields.goal is not None and fields.goal.plan_id != plan.pk:
        raise WriteRefused(_("The goal belongs to another plan."))
    values = {"title": checked_text(fields.title, _("Improvement area"), 300),
              "description": checked_text(fields.description, _("Description")), "goal": fields.goal,
              "basis": "\n".join(line for line in (checked_text(item, _("What it builds on")) for item in fields.basis)
                                 if line)}
    if not values["title"]:
        raise WriteRefused(_("Name the improvement area."))
    return values


@transaction.atomic
def add_improvement_area(*, user: User | None, plan: Plan, period: FollowUpPeriod, fields: ImprovementFields,
                         reason: str = "", source: ChangeSource = ChangeSource.PAGE) -> ImprovementArea:
    event = _guard(user=user, plan=plan, period=period, reason=reason, source=source, event=ChangeEvent.CREATED)
    values = _values(plan, fields)
    order = ImprovementArea.objects.filter(plan=plan, period=period).count()
    return create_recorded(user=user, instance=ImprovementArea(plan=plan, period=period, order=order, **values),
                           fields=["period", *values], event=event, reason=reason, source=source)


@transaction.atomic
def update_improvement_area(*, user: User | None, area: ImprovementArea, fields: ImprovementFields,
                            expected_version: int, reason: str = "",
                            source: ChangeSource = ChangeSource.PAGE) -> ImprovementArea:
    event = _guard(user=user, plan=area.plan, period=area.period, reason=reason, source=source,
                   event=ChangeEvent.CHANGED)
    return save_versioned(user=user, model=ImprovementArea, lookup={"pk": area.pk}, values=_values(area.plan, fields),
                          expected_version=expected_version, reason=reason, event=event, source=source)


@transaction.atomic
def delete_improvement_area(*, user: User | None, area: ImprovementArea,
                            source: ChangeSource = ChangeSource.PAGE) -> None:
    """Deleted while the period is open; once decided it is part of what the committee decided on."""
    _guard(user=user, plan=area.plan, period=area.period, reason="", source=source, event=ChangeEvent.CHANGED,
           deleting=True)
    record_deletion(user=user, instance=area, source=source)
    area.delete()
