"""The project's URLs plus one view that refuses, with the accounts app's 403 handler wired in."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from styr.urls import urlpatterns as project_urlpatterns


def refusing_view(request):
    raise PermissionDenied("unit 7 is not yours")


urlpatterns = [path("forbidden/", refusing_view), *project_urlpatterns]
handler403 = "styr.accounts.views.handler403"
