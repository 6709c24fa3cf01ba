from django.urls import path

from styr.economy import views

app_name = "economy"
prefix = "<slug:municipality>/<slug:unit>/<int:year>/ekonomi/"

urlpatterns = [
    path(prefix, views.economy_overview, name="overview"),
    path(prefix + "prognos/<slug:period>/", views.economy_forecast, name="forecast"),
    path(prefix + "import/", views.economy_import, name="import"),
]
