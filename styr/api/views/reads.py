"""Reading: municipalities, units, periods, plans, a plan's follow-up in a period, measures."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from styr.api import access
from styr.api.serializers.common import PeriodSerializer
from styr.api.serializers.reads import (
    MeasureDetailSerializer,
    MunicipalityDetailSerializer,
    MunicipalitySerializer,
    PlanDetailSerializer,
    PlanFollowUpSerializer,
    PlanSerializer,
    UnitSerializer,
)
from styr.api.structure import measure_with_visible_history, plan_followup, plan_structure
from styr.api.views.docs import INVALID, READ_ERRORS
from styr.followup.models import FollowUpPeriod
from styr.organisation.models import OrganisationUnit
from styr.plans.access import readable_plans


@extend_schema(operation_id="municipalities_list", responses={200: MunicipalitySerializer(many=True)})
@api_view(["GET"])
def municipality_list(request):
    """Municipalities with at least one plan the user may read."""
    return Response(MunicipalitySerializer(access.visible_municipalities(request.user), many=True).data)


@extend_schema(operation_id="municipality_read", responses={200: MunicipalityDetailSerializer, **READ_ERRORS})
@api_view(["GET"])
def municipality_detail(request, slug: str):
    """A municipality with its assessment levels and statuses (the keys the writes take)."""
    municipality = access.get_municipality(request.user, slug)
    return Response(MunicipalityDetailSerializer(municipality).data)


@extend_schema(operation_id="units_list", responses={200: UnitSerializer(many=True), **READ_ERRORS})
@api_view(["GET"])
def unit_list(request, slug: str):
    """The municipality's organisational units; `parent` builds the tree."""
    municipality = access.get_municipality(request.user, slug)
    return Response(UnitSerializer(OrganisationUnit.objects.filter(municipality=municipality), many=True).data)


class YearQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2200)


@extend_schema(
    operation_id="periods_list", parameters=[YearQuerySerializer],
    responses={200: PeriodSerializer(many=True), 400: INVALID, **READ_ERRORS},
)
@api_view(["GET"])
def period_list(request, slug: str):
    """The municipality's follow-up periods, of one year if `year` is given."""
    municipality = access.get_municipality(request.user, slug)
    query = YearQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    periods = FollowUpPeriod.objects.filter(municipality=municipality)
    if "year" in query.validated_data:
        periods = periods.filter(year=query.validated_data["year"])
    return Response(PeriodSerializer(periods, many=True).data)


@extend_schema(operation_id="unit_plans_list", responses={200: PlanSerializer(many=True), **READ_ERRORS})
@api_view(["GET"])
def unit_plans(request, unit_id: int):
    """The unit's plans that the user may read, newest year first."""
    unit = access.get_unit(request.user, unit_id)
    plans = readable_plans(request.user, unit.plans.select_related("unit__municipality").order_by("-year"))
    return Response(PlanSerializer(plans, many=True).data)


@extend_schema(operation_id="plan_read", responses={200: PlanDetailSerializer, **READ_ERRORS})
@api_view(["GET"])
def plan_detail(request, plan_id: int):
    """A plan: council goals (included or not), goals, measures, commitments, activities, and its periods."""
    plan = access.get_plan(request.user, plan_id)
    return Response(PlanDetailSerializer(plan_structure(plan)).data)


@extend_schema(operation_id="plan_followup_read", responses={200: PlanFollowUpSerializer, **READ_ERRORS})
@api_view(["GET"])
def plan_followup_detail(request, plan_id: int, period_id: int):
    """The plan in a period: assessments, measure results with targets and trends, statuses, report texts."""
    plan = access.get_plan(request.user, plan_id)
    period = access.get_period(plan, period_id)
    return Response(PlanFollowUpSerializer(plan_followup(plan, period)).data)


@extend_schema(operation_id="measure_read", responses={200: MeasureDetailSerializer, **READ_ERRORS})
@api_view(["GET"])
def measure_detail(request, measure_id: int):
    """A measure with its targets and outcomes (total, women, men, county average, ranking) over the years."""
    measure, plans = access.get_measure(request.user, measure_id)
    return Response(MeasureDetailSerializer(measure_with_visible_history(measure, plans)).data)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
def not_found(request):
    raise NotFound()
