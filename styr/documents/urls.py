"""Document pages and downloads, included at the site root."""

from django.urls import path

from styr.documents import views

app_name = "documents"
base = "<slug:municipality>/<slug:unit>/<int:year>/dokument/"
urlpatterns = [
    path(base, views.index, name="index"),
    path(base + "bygge/<uuid:build_id>/", views.build_status, name="build_status"),
    path(base + "bygge/<uuid:build_id>/fil/", views.build_download, name="build_download"),
    path(base + "beslutade/<int:pk>/<slug:fmt>/", views.decided_file, name="decided_file"),
    path(base + "<slug:period>/", views.web, name="web"),
    path(base + "<slug:period>/beslut/", views.decide, name="decide"),
    path(base + "<slug:period>/<slug:fmt>/", views.start_build, name="start_build"),
]
