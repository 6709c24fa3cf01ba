from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "styr.front"
    label = "front"
