from django.urls import path

from styr.control import analysis_views, quality_views, register, report_views, views

app_name = "control"
prefix = "<slug:municipality>/<slug:unit>/<int:year>/intern-kontroll/"

urlpatterns = [
    path(prefix, views.control_overview, name="overview"),
    path(prefix + "uppfoljning/<slug:period>/", views.control_edit, name="edit"),
    path(prefix + "uppfoljning/<slug:period>/excel/", report_views.report_excel, name="report_excel"),
    path(prefix + "kvalitet/<slug:period>/", quality_views.quality, name="quality"),
    path(prefix + "kvalitet/<slug:period>/excel/", quality_views.quality_export, name="quality_export"),
    path(prefix + "analys/<slug:period>/", analysis_views.analysis, name="analysis"),
    path(prefix + "register/", register.register, name="register"),
    path(prefix + "register/<slug:kind>/<int:item_id>/", register.register_item, name="register_item"),
]
