"""Reading: municipalities, units, periods, plans, a plan's follow-up in a period, measures."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
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


def listing(operation_id: str, serializer, **schema):
    """A paged list (styr.api.pagination) as the OpenAPI description states it."""
    return extend_schema_view(get=extend_schema(
        operation_id=operation_id, responses={200: serializer(many=True), 400: INVALID, **READ_ERRORS}, **schema))


@listing("municipalities_list", MunicipalitySerializer)
class MunicipalityList(generics.ListAPIView):
    """Municipalities with at least one plan the user may read."""

    serializer_class = MunicipalitySerializer

    def get_queryset(self):
        return access.visible_municipalities(self.request.user)


@extend_schema(operation_id="municipality_read", responses={200: MunicipalityDetailSerializer, **READ_ERRORS})
@api_view(["GET"])
def municipality_detail(request, slug: str):
    """A municipality with its assessment levels and statuses (the keys the writes take)."""
    municipality = access.get_municipality(request.user, slug)
    return Response(MunicipalityDetailSerializer(municipality).data)


@listing("units_list", UnitSerializer)
class UnitList(generics.ListAPIView):
    """The municipality's organisational units; `parent` builds the tree."""

    serializer_class = UnitSerializer

    def get_queryset(self):
        municipality = access.get_municipality(self.request.user, self.kwargs["slug"])
        return OrganisationUnit.objects.filter(municipality=municipality)


class YearQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2200)


@extend_schema_view(get=extend_schema(
    operation_id="periods_list", parameters=[YearQuerySerializer],
    responses={200: PeriodSerializer(many=True), 400: INVALID, **READ_ERRORS},
))
class PeriodList(generics.ListAPIView):
    """The municipality's follow-up periods, of one year if `year` is given."""

    serializer_class = PeriodSerializer

    def get_queryset(self):
        municipality = access.get_municipality(self.request.user, self.kwargs["slug"])
        query = YearQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        periods = FollowUpPeriod.objects.filter(municipality=municipality).order_by("year", "as_of", "pk")
        if "year" in query.validated_data:
            periods = periods.filter(year=query.validated_data["year"])
        return periods


@listing("unit_plans_list", PlanSerializer)
class UnitPlanList(generics.ListAPIView):
    """The unit's plans that the user may read, newest year first."""

    serializer_class = PlanSerializer

    def get_queryset(self):
        return access.readable_unit_plans(self.request.user, access.get_unit(self.request.user, self.kwargs["unit_id"]))


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
