"""Every follow-up write: one function per action, each in a transaction that also records history.

Writes use optimistic locking: the caller passes the version it read (0 for "nothing saved yet");
if someone saved in between, `EditConflict` carries the saved object and nothing is written.
"""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction

from styr.followup.models import (
    ActivityReport, AssessmentLevel, CommitmentReport, CouncilGoalAssessment, FollowUpPeriod, GoalAssessment,
    MeasureAnalysis, MeasureOutcome, PeriodReport, StatusOption,
)
from styr.history.services import record_change, snapshot
from styr.plans.models import Activity, Commitment, CouncilGoalChoice, Goal, Measure, Plan


class EditConflict(Exception):
    """Someone else saved the same item after the user opened it."""

    def __init__(self, saved: models.Model):
        super().__init__("The item was saved by someone else in the meantime")
        self.saved = saved


def _save(*, user: User, model: type[models.Model], lookup: dict, values: dict, expected_version: int):
    """Create or update the item found by `lookup`, if nobody saved it since `expected_version`."""
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
        record_change(user=user, instance=instance, before={}, after=snapshot(instance, fields))
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
    record_change(user=user, instance=instance, before=before, after=after)
    return instance


@transaction.atomic
def assess_goal(
    *, user: User, goal: Goal, period: FollowUpPeriod, level: AssessmentLevel | None, text: str, expected_version: int
) -> GoalAssessment:
    return _save(
        user=user, model=GoalAssessment, lookup={"goal": goal, "period": period},
        values={"level": level, "text": text}, expected_version=expected_version,
    )


@transaction.atomic
def assess_council_goal(
    *, user: User, choice: CouncilGoalChoice, period: FollowUpPeriod, level: AssessmentLevel | None, text: str,
    expected_version: int,
) -> CouncilGoalAssessment:
    return _save(
        user=user, model=CouncilGoalAssessment, lookup={"choice": choice, "period": period},
        values={"level": level, "text": text}, expected_version=expected_version,
    )


@transaction.atomic
def save_period_report(
    *, user: User, plan: Plan, period: FollowUpPeriod, level: AssessmentLevel | None,
    upper_level: AssessmentLevel | None, text: str, summary: str, events: str, improvement_areas: str,
    expected_version: int,
) -> PeriodReport:
    return _save(
        user=user, model=PeriodReport, lookup={"plan": plan, "period": period},
        values={"level": level, "upper_level": upper_level, "text": text, "summary": summary, "events": events,
                "improvement_areas": improvement_areas},
        expected_version=expected_version,
    )


@transaction.atomic
def report_measure(
    *, user: User, measure: Measure, period: FollowUpPeriod, month: int,
    total: Decimal | None, women: Decimal | None, men: Decimal | None, outcome_version: int,
    analysis: str, unjustified_differences: bool | None, differences_explanation: str, analysis_version: int,
) -> tuple[MeasureOutcome | None, MeasureAnalysis]:
    """Save a measure's values for the period's year and its analysis; both or neither."""
    outcome = None
    if any(value is not None for value in (total, women, men)) or outcome_version:
        outcome = _save(
            user=user, model=MeasureOutcome, lookup={"measure": measure, "year": period.year, "month": month},
            values={"total": total, "women": women, "men": men}, expected_version=outcome_version,
        )
    measure_analysis = _save(
        user=user, model=MeasureAnalysis, lookup={"measure": measure, "period": period},
        values={"analysis": analysis, "unjustified_differences": unjustified_differences,
                "differences_explanation": differences_explanation},
        expected_version=analysis_version,
    )
    return outcome, measure_analysis


@transaction.atomic
def report_commitment_status(
    *, user: User, commitment: Commitment, period: FollowUpPeriod, status: StatusOption | None, comment: str,
    expected_version: int,
) -> CommitmentReport:
    return _save(
        user=user, model=CommitmentReport, lookup={"commitment": commitment, "period": period},
        values={"status": status, "comment": comment}, expected_version=expected_version,
    )


@transaction.atomic
def report_activity_status(
    *, user: User, activity: Activity, period: FollowUpPeriod, status: StatusOption | None, comment: str,
    expected_version: int,
) -> ActivityReport:
    return _save(
        user=user, model=ActivityReport, lookup={"activity": activity, "period": period},
        values={"status": status, "comment": comment}, expected_version=expected_version,
    )
