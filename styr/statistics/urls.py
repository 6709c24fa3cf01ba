from django.urls import path

from styr.statistics import views

app_name = "statistics"
prefix = "<slug:municipality>/<slug:unit>/<int:year>/statistik/<slug:period>/"

urlpatterns = [
    path(prefix, views.statistics_page, name="page"),
    path(prefix + "import/", views.statistics_import, name="import"),
    path(prefix + "statistik.xlsx", views.statistics_download, name="download"),
]
