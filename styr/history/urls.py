from django.urls import path

from styr.history import views

urlpatterns = [
    path("<slug:municipality>/<slug:unit>/<int:year>/historik/<slug:model>/<int:pk>/", views.object_history,
         name="object_history"),
]
