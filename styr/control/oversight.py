"""The services of oversight: the plan for following up contracts (plan för uppföljning och insyn), the unit's
process register and its self-inspections (egenkontroller). One keyword-only function per action, each in a
transaction with its history, on the register's rules (styr.control.services.register_guard): a controller of
the plan's unit keeps them; once a follow-up of the year is decided, a change is an amendment with a reason.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from styr.control.models import (
    Band,
    ContractFollowUp,
    ContractKind,
    ContractState,
    Process,
    ProcessKind,
    SelfInspection,
)
from styr.control.services import WriteRefused, checked_text, create_recorded, register_guard
from styr.followup.models import FollowUpPeriod
from styr.followup.services import save_versioned
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_deletion
from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Action, State, Subject, allowed
from styr.plans.models import Plan


def _period_of_year(plan: Plan, period: FollowUpPeriod | None) -> None:
    if period is not None and (period.municipality_id != plan.unit.municipality_id or period.year != plan.year):
        raise WriteRefused(_("The planned period must be one of %(year)s's follow-ups.") % {"year": plan.year})


def _choice(value: str, choices, label: str) -> str:
    if value not in choices.values:
        raise WriteRefused(_("%(label)s: unknown choice %(value)r.") % {"label": label, "value": value})
    return value


@dataclass(frozen=True)
class ContractFields:
    """What a page, a sheet or the API gives for a contract in the follow-up plan."""

    contract: str
    provider: str = ""
    kind: str = ContractKind.PRIVATE
    importance: str = Band.MEDIUM
    risk: str = Band.MEDIUM
    size: str = Band.MEDIUM
    planned_period: FollowUpPeriod | None = None
    state: str = ContractState.PLANNED
    postponed_reason: str = ""
    result: str = ""


def _contract_values(plan: Plan, fields: ContractFields) -> dict:
    _period_of_year(plan, fields.planned_period)
    values = {
        "contract": checked_text(fields.contract, _("Contract or service"), 300),
        "provider": checked_text(fields.provider, _("Provider"), 200),
        "kind": _choice(fields.kind, ContractKind, _("Kind of provider")),
        "importance": _choice(fields.importance, Band, _("Importance")), "risk": _choice(fields.risk, Band, _("Risk")),
        "size": _choice(fields.size, Band, _("Size")), "planned_period": fields.planned_period,
        "state": _choice(fields.state, ContractState, _("State")),
        "postponed_reason": checked_text(fields.postponed_reason, _("Why it was postponed")),
        "result": checked_text(fields.result, _("Result")),
    }
    if not values["contract"]:
        raise WriteRefused(_("Name the contract or service."))
    if values["state"] == ContractState.POSTPONED and not values["postponed_reason"]:
        raise WriteRefused(_("Say why the follow-up was postponed."))
    return values


@transaction.atomic
def add_contract_followup(*, user: User | None, plan: Plan, fields: ContractFields, reason: str = "",
                          source: ChangeSource = ChangeSource.PAGE) -> ContractFollowUp:
    """A contract in the year's follow-up plan."""
    event = register_guard(user=user, plan=plan, reason=reason)
    values = _contract_values(plan, fields)
    return create_recorded(user=user, instance=ContractFollowUp(plan=plan, order=plan.contract_followups.count(), **values),
                           fields=list(values), event=event, reason=reason, source=source)


@transaction.atomic
def update_contract_followup(*, user: User | None, followup: ContractFollowUp, fields: ContractFields,
                             expected_version: int, reason: str = "",
                             source: ChangeSource = ChangeSource.PAGE) -> ContractFollowUp:
    event = register_guard(user=user, plan=followup.plan, reason=reason)
    values = _contract_values(followup.plan, fields)
    return save_versioned(user=user, model=ContractFollowUp, lookup={"pk": followup.pk}, values=values,
                          expected_version=expected_version, reason=reason, event=event or ChangeEvent.CHANGED,
                          source=source)


@dataclass(frozen=True)
class InspectionFields:
    """What a page, a sheet or the API gives for a self-inspection."""

    what: str
    how: str = ""
    process: Process | None = None
    planned_period: FollowUpPeriod | None = None
    done: bool = False
    result: str = ""


def _inspection_values(plan: Plan, fields: InspectionFields) -> dict:
    _period_of_year(plan, fields.planned_period)
    if fields.process is not None and fields.process.unit_id != plan.unit_id:
        raise WriteRefused(_("The process belongs to another unit."))
    values = {"what": checked_text(fields.what, _("What is inspected")), "how": checked_text(fields.how, _("How")),
              "process": fields.process, "planned_period": fields.planned_period, "done": fields.done,
              "result": checked_text(fields.result, _("Result"))}
    if not values["what"]:
        raise WriteRefused(_("Say what is inspected."))
    return values


@transaction.atomic
def add_self_inspection(*, user: User | None, plan: Plan, fields: InspectionFields, reason: str = "",
                        source: ChangeSource = ChangeSource.PAGE) -> SelfInspection:
    event = register_guard(user=user, plan=plan, reason=reason)
    values = _inspection_values(plan, fields)
    return create_recorded(user=user, instance=SelfInspection(plan=plan, order=plan.self_inspections.count(), **values),
                           fields=list(values), event=event, reason=reason, source=source)


@transaction.atomic
def update_self_inspection(*, user: User | None, inspection: SelfInspection, fields: InspectionFields,
                           expected_version: int, reason: str = "",
                           source: ChangeSource = ChangeSource.PAGE) -> SelfInspection:
    event = register_guard(user=user, plan=inspection.plan, reason=reason)
    values = _inspection_values(inspection.plan, fields)
    return save_versioned(user=user, model=SelfInspection, lookup={"pk": inspection.pk}, values=values,
                          expected_version=expected_version, reason=reason, event=event or ChangeEvent.CHANGED,
                          source=source)


def _process_guard(user: User | None, unit: OrganisationUnit) -> None:
    """The process register is the unit's structure, not a year's: its controller keeps it."""
    if user is None or not allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=unit, state=State.ANY):
        raise WriteRefused(_("You may not change the processes of %(unit)s.") % {"unit": unit})


def _process_values(*, unit: OrganisationUnit, name: str, kind: str, owner: str, description: str,
                    exclude: int = 0) -> dict:
    values = {"name": checked_text(name, _("Process"), 200), "kind": _choice(kind, ProcessKind, _("Kind of process")),
              "owner": checked_text(owner, _("Process owner"), 200), "description": checked_text(description, _("Description"))}
    if not values["name"]:
        raise WriteRefused(_("Name the process."))
    if Process.objects.filter(unit=unit, name=values["name"]).exclude(pk=exclude or 0).exists():
        raise WriteRefused(_("%(unit)s already has a process named %(name)s.") % {"unit": unit, "name": values["name"]})
    return values


@transaction.atomic
def add_process(*, user: User | None, unit: OrganisationUnit, name: str, kind: str, owner: str = "",
                description: str = "", source: ChangeSource = ChangeSource.PAGE) -> Process:
    _process_guard(user, unit)
    values = _process_values(unit=unit, name=name, kind=kind, owner=owner, description=description)
    return create_recorded(user=user, instance=Process(unit=unit, order=unit.processes.count(), **values),
                           fields=list(values), event=None, reason="", source=source)


@transaction.atomic
def update_process(*, user: User | None, process: Process, name: str, kind: str, owner: str, description: str,
                   expected_version: int, source: ChangeSource = ChangeSource.PAGE) -> Process:
    _process_guard(user, process.unit)
    values = _process_values(unit=process.unit, name=name, kind=kind, owner=owner, description=description,
                             exclude=process.pk)
    return save_versioned(user=user, model=Process, lookup={"pk": process.pk}, values=values,
                          expected_version=expected_version, event=ChangeEvent.CHANGED, source=source)


@transaction.atomic
def delete_process(*, user: User | None, process: Process, source: ChangeSource = ChangeSource.PAGE) -> None:
    """A process no self-inspection refers to; one that is referred to stays (its inspections name it)."""
    _process_guard(user, process.unit)
    if process.inspections.exists():
        raise WriteRefused(_("Self-inspections refer to %(process)s; it stays while they do.") % {"process": process})
    record_deletion(user=user, instance=process, source=source)
    process.delete()
