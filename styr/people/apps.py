from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "styr.people"
    label = "people"
