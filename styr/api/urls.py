from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from styr.api.views import control, reads, writes

app_name = "api"
FOLLOWUP = "plans/<int:plan_id>/periods/<int:period_id>/"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("municipalities/", reads.MunicipalityList.as_view(), name="municipalities"),
    path("municipalities/<slug:slug>/", reads.municipality_detail, name="municipality"),
    path("municipalities/<slug:slug>/units/", reads.UnitList.as_view(), name="units"),
    path("municipalities/<slug:slug>/periods/", reads.PeriodList.as_view(), name="periods"),
    path("units/<int:unit_id>/plans/", reads.UnitPlanList.as_view(), name="unit_plans"),
    path("plans/<int:plan_id>/", reads.plan_detail, name="plan"),
    path(FOLLOWUP, reads.plan_followup_detail, name="plan_followup"),
    path(f"{FOLLOWUP}goals/<int:goal_id>/assessment/", writes.goal_assessment, name="goal_assessment"),
    path(f"{FOLLOWUP}measures/<int:measure_id>/report/", writes.measure_report, name="measure_report"),
    path(f"{FOLLOWUP}commitments/<int:item_id>/status/", writes.commitment_status, name="commitment_status"),
    path(f"{FOLLOWUP}activities/<int:item_id>/status/", writes.activity_status, name="activity_status"),
    path(f"{FOLLOWUP}internal-control/", control.control_report, name="control_report"),
    path("measures/<int:measure_id>/", reads.measure_detail, name="measure"),
    # Any other address under /api/ answers in JSON too, not with the site's HTML 404 page.
    re_path(r"^", reads.not_found),
]
