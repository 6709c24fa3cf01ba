from django.contrib import admin
from django.urls import include, path

from styr.core.views import health

urlpatterns = [
    path("healthz", health, name="health"),
    path("admin/", admin.site.urls),
    path("konto/", include("styr.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("styr.api.urls")),
    path("", include("styr.setup.urls")),
    path("", include("styr.search.urls")),
    path("", include("styr.documents.urls")),
    path("", include("styr.kpis.urls")),
    path("", include("styr.people.urls")),
    path("", include("styr.planning.urls")),
    path("", include("styr.front.urls")),
    path("", include("styr.followup.urls")),
    path("", include("styr.control.urls")),
    path("", include("styr.economy.urls")),
    path("", include("styr.statistics.urls")),
    path("", include("styr.followup.spreadsheets.urls")),
]

handler403 = "styr.accounts.views.handler403"
