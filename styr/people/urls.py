from django.urls import path

from styr.people import views

app_name = "people"
unit = "personer/<slug:municipality>/<slug:unit>/"

urlpatterns = [
    path("personer/", views.index, name="index"),
    path(unit, views.unit_people, name="unit"),
    path(unit + "ge-roll/", views.grant, name="grant"),
    path(unit + "bjud-in/", views.invite, name="invite"),
    path(unit + "andra-roll/", views.change, name="change"),
    path(unit + "ta-bort-roll/", views.revoke, name="revoke"),
    path("konto/valj-losenord/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
]
