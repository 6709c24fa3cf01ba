from django.urls import path

from styr.search import views

urlpatterns = [path("sok/", views.search_page, name="search")]
