from django.urls import path

from styr.followup import views

prefix = "<slug:municipality>/<slug:unit>/<int:year>/uppfoljning/<slug:period_slug>/"

series = "<slug:municipality>/<slug:unit>/matt/<slug:measure_slug>/serie/"

urlpatterns = [
    path(series, views.measure_series, name="measure_series"),
    path(series + "excel/", views.measure_series_excel, name="measure_series_excel"),
    path(series + "import/", views.measure_series_import, name="measure_series_import"),
    path(prefix, views.followup_edit, name="followup_edit"),
    path(prefix + "steg/", views.followup_step, name="followup_step"),
    path(prefix + "status/", views.followup_progress, name="followup_progress"),
    path(prefix + "status.csv", views.followup_progress_csv, name="followup_progress_csv"),
    path(prefix + "paminn/", views.followup_remind, name="followup_remind"),
]
