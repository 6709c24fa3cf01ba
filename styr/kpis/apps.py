from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "styr.kpis"
    label = "kpis"
