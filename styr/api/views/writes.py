"""Follow-up of a plan in a period, item by item: GET the saved item (with its version), PUT a new one.

Writes go through `styr.followup.services` (transaction, history, optimistic locking); a conflict
answers 409 with the item as the other person saved it, and nothing is written.
"""

from collections.abc import Callable
from functools import partial

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from styr.api import access
from styr.api.serializers.common import AssessmentSerializer, StatusReportSerializer
from styr.api.serializers.writes import (
    AssessmentConflictSerializer,
    AssessmentInputSerializer,
    MeasureReportConflictSerializer,
    MeasureReportInputSerializer,
    MeasureReportSerializer,
    StatusConflictSerializer,
    StatusInputSerializer,
)
from styr.api.structure import current_goal_assessment, current_measure_report, current_status
from styr.api.views.docs import READ_ERRORS, write_errors
from styr.followup import services
from styr.followup.models import ActivityReport, AssessmentLevel, CommitmentReport, StatusOption
from styr.history.models import ChangeSource
from styr.organisation.permissions import Subject
from styr.plans.models import Measure


def _one[T: Model](queryset: QuerySet[T], pk: int) -> T:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def _validated(serializer: Serializer) -> dict:
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _save(write: Callable[[], object], current: Callable[[], object], serializer_class) -> Response:
    try:
        write()
    except services.WriteRefused as refused:
        raise PermissionDenied(str(refused)) from None
    except services.EditConflict:
        return Response(
            {"detail": _("Someone else saved this in the meantime. Nothing was written; the saved version is "
                         "returned. Send your change again with its version to replace it."),
             "current": serializer_class(current()).data},
            status=409,
        )
    return Response(serializer_class(current()).data)


@extend_schema(methods=["GET"], operation_id="goal_assessment_read",
               responses={200: AssessmentSerializer, **READ_ERRORS})
@extend_schema(methods=["PUT"], operation_id="goal_assessment_write", request=AssessmentInputSerializer,
               responses={200: AssessmentSerializer, **write_errors(AssessmentConflictSerializer)})
@api_view(["GET", "PUT"])
def goal_assessment(request, plan_id: int, period_id: int, goal_id: int):
    """A goal's assessment (måluppfyllelse) in the period."""
    plan = access.get_plan(request.user, plan_id)
    period = access.get_period(plan, period_id)
    goal = _one(plan.goals.all(), goal_id)
    current = partial(current_goal_assessment, goal, period)
    if request.method == "GET":
        return Response(AssessmentSerializer(current()).data)
    amending = access.require_edit(request.user, Subject.ASSESSMENT, plan, period)
    levels = AssessmentLevel.objects.filter(scale__municipality_id=plan.unit.municipality_id)
    data = _validated(AssessmentInputSerializer(data=request.data, context={"levels": levels, "amending": amending}))
    return _save(
        lambda: services.assess_goal(user=request.user, goal=goal, period=period, level=data["level"],
                                     text=data["text"], expected_version=data["version"],
                                     reason=data["amendment_reason"], source=ChangeSource.API),
        current, AssessmentSerializer,
    )


@extend_schema(methods=["GET"], operation_id="measure_report_read",
               responses={200: MeasureReportSerializer, **READ_ERRORS})
@extend_schema(methods=["PUT"], operation_id="measure_report_write", request=MeasureReportInputSerializer,
               responses={200: MeasureReportSerializer, **write_errors(MeasureReportConflictSerializer)})
@api_view(["GET", "PUT"])
def measure_report(request, plan_id: int, period_id: int, measure_id: int):
    """A measure's outcome for the period's month (total, women, men) and its analysis; both or neither."""
    plan = access.get_plan(request.user, plan_id)
    period = access.get_period(plan, period_id)
    measure = _one(Measure.objects.filter(goal_measures__goal__plan=plan).distinct(), measure_id)
    values_editable = period.takes_outcomes
    current = partial(current_measure_report, measure, period, values_editable=values_editable)
    if request.method == "GET":
        return Response(MeasureReportSerializer(current()).data)
    amending = access.require_edit(request.user, Subject.FOLLOWUP, plan, period)
    data = _validated(MeasureReportInputSerializer(
        data=request.data, context={"measure": measure, "values_editable": values_editable, "amending": amending}))
    return _save(
        lambda: services.report_measure(
            user=request.user, measure=measure, period=period, month=period.as_of.month,
            total=data["total"], women=data["women"], men=data["men"],
            outcome_version=data["outcome_version"] if values_editable else 0,
            analysis=data["analysis"], unjustified_differences=data["unjustified_differences"],
            differences_explanation=data["differences_explanation"], analysis_version=data["analysis_version"],
            reason=data["amendment_reason"], source=ChangeSource.API,
        ),
        current, MeasureReportSerializer,
    )


def _status_view(*, item: str, related_name: str, report_model, write, doc: str):
    """The GET/PUT view of a commitment's or an activity's status in the period."""

    @extend_schema(methods=["GET"], operation_id=f"{item}_status_read", description=doc,
                   responses={200: StatusReportSerializer, **READ_ERRORS})
    @extend_schema(methods=["PUT"], operation_id=f"{item}_status_write", description=doc,
                   request=StatusInputSerializer,
                   responses={200: StatusReportSerializer, **write_errors(StatusConflictSerializer)})
    @api_view(["GET", "PUT"])
    def view(request, plan_id: int, period_id: int, item_id: int):
        plan = access.get_plan(request.user, plan_id)
        period = access.get_period(plan, period_id)
        obj = _one(getattr(plan, related_name).all(), item_id)
        current = partial(current_status, report_model, {item: obj}, period)
        if request.method == "GET":
            return Response(StatusReportSerializer(current()).data)
        amending = access.require_edit(request.user, Subject.FOLLOWUP, plan, period)
        statuses = StatusOption.objects.filter(municipality_id=plan.unit.municipality_id)
        data = _validated(StatusInputSerializer(data=request.data, context={"statuses": statuses, "amending": amending}))
        return _save(
            lambda: write(user=request.user, period=period, status=data["status"], comment=data["comment"],
                          expected_version=data["version"], reason=data["amendment_reason"], source=ChangeSource.API,
                          **{item: obj}),
            current, StatusReportSerializer,
        )

    return view


commitment_status = _status_view(
    item="commitment", related_name="commitments", report_model=CommitmentReport,
    write=services.report_commitment_status, doc="A development commitment's status and comment in the period.",
)
activity_status = _status_view(
    item="activity", related_name="activities", report_model=ActivityReport,
    write=services.report_activity_status, doc="An activity's status and comment in the period.",
)
