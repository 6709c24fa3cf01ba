from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "styr.economy"
    label = "economy"

    def ready(self) -> None:
        """The follow-up shows the level the economy's criteria suggest for a measure derived from the ledger."""
        from styr.economy.measures import suggested_levels
        from styr.followup.derived import register_suggestion

        register_suggestion(suggested_levels)
