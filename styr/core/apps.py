from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "styr.core"
    label = "core"

    def ready(self) -> None:
        # The empty choice of every select, in the user's language (Django's "- Select an option -" has no Swedish).
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("- Choose -")
