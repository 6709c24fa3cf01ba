"""Every follow-up write: one function per action, each in a transaction that also records history.

Writes use optimistic locking: the caller passes the version it read (0 for "nothing saved yet");
if someone saved in between, `EditConflict` carries the saved object and nothing is written.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from styr.followup.models import (
    ActivityReport,
    AssessmentLevel,
    CommitmentReport,
    CouncilGoalAssessment,
    FollowUpPeriod,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    PeriodProgress,
    PeriodReport,
    ProgressState,
    StatusOption,
)
from styr.history.services import record_change, snapshot
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

    def __init__(self, saved: models.Model):
        super().__init__("The item was saved by someone else in the meantime")
        self.saved = saved


def _save(
    *, user: User, model: type[models.Model], lookup: dict, values: dict, expected_version: int, reason: str = ""
):
    """Create or update the item found by `lookup`, if nobody saved it since `expected_version`.

    `reason` is required history for amendments of a decided period (see `styr.followup.editing`).
    """
    instance = model.objects.select_for_update().filter(**lookup).first()
    current_version = instance.version if instance else 0
    if current_version != expected_version:
        raise EditConflict(instance)
    fields = list(values)
    if instance is None:
        instance = model(**lookup, **values, updated_by=user if user.is_authenticated else None)
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError:
            # Someone created the same item between our read and our insert.
            raise EditConflict(model.objects.filter(**lookup).first()) from None
        record_change(user=user, instance=instance, before={}, after=snapshot(instance, fields), reason=reason)
        return instance
    before = snapshot(instance, fields)
    for name, value in values.items():
        setattr(instance, name, value)
    after = snapshot(instance, fields)
    if before == after:
        return instance
    instance.version += 1
    instance.updated_by = user
    instance.save(update_fields=[*fields, "version", "updated_by", "updated_at"])
    record_change(user=user, instance=instance, before=before, after=after, reason=reason)
    return instance


@transaction.atomic
def assess_goal(
    *, user: User, goal: Goal, period: FollowUpPeriod, level: AssessmentLevel | None, text: str,
    expected_version: int, reason: str = "",
) -> GoalAssessment:
    return _save(
        user=user, model=GoalAssessment, lookup={"goal": goal, "period": period},
        values={"level": level, "text": text}, expected_version=expected_version, reason=reason,
    )


@transaction.atomic
def assess_council_goal(
    *, user: User, choice: CouncilGoalChoice, period: FollowUpPeriod, level: AssessmentLevel | None, text: str,
    expected_version: int, reason: str = ""
) -> CouncilGoalAssessment:
    return _save(
        user=user, model=CouncilGoalAssessment, lookup={"choice": choice, "period": period},
        values={"level": level, "text": text}, expected_version=expected_version, reason=reason,
    )


@transaction.atomic
def save_period_report(
    *, user: User, plan: Plan, period: FollowUpPeriod, level: AssessmentLevel | None,
    upper_level: AssessmentLevel | None, text: str, summary: str, events: str, improvement_areas: str,
    expected_version: int, reason: str = ""
) -> PeriodReport:
    return _save(
        user=user, model=PeriodReport, lookup={"plan": plan, "period": period},
        values={"level": level, "upper_level": upper_level, "text": text, "summary": summary, "events": events,
                "improvement_areas": improvement_areas},
        expected_version=expected_version, reason=reason,
    )


@transaction.atomic
def report_measure(
    *, user: User, measure: Measure, period: FollowUpPeriod, month: int,
    total: Decimal | None, women: Decimal | None, men: Decimal | None, outcome_version: int,
    analysis: str, unjustified_differences: bool | None, differences_explanation: str, analysis_version: int,
    reason: str = "",
) -> tuple[MeasureOutcome | None, MeasureAnalysis]:
    """Save a measure's values for the period's year and its analysis; both or neither."""
    outcome = None
    if any(value is not None for value in (total, women, men)) or outcome_version:
        outcome = _save(
            user=user, model=MeasureOutcome, lookup={"measure": measure, "year": period.year, "month": month},
            values={"total": total, "women": women, "men": men}, expected_version=outcome_version, reason=reason,
        )
    measure_analysis = _save(
        user=user, model=MeasureAnalysis, lookup={"measure": measure, "period": period},
        values={"analysis": analysis, "unjustified_differences": unjustified_differences,
                "differences_explanation": differences_explanation},
        expected_version=analysis_version, reason=reason,
    )
    return outcome, measure_analysis


@transaction.atomic
def report_commitment_status(
    *, user: User, commitment: Commitment, period: FollowUpPeriod, status: StatusOption | None, comment: str,
    expected_version: int, reason: str = ""
) -> CommitmentReport:
    return _save(
        user=user, model=CommitmentReport, lookup={"commitment": commitment, "period": period},
        values={"status": status, "comment": comment}, expected_version=expected_version, reason=reason,
    )


@transaction.atomic
def report_activity_status(
    *, user: User, activity: Activity, period: FollowUpPeriod, status: StatusOption | None, comment: str,
    expected_version: int, reason: str = ""
) -> ActivityReport:
    return _save(
        user=user, model=ActivityReport, lookup={"activity": activity, "period": period},
        values={"status": status, "comment": comment}, expected_version=expected_version, reason=reason,
    )


class TransitionRefused(Exception):
    """The period is not in a state where this step can be taken."""


def _progress_for_update(plan: Plan, period: FollowUpPeriod) -> PeriodProgress:
    progress, _ = PeriodProgress.objects.select_for_update().get_or_create(plan=plan, period=period)
    return progress


def _transition(*, user: User, plan: Plan, period: FollowUpPeriod, source: str, target: str, values: dict) -> PeriodProgress:
    progress = _progress_for_update(plan, period)
    if progress.state != source:
        raise TransitionRefused(progress.get_state_display())
    fields = ["state", *values]
    before = snapshot(progress, fields)
    progress.state = target
    for name, value in values.items():
        setattr(progress, name, value)
    progress.save(update_fields=fields)
    record_change(user=user, instance=progress, before=before, after=snapshot(progress, fields))
    return progress


@transaction.atomic
def mark_ready(*, user: User, plan: Plan, period: FollowUpPeriod) -> PeriodProgress:
    """The unit says its part of the period is filled in."""
    return _transition(user=user, plan=plan, period=period, source=ProgressState.OPEN, target=ProgressState.READY,
                       values={"ready_at": timezone.now(), "ready_by": user})


@transaction.atomic
def reopen(*, user: User, plan: Plan, period: FollowUpPeriod) -> PeriodProgress:
    """Send a part marked ready back to the unit, e.g. when the controller wants more."""
    return _transition(user=user, plan=plan, period=period, source=ProgressState.READY, target=ProgressState.OPEN,
                       values={"ready_at": None, "ready_by": None})


@transaction.atomic
def approve(*, user: User, plan: Plan, period: FollowUpPeriod) -> PeriodProgress:
    return _transition(user=user, plan=plan, period=period, source=ProgressState.READY, target=ProgressState.APPROVED,
                       values={"approved_at": timezone.now(), "approved_by": user})


@transaction.atomic
def record_decision(
    *, user: User, plan: Plan, period: FollowUpPeriod, decided_on: datetime.date, paragraph: str
) -> PeriodProgress:
    """The committee has decided: the period locks; later corrections are logged amendments."""
    if not paragraph.strip():
        raise TransitionRefused("paragraph")
    return _transition(user=user, plan=plan, period=period, source=ProgressState.APPROVED, target=ProgressState.DECIDED,
                       values={"decided_on": decided_on, "decision_paragraph": paragraph.strip()})


def progress_state(plan: Plan, period: FollowUpPeriod) -> str:
    state = PeriodProgress.objects.filter(plan=plan, period=period).values_list("state", flat=True).first()
    return state or ProgressState.OPEN
