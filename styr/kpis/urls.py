from django.urls import path

from styr.kpis import views

app_name = "kpis"
prefix = "<slug:municipality>/<slug:unit>/<int:year>/matt/<slug:measure_slug>/kolada/"

urlpatterns = [
    path(prefix, views.link_measure, name="link"),
    path(prefix + "uppdatera/", views.refresh_outcomes, name="refresh"),
    path(prefix + "revision/<int:revision>/", views.decide_revision, name="revision"),
]
