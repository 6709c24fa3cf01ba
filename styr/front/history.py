"""The history page of an audited object: every recorded change, and on PostgreSQL the database's own log."""

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.control.models import (
    AuditAction,
    AuditActionReport,
    AuditReview,
    ControlActivity,
    ControlReport,
    ControlResult,
    Risk,
    RiskAction,
    RiskActionReport,
)
from styr.followup.models import (
    ActivityReport,
    CommitmentReport,
    CouncilGoalAssessment,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    PeriodProgress,
    PeriodReport,
)
from styr.history.models import Change
from styr.organisation.access import can
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user, login_redirect
from styr.plans.models import Plan

# The audited objects a plan's history page shows, with the path from each to the unit that owns it.
AUDITED = {
    model._meta.model_name: (model, unit_path)
    for model, unit_path in (
        (GoalAssessment, "goal__plan__unit"), (CouncilGoalAssessment, "choice__plan__unit"),
        (PeriodReport, "plan__unit"), (PeriodProgress, "plan__unit"), (MeasureOutcome, "measure__unit"),
        (MeasureAnalysis, "measure__unit"), (CommitmentReport, "commitment__plan__unit"),
        (ActivityReport, "activity__plan__unit"),
        (Risk, "plan__unit"), (RiskAction, "risk__plan__unit"), (RiskActionReport, "action__risk__plan__unit"),
        (AuditReview, "plan__unit"), (AuditAction, "review__plan__unit"),
        (AuditActionReport, "action__review__plan__unit"), (ControlActivity, "unit"), (ControlResult, "unit"),
        (ControlReport, "plan__unit"),
    )
}


def _readable(model: type[models.Model], values: dict) -> list[tuple[str, str]]:
    """Field labels and values as people read them (a level's label rather than its id)."""
    rows = []
    for name, value in sorted(values.items()):
        field = model._meta.get_field(name)
        related_model = field.related_model
        if isinstance(related_model, type) and value is not None:
            related = related_model._default_manager.filter(pk=value).first()
            value = str(related) if related else value
        rows.append((str(getattr(field, "verbose_name", name)), "" if value is None else str(value)))
    return rows


def _database_log(instance: models.Model) -> list[dict]:
    """On PostgreSQL, the triggers' complete record of the object, writes outside Styr's forms included."""
    if connection.vendor != "postgresql":
        return []
    tracked = instance.audit_events  # type: ignore[attr-defined]  # the related name @audited gives pghistory's events
    events = list(tracked.select_related("pgh_context").order_by("-pgh_id"))
    user_ids = {(event.pgh_context.metadata or {}).get("user") for event in events if event.pgh_context}
    users = {user.pk: user for user in User.objects.filter(pk__in=[pk for pk in user_ids if pk is not None])}
    return [
        {"at": event.pgh_created_at, "label": event.pgh_label,
         "user": users.get((event.pgh_context.metadata or {}).get("user", 0)) if event.pgh_context else None}
        for event in events
    ]


def _get_audited_for_user(
    request: HttpRequest, municipality: str, unit: str, year: int, model: str, pk: int
) -> tuple[Plan, models.Model]:
    plan = get_plan_for_user(request, municipality, unit, year)
    if model not in AUDITED:
        raise Http404("No history for that kind of object")
    model_class, unit_path = AUDITED[model]
    instance = model_class.objects.filter(pk=pk, **{unit_path: plan.unit}).first()
    if instance is None:
        raise Http404("No such object in this plan")
    if not can(request.user, Action.VIEW, Subject.HISTORY, plan.unit, State.ANY):
        raise PermissionDenied
    return plan, instance


@login_redirect
def object_history(request, municipality: str, unit: str, year: int, model: str, pk: int):
    plan, instance = _get_audited_for_user(request, municipality, unit, year, model, pk)
    model_class = type(instance)
    changes = Change.objects.filter(
        content_type=ContentType.objects.get_for_model(model_class), object_id=str(pk)
    ).select_related("user").order_by("-at", "-pk")
    rows = [
        {"change": change, "before": dict(_readable(model_class, change.before)),
         "after": _readable(model_class, change.after)}
        for change in changes
    ]
    context = {
        "plan": plan, "instance": instance, "rows": rows, "database_log": _database_log(instance),
        "breadcrumbs": [
            (plan.unit.municipality.short_name, ""),
            (f"{plan.unit.name} {plan.year}", reverse("overview", args=[municipality, unit, year])),
            (_("History"), ""),
        ],
    }
    return render(request, "front/history.html", context)
