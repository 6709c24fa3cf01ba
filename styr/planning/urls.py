from django.urls import path

from styr.planning import editor, start

app_name = "planning"
prefix = "<slug:municipality>/<slug:unit>/<int:year>/planera/"

urlpatterns = [
    path("planera/", start.index, name="index"),
    path(prefix, editor.plan_editor, name="plan"),
    path(prefix + "nasta-ar/", start.start_next_year, name="next_year"),
    path(prefix + "publicera/", start.publish, name="publish"),
    path(prefix + "<slug:kind>/<int:item_id>/", editor.plan_item, name="item"),
]
