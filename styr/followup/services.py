"""Every follow-up write: one function per action, each in a transaction that also records history.

Writes use optimistic locking: the caller passes the version it read (0 for "nothing saved yet");
if someone saved in between, `EditConflict` carries the saved object and nothing is written.

Three building blocks are public, so that an app above the follow-up (e.g. styr.control) writes its
per-period items the same way: `check_same_municipality` (the period is the unit's municipality's),
`guard_write` (the permission table's answer on the locked state, returning the event to record) and
`save_versioned` (the optimistic create-or-update that cleans texts and records the change).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from styr.core.text import clean_and_check
from styr.followup import locks
from styr.followup.models import (
    ActivityReport,
    AssessmentLevel,
    CommitmentReport,
    CouncilGoalAssessment,
    Editable,
    FollowUpPeriod,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    OutcomeRevision,
    PeriodProgress,
    PeriodReport,
    ProgressState,
    StatusOption,
)
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_change, record_deletion, snapshot
from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Action, State, Subject, allowed
from styr.plans.models import (
    Activity,
    Commitment,
    CouncilGoalChoice,
    Goal,
    Measure,
    Plan,
)


class EditConflict(Exception):
    """Someone else saved the same item after the user opened it."""

    def __init__(self, saved: models.Model | None):
        super().__init__("The item was saved by someone else in the meantime")
        self.saved = saved


class WriteRefused(Exception):
    """The user may not write this item in the state it is in now, or an amendment lacks its reason."""


def amends(user: User | AnonymousUser | None, unit: OrganisationUnit, state: str) -> bool:
    """The one amendment rule: a write to a decided follow-up is an amendment, open to those the permission
    table lets amend at the item's unit (a reason is then required). Pages and API ask it to show the reason
    field; the actions enforce it."""
    return (state == State.DECIDED and user is not None
            and allowed(user, subject=Subject.FOLLOWUP, action=Action.AMEND, unit=unit, state=State.DECIDED))


def guard_write(
    *, user: User | None, subject: Subject, unit: OrganisationUnit, state: str, reason: str, source: ChangeSource,
    event: ChangeEvent,
) -> ChangeEvent:
    """The permission table's answer for the item's own unit in its locked state, inside the write's
    transaction: a decided item changes only as an amendment with a reason; returns the event to record.

    `user=None` is Styr itself (a Kolada sync, a command): it may write what is open, never a decided item.
    """
    if state == State.DECIDED:
        if not amends(user, unit, state):
            raise WriteRefused(_("The follow-up is decided; only a controller can amend it."))
        if not reason.strip():
            raise WriteRefused(_("The follow-up is decided: give the reason for the amendment."))
        return ChangeEvent.AMENDED
    if user is not None and not allowed(user, subject=subject, action=Action.EDIT, unit=unit, state=State(state)):
        raise WriteRefused(_("You may not change this now (the follow-up is %(state)s).") % {
            "state": ProgressState(state).label})
    return event


def check_same_municipality(period: FollowUpPeriod, unit: OrganisationUnit) -> None:
    """Refuse a period of another municipality than the unit's (a posted id is never trusted)."""
    if period.municipality_id != unit.municipality_id:
        raise WriteRefused(_("The period belongs to another municipality."))


def _cleaned_texts(model: type[models.Model], values: dict, reason: str) -> tuple[dict, str]:
    """Every text of a write cleaned and checked the one way (`core.text`), whichever path it came by."""
    try:
        texts = {name: clean_and_check(value, label=str(capfirst(getattr(model._meta.get_field(name), "verbose_name", name))))
                 for name, value in values.items() if isinstance(value, str)}
        return {**values, **texts}, clean_and_check(reason, label=_("Reason for the amendment"))
    except ValidationError as error:
        raise WriteRefused(error.messages[0]) from None


def save_versioned(
    *, user: User | None, model: type[Editable], lookup: dict, values: dict, expected_version: int | None,
    reason: str = "", event: ChangeEvent = ChangeEvent.REPORTED, source: ChangeSource = ChangeSource.PAGE,
):
    """Create or update the item found by `lookup`, if nobody saved it since `expected_version`
    (None: Styr itself writes, e.g. Kolada, and takes whatever is saved). Texts over the limit are refused."""
    values, reason = _cleaned_texts(model, values, reason)
    instance = model._default_manager.select_for_update().filter(**lookup).first()
    current_version = instance.version if instance else 0
    if expected_version is not None and current_version != expected_version:
        raise EditConflict(instance)
    fields = list(values)
    writer = user if user is not None and user.is_authenticated else None
    if instance is None:
        instance = model(**lookup, **values, updated_by=writer)
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError:
            # Someone created the same item between our read and our insert.
            raise EditConflict(model._default_manager.filter(**lookup).first()) from None
        record_change(user=user, instance=instance, before={}, after=snapshot(instance, fields), reason=reason,
                      event=event, source=source)
        return instance
    before = snapshot(instance, fields)
    for name, value in values.items():
        setattr(instance, name, value)
    after = snapshot(instance, fields)
    if before == after:
        return instance
    instance.version += 1
    instance.updated_by = writer
    instance.save(update_fields=[*fields, "version", "updated_by", "updated_at"])
    record_change(user=user, instance=instance, before=before, after=after, reason=reason, event=event, source=source)
    return instance


@transaction.atomic
def assess_goal(
    *, user: User, goal: Goal, period: FollowUpPeriod, level: AssessmentLevel | None, text: str,
    expected_version: int, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> GoalAssessment:
    plan = goal.plan
    check_same_municipality(period, plan.unit)
    state = locks.plan_state_for_update(plan=plan, period=period)
    event = guard_write(user=user, subject=Subject.ASSESSMENT, unit=plan.unit, state=state, reason=reason, source=source,
                   event=ChangeEvent.ASSESSED)
    return save_versioned(
        user=user, model=GoalAssessment, lookup={"goal": goal, "period": period},
        values={"level": level, "text": text}, expected_version=expected_version, reason=reason,
        event=event, source=source,
    )


@transaction.atomic
def assess_council_goal(
    *, user: User, choice: CouncilGoalChoice, period: FollowUpPeriod, level: AssessmentLevel | None, text: str,
    expected_version: int, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> CouncilGoalAssessment:
    plan = choice.plan
    check_same_municipality(period, plan.unit)
    state = locks.plan_state_for_update(plan=plan, period=period)
    event = guard_write(user=user, subject=Subject.ASSESSMENT, unit=plan.unit, state=state, reason=reason, source=source,
                   event=ChangeEvent.ASSESSED)
    return save_versioned(
        user=user, model=CouncilGoalAssessment, lookup={"choice": choice, "period": period},
        values={"level": level, "text": text}, expected_version=expected_version, reason=reason,
        event=event, source=source,
    )


@transaction.atomic
def save_period_report(
    *, user: User, plan: Plan, period: FollowUpPeriod, level: AssessmentLevel | None,
    upper_level: AssessmentLevel | None, text: str, summary: str, events: str, improvement_areas: str,
    expected_version: int, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> PeriodReport:
    check_same_municipality(period, plan.unit)
    state = locks.plan_state_for_update(plan=plan, period=period)
    event = guard_write(user=user, subject=Subject.ASSESSMENT, unit=plan.unit, state=state, reason=reason, source=source,
                   event=ChangeEvent.ASSESSED)
    return save_versioned(
        user=user, model=PeriodReport, lookup={"plan": plan, "period": period},
        values={"level": level, "upper_level": upper_level, "text": text, "summary": summary, "events": events,
                "improvement_areas": improvement_areas},
        expected_version=expected_version, reason=reason, event=event, source=source,
    )


@transaction.atomic
def report_outcome(
    *, user: User | None, measure: Measure, year: int, month: int, values: dict, expected_version: int | None,
    reason: str = "", source: ChangeSource = ChangeSource.PAGE, event: ChangeEvent = ChangeEvent.REPORTED,
) -> MeasureOutcome:
    """A measure's outcome of `year` as of `month`, governed by every plan of the year that shows the measure:
    written by someone who may report for the measure's own unit; decided, only as an amendment."""
    state = locks.outcome_state_for_update(measure=measure, year=year, month=month)
    event = guard_write(user=user, subject=Subject.FOLLOWUP, unit=measure.unit, state=state, reason=reason, source=source,
                   event=event)
    return save_versioned(
        user=user, model=MeasureOutcome, lookup={"measure": measure, "year": year, "month": month},
        values=values, expected_version=expected_version, reason=reason, event=event, source=source,
    )


SERIES_FIELDS = ("total", "women", "men", "reference_value", "reference_label")


@transaction.atomic
def save_series_value(
    *, user: User, measure: Measure, year: int, month: int, values: dict, expected_version: int | None,
    reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> MeasureOutcome:
    """A value of the measure's series for any year and month, whether or not a plan or a follow-up of that
    year exists (last years' values that predate Styr, a July figure before an August report). Entered by
    whoever keeps the structure of the measure's unit; a figure of a decided follow-up only as an amendment."""
    if not allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=measure.unit, state=State.ANY):
        raise WriteRefused(_("Only a controller of the measure's unit can enter its series."))
    unknown = set(values) - set(SERIES_FIELDS)
    if unknown:
        raise ValueError(f"Not a value of a series: {sorted(unknown)}")
    if values.get("reference_value") is not None and not (values.get("reference_label") or "").strip():
        raise WriteRefused(_("Say what the reference value is (e.g. “Riket”)."))
    return report_outcome(user=user, measure=measure, year=year, month=month, values=values,
                          expected_version=expected_version, reason=reason, source=source)


@transaction.atomic
def report_measure(
    *, user: User, measure: Measure, period: FollowUpPeriod, month: int,
    total: Decimal | None, women: Decimal | None, men: Decimal | None, outcome_version: int,
    analysis: str, unjustified_differences: bool | None, differences_explanation: str, analysis_version: int,
    reason: str = "", source: ChangeSource = ChangeSource.PAGE, judgement: dict | None = None,
) -> tuple[MeasureOutcome | None, MeasureAnalysis]:
    """Save a measure's values for the period's year and its analysis; both or neither.

    `judgement` holds what the page or file also gives: the full-year forecast and the committee's own
    judgement of the target ({"forecast": …, "target_met": …}); a path that does not give them leaves them."""
    judgement = judgement or {}
    if set(judgement) - {"forecast", "target_met"}:
        raise ValueError(f"Not a judgement of a measure: {sorted(judgement)}")
    check_same_municipality(period, measure.unit)
    outcome = None
    if measure.ledger_figure and any(value is not None for value in (total, women, men, judgement.get("forecast"))):
        raise WriteRefused(_("The outcome of %(measure)s is derived from the ledger; it is not typed.")
                           % {"measure": measure.name})
    if not measure.ledger_figure and (any(value is not None for value in (total, women, men)) or outcome_version):
        outcome = report_outcome(
            user=user, measure=measure, year=period.year, month=month,
            values={"total": total, "women": women, "men": men}, expected_version=outcome_version,
            reason=reason, source=source,
        )
    state = locks.analysis_state_for_update(measure=measure, period=period)
    event = guard_write(user=user, subject=Subject.FOLLOWUP, unit=measure.unit, state=state, reason=reason, source=source,
                   event=ChangeEvent.REPORTED)
    measure_analysis = save_versioned(
        user=user, model=MeasureAnalysis, lookup={"measure": measure, "period": period},
        values={"analysis": analysis, "unjustified_differences": unjustified_differences,
                "differences_explanation": differences_explanation, **judgement},
        expected_version=analysis_version, reason=reason, event=event, source=source,
    )
    return outcome, measure_analysis


@transaction.atomic
def refresh_outcome_from_kolada(*, user: User | None, measure: Measure, year: int, month: int, own: dict, reference: dict) -> str:
    """Kolada's figures for an outcome. The reference data (county average, rank) always refreshes; the own
    values (total, women, men) only while no plan showing the measure has decided that follow-up. A decided
    figure that Kolada revised is held: left unchanged, answered "held", for a controller to amend with a reason.

    `user` is whoever started the refresh (None for the nightly sync). Returns "created", "updated",
    "unchanged" or "held".
    """
    state = locks.outcome_state_for_update(measure=measure, year=year, month=month)
    existing = MeasureOutcome.objects.select_for_update().filter(measure=measure, year=year, month=month).first()
    if state == ProgressState.DECIDED:
        lookup: dict[str, Any] = {"measure": measure, "year": year, "month": month}
        revised = {name: value for name, value in own.items()
                   if existing is None or getattr(existing, name) != value}
        if not revised:
            OutcomeRevision.objects.filter(**lookup).delete()  # Kolada agrees with the decision again
        else:
            kept: dict[str, Any] = {name: getattr(existing, name) if existing else None for name in ("total", "women", "men")}
            OutcomeRevision.objects.update_or_create(defaults={**kept, **own}, **lookup)
            if existing is None:
                return "held"
        values = reference
    else:
        values = {**own, **reference}
    before = existing.version if existing else 0
    saved = save_versioned(user=user, model=MeasureOutcome, lookup={"measure": measure, "year": year, "month": month},
                  values=values, expected_version=None, event=ChangeEvent.KOLADA_REFRESH, source=ChangeSource.KOLADA)
    if state == ProgressState.DECIDED and revised:
        return "held"
    if existing is None:
        return "created"
    return "updated" if saved.version != before else "unchanged"


@transaction.atomic
def apply_outcome_revision(*, user: User, revision: OutcomeRevision, reason: str) -> MeasureOutcome:
    """Kolada's revised figures replace the decided ones, as an amendment with the controller's reason."""
    outcome = report_outcome(
        user=user, measure=revision.measure, year=revision.year, month=revision.month, values=revision.values(),
        expected_version=None, reason=reason, source=ChangeSource.KOLADA,
    )
    revision.delete()
    return outcome


@transaction.atomic
def leave_outcome_revision(*, user: User, revision: OutcomeRevision) -> None:
    """The decided figures stand; Kolada's revision is set aside (recorded, so the choice can be seen)."""
    if not amends(user, revision.measure.unit, State.DECIDED):
        raise WriteRefused(_("Only a controller can decide on Kolada's revisions."))
    record_deletion(user=user, instance=revision, source=ChangeSource.KOLADA)
    revision.delete()


def _report_status(*, user: User, model, owner: Commitment | Activity, lookup: dict, period: FollowUpPeriod,
                   status: StatusOption | None, comment: str, expected_version: int, reason: str,
                   source: ChangeSource):
    plan = owner.plan
    check_same_municipality(period, plan.unit)
    if status is not None and status.municipality_id != plan.unit.municipality_id:
        raise WriteRefused(_("The status belongs to another municipality."))
    state = locks.plan_state_for_update(plan=plan, period=period)
    event = guard_write(user=user, subject=Subject.FOLLOWUP, unit=plan.unit, state=state, reason=reason, source=source,
                   event=ChangeEvent.REPORTED)
    return save_versioned(user=user, model=model, lookup={**lookup, "period": period},
                 values={"status": status, "comment": comment}, expected_version=expected_version, reason=reason,
                 event=event, source=source)


@transaction.atomic
def report_commitment_status(
    *, user: User, commitment: Commitment, period: FollowUpPeriod, status: StatusOption | None, comment: str,
    expected_version: int, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> CommitmentReport:
    return _report_status(user=user, model=CommitmentReport, owner=commitment, lookup={"commitment": commitment},
                          period=period, status=status, comment=comment, expected_version=expected_version,
                          reason=reason, source=source)


@transaction.atomic
def report_activity_status(
    *, user: User, activity: Activity, period: FollowUpPeriod, status: StatusOption | None, comment: str,
    expected_version: int, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> ActivityReport:
    return _report_status(user=user, model=ActivityReport, owner=activity, lookup={"activity": activity},
                          period=period, status=status, comment=comment, expected_version=expected_version,
                          reason=reason, source=source)


class TransitionRefused(Exception):
    """The period is not in a state where this step can be taken."""


def _progress_for_update(plan: Plan, period: FollowUpPeriod) -> PeriodProgress:
    progress, _ = PeriodProgress.objects.select_for_update().get_or_create(plan=plan, period=period)
    return progress


STEP_ACTIONS = {
    ProgressState.READY: (Action.MARK_READY, ChangeEvent.MARKED_READY),
    ProgressState.OPEN: (Action.APPROVE, ChangeEvent.REOPENED),
    ProgressState.APPROVED: (Action.APPROVE, ChangeEvent.APPROVED),
    ProgressState.DECIDED: (Action.DECIDE, ChangeEvent.DECIDED),
}


def _transition(*, user: User, plan: Plan, period: FollowUpPeriod, source: str, target: str, values: dict,
                stamp: str = "", path: ChangeSource = ChangeSource.PAGE) -> PeriodProgress:
    """One step of the cycle, with the permission and the state checked on the locked progress row."""
    check_same_municipality(period, plan.unit)
    progress = _progress_for_update(plan, period)
    if progress.state != source:
        raise TransitionRefused(progress.get_state_display())
    action, event = STEP_ACTIONS[ProgressState(target)]
    if not allowed(user, subject=Subject.FOLLOWUP, action=action, unit=plan.unit, state=State(source)):
        raise WriteRefused(_("You may not take this step."))
    if stamp:  # the time the step took effect: after the lock, so no write can come between it and the step
        values = {**values, stamp: timezone.now()}
    fields = ["state", *values]
    before = snapshot(progress, fields)
    progress.state = target
    for name, value in values.items():
        setattr(progress, name, value)
    progress.save(update_fields=fields)
    record_change(user=user, instance=progress, before=before, after=snapshot(progress, fields), event=event,
                  source=path)
    return progress


@transaction.atomic
def mark_ready(*, user: User, plan: Plan, period: FollowUpPeriod) -> PeriodProgress:
    """The unit says its part of the period is filled in."""
    return _transition(user=user, plan=plan, period=period, source=ProgressState.OPEN, target=ProgressState.READY,
                       values={"ready_by": user}, stamp="ready_at")


@transaction.atomic
def reopen(*, user: User, plan: Plan, period: FollowUpPeriod) -> PeriodProgress:
    """Send a part marked ready back to the unit, e.g. when the controller wants more."""
    return _transition(user=user, plan=plan, period=period, source=ProgressState.READY, target=ProgressState.OPEN,
                       values={"ready_at": None, "ready_by": None})


@transaction.atomic
def approve(*, user: User, plan: Plan, period: FollowUpPeriod) -> PeriodProgress:
    return _transition(user=user, plan=plan, period=period, source=ProgressState.READY, target=ProgressState.APPROVED,
                       values={"approved_by": user}, stamp="approved_at")


@transaction.atomic
def record_decision(
    *, user: User, plan: Plan, period: FollowUpPeriod, decided_on: datetime.date, paragraph: str,
    source: ChangeSource = ChangeSource.PAGE,
) -> PeriodProgress:
    """The committee has decided: the period locks; later corrections are logged amendments.

    Pages decide through `styr.documents.services.decide`, which also freezes the period's documents.
    """
    if not paragraph.strip():
        raise TransitionRefused("paragraph")
    return _transition(user=user, plan=plan, period=period, source=ProgressState.APPROVED, target=ProgressState.DECIDED,
                       values={"decided_on": decided_on, "decision_paragraph": paragraph.strip()}, path=source)


def progress_state(plan: Plan, period: FollowUpPeriod) -> str:
    state = PeriodProgress.objects.filter(plan=plan, period=period).values_list("state", flat=True).first()
    return state or ProgressState.OPEN
