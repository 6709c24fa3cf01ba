"""The committee's internal-control texts in a period: GET them (with their version), PUT new ones.

Written through `styr.control.services.save_control_report`, with the follow-up's locks and history, as on the
internal-control follow-up page.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from styr.api import access
from styr.api.serializers.control import (
    TEXTS,
    ControlReportConflictSerializer,
    ControlReportInputSerializer,
    ControlReportSerializer,
)
from styr.api.views.docs import READ_ERRORS, write_errors
from styr.api.views.writes import _save, _validated
from styr.control import services
from styr.control.models import ControlReport
from styr.followup.models import FollowUpPeriod
from styr.history.models import ChangeSource
from styr.organisation.permissions import Subject
from styr.plans.models import Plan


def _current(plan: Plan, period: FollowUpPeriod) -> dict:
    report = ControlReport.objects.filter(plan=plan, period=period).first()
    if report is None:
        return {"verdict": "", **dict.fromkeys(TEXTS, ""), "version": 0}
    return {"verdict": report.verdict, **{name: getattr(report, name) for name in TEXTS}, "version": report.version}


@extend_schema(methods=["GET"], operation_id="control_report_read",
               responses={200: ControlReportSerializer, **READ_ERRORS})
@extend_schema(methods=["PUT"], operation_id="control_report_write", request=ControlReportInputSerializer,
               responses={200: ControlReportSerializer, **write_errors(ControlReportConflictSerializer)})
@api_view(["GET", "PUT"])
def control_report(request, plan_id: int, period_id: int):
    """The committee's verdict on its internal control in the period, the summary and the parts' texts."""
    plan = access.get_plan(request.user, plan_id)
    period = access.get_period(plan, period_id)
    if request.method == "GET":
        return Response(ControlReportSerializer(_current(plan, period)).data)
    amending = access.require_edit(request.user, Subject.ASSESSMENT, plan, period)
    data = _validated(ControlReportInputSerializer(data=request.data, context={"amending": amending}))
    return _save(
        lambda: services.save_control_report(
            user=request.user, plan=plan, period=period, verdict=data["verdict"],
            **{name: data[name] for name in TEXTS}, expected_version=data["version"],
            reason=data["amendment_reason"], source=ChangeSource.API),
        lambda: _current(plan, period), ControlReportSerializer,
    )


