from django.urls import path

from styr.followup import views

urlpatterns = [
    path(
        "<slug:municipality>/<slug:unit>/<int:year>/uppfoljning/<slug:period>/",
        views.followup_edit,
        name="followup_edit",
    ),
]
