from django.urls import path

from styr.setup import views

app_name = "setup"
prefix = "installningar/<slug:municipality>/"

urlpatterns = [
    path("installningar/", views.index, name="index"),
    path(prefix, views.municipality_page, name="municipality"),
    path(prefix + "ordlista/", views.vocabulary_page, name="vocabulary"),
    path(prefix + "layout/", views.layout_page, name="layout"),
    path(prefix + "skala/", views.scale_page, name="scale"),
    path(prefix + "statusar/", views.statuses_page, name="statuses"),
    path(prefix + "fullmaktigemal/", views.council_goals_page, name="council_goals"),
    path(prefix + "organisation/", views.units_page, name="units"),
    path(prefix + "kalender/<int:year>/", views.calendar_page, name="calendar"),
    path(prefix + "<slug:kind>/<int:item_id>/", views.item_page, name="item"),
]
