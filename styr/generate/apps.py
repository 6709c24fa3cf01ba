from django.apps import AppConfig


class GenerateConfig(AppConfig):
    name = "styr.generate"
    label = "generate"
