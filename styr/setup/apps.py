from django.apps import AppConfig


class SetupConfig(AppConfig):
    name = "styr.setup"
    label = "setup"
