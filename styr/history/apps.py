from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "styr.history"
    label = "history"
