from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _install_sqlite_index(using: str = "default", **_kwargs) -> None:
    """SQLite's full-text tables and triggers (PostgreSQL's indexes come with this app's migration)."""
    from django.db import connections

    from styr.search.backends import SqliteBackend

    connection = connections[using]
    if connection.vendor == "sqlite" and "plans_goal" in connection.introspection.table_names():
        SqliteBackend().install(connection)


class SearchConfig(AppConfig):
    name = "styr.search"
    label = "search"

    def ready(self) -> None:
        # Sent for apps with models only: after the plans app's migrations, whose tables are indexed.
        post_migrate.connect(_install_sqlite_index, sender=apps.get_app_config("plans"),
                             dispatch_uid="styr.search.sqlite_index")
