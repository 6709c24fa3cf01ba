"""GIN indexes on PostgreSQL for the expressions search matches with (SQLite's FTS5 tables: see apps.py)."""

from django.db import migrations

from styr.search.backends import PostgresBackend
from styr.search.sources import SOURCES


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for source in SOURCES.values():
            schema_editor.add_index(apps.get_model("plans", source.model.__name__), PostgresBackend.index(source))


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for source in SOURCES.values():
            schema_editor.remove_index(apps.get_model("plans", source.model.__name__), PostgresBackend.index(source))


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_validated_kolada_kpi")]
    operations = [migrations.RunPython(add_indexes, remove_indexes)]
