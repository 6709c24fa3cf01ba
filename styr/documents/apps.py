from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "styr.documents"
    label = "documents"
