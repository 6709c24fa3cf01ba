from django.apps import AppConfig


class ChartsConfig(AppConfig):
    name = "styr.charts"
    label = "charts"
