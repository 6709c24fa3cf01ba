from django.urls import path

from styr.control import views

app_name = "control"
prefix = "<slug:municipality>/<slug:unit>/<int:year>/intern-kontroll/"

urlpatterns = [
    path(prefix, views.control_overview, name="overview"),
    path(prefix + "uppfoljning/<slug:period>/", views.control_edit, name="edit"),
]
