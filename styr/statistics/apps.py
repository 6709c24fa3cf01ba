from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "styr.statistics"
    label = "statistics"
