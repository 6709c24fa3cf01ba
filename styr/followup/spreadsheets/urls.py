from django.urls import path

from styr.followup.spreadsheets import views

PERIOD = "<slug:municipality>/<slug:unit>/<int:year>/uppfoljning/<slug:period>/"

urlpatterns = [
    path(f"{PERIOD}excel/", views.followup_excel_export, name="followup_excel_export"),
    path(f"{PERIOD}excel/import/", views.followup_excel_import, name="followup_excel_import"),
]
