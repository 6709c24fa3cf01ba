from django.urls import path

from styr.plans import views

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:municipality>/<slug:unit>/<int:year>/", views.overview, name="overview"),
    path("<slug:municipality>/<slug:unit>/<int:year>/mal/<slug:goal>/", views.goal_detail, name="goal"),
    path("<slug:municipality>/<slug:unit>/<int:year>/matt/<slug:measure>/", views.measure_detail, name="measure"),
]
