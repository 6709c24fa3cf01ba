from django.urls import path

from styr.front import dashboard, history, views

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:municipality>/<slug:unit>/<int:year>/", views.overview, name="overview"),
    path("<slug:municipality>/<slug:unit>/<int:year>/politik/", dashboard.committee_dashboard, name="dashboard"),
    path("<slug:municipality>/<slug:unit>/<int:year>/mal/<slug:goal_slug>/", views.goal_detail, name="goal"),
    path("<slug:municipality>/<slug:unit>/<int:year>/matt/<slug:measure_slug>/", views.measure_detail, name="measure"),
    path("<slug:municipality>/<slug:unit>/<int:year>/historik/<slug:model>/<int:pk>/", history.object_history,
         name="object_history"),
]
