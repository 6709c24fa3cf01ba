from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "styr.accounts"
    label = "accounts"
