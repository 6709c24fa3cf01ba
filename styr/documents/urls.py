"""Document pages and downloads, included at the site root."""

from django.urls import path, register_converter

from styr.documents import views
from styr.documents.models import DocumentKind


class OwnDocumentConverter:
    """A document of its own of a period (internkontrollplan, kvalitetsberattelse); never a format's slug."""

    regex = "|".join(kind for kind in DocumentKind.values if kind != DocumentKind.REPORT)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(OwnDocumentConverter, "own_document")

app_name = "documents"
base = "<slug:municipality>/<slug:unit>/<int:year>/dokument/"
urlpatterns = [
    path(base, views.index, name="index"),
    path(base + "bygge/<uuid:build_id>/", views.build_status, name="build_status"),
    path(base + "bygge/<uuid:build_id>/fil/", views.build_download, name="build_download"),
    path(base + "beslutade/<int:pk>/<slug:fmt>/", views.decided_file, name="decided_file"),
    path(base + "<slug:period>/", views.web, name="web"),
    path(base + "<slug:period>/beslut/", views.decide, name="decide"),
    # The same names with the document of its own (after the period's report's: the routes tests read the first);
    # reverse() picks the pattern by its arguments, and `own_document` comes before `<slug:fmt>` of a build.
    path(base + "<slug:period>/<own_document:document>/", views.web, name="web"),
    path(base + "<slug:period>/<slug:fmt>/", views.start_build, name="start_build"),
    path(base + "<slug:period>/<own_document:document>/<slug:fmt>/", views.start_build, name="start_build"),
]
