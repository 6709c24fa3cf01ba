"""Full-text matching in the database: PostgreSQL's Swedish text search, or SQLite's FTS5 for the embedded default.

Both take the same words (each a prefix: "utred" finds "utredningstid") and give querysets a `rank`
(higher is better), a filter to the matching rows, and the name and an excerpt with the matched words
between MARK_START and MARK_END, for the caller to escape and mark up.

PostgreSQL: a GIN index per table on the very expression the queries use (`vector`), created by this
app's migration, so nothing needs to be kept in step. SQLite: an FTS5 table per source table, filled
and kept up to date by triggers on the source table (`install`, run after every migrate, since
SQLite drops a table's triggers whenever Django rebuilds the table to alter it).
"""

import re

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ImproperlyConfigured
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet, TextField, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce, Concat

from styr.search.sources import SOURCES, Source

MARK_START, MARK_END = "\ue000", "\ue001"
MAX_TERMS = 8
CONFIG = "swedish"


def terms_of(text: str) -> list[str]:
    """The words searched for: letters and digits only, so no query syntax reaches the database."""
    return re.findall(r"\w+", text.lower())[:MAX_TERMS]


class PostgresBackend:
    @staticmethod
    def vector(source: Source) -> CombinedExpression:
        return SearchVector("name", weight="A", config=CONFIG) + SearchVector(*source.body, weight="B", config=CONFIG)

    @classmethod
    def index(cls, source: Source) -> GinIndex:
        return GinIndex(cls.vector(source), name=f"search_{source.kind}_fts")

    @staticmethod
    def _query(terms: list[str]) -> SearchQuery:
        return SearchQuery(" & ".join(f"{term}:*" for term in terms), search_type="raw", config=CONFIG)

    def matching(self, queryset: QuerySet, source: Source, terms: list[str]) -> QuerySet:
        vector, query = self.vector(source), self._query(terms)
        return queryset.annotate(search_vector=vector).filter(search_vector=query).annotate(rank=SearchRank(vector, query))

    def marked(self, queryset: QuerySet, source: Source, terms: list[str]) -> QuerySet:
        query = self._query(terms)
        parts = [Coalesce(field, Value(""), output_field=TextField()) for field in source.body]
        body = Concat(*[part for field in parts for part in (field, Value(" "))], output_field=TextField()) if len(parts) > 1 else parts[0]
        return queryset.annotate(
            marked_name=SearchHeadline("name", query, config=CONFIG, start_sel=MARK_START, stop_sel=MARK_END,
                                       highlight_all=True),
            marked_excerpt=SearchHeadline(body, query, config=CONFIG, start_sel=MARK_START, stop_sel=MARK_END,
                                          max_words=30, min_words=12),
        )


class SqliteBackend:
    @staticmethod
    def fts(source: Source) -> str:
        return f"search_{source.kind}_fts"

    @staticmethod
    def _match(terms: list[str]) -> str:
        return " ".join(f'"{term}"*' for term in terms)

    def _joined(self, queryset: QuerySet, source: Source, terms: list[str], select: dict[str, str],
                select_params: list[str]) -> QuerySet:
        """The rows joined with their FTS5 row where it matches: bm25, highlight and snippet need the join."""
        fts = self.fts(source)
        # extra(): a join the ORM cannot express; fixed table names, the words go in as a parameter.
        return queryset.extra(
            tables=[fts], where=[f"{fts}.rowid = {source.table}.id", f"{fts} MATCH %s"], params=[self._match(terms)],
            select=select, select_params=select_params,
        )

    def matching(self, queryset: QuerySet, source: Source, terms: list[str]) -> QuerySet:
        # bm25 is lower for better matches; a match in the name counts ten times one in the text.
        return self._joined(queryset, source, terms, {"rank": f"-bm25({self.fts(source)}, 10.0, 1.0)"}, [])

    def marked(self, queryset: QuerySet, source: Source, terms: list[str]) -> QuerySet:
        fts = self.fts(source)
        return self._joined(
            queryset, source, terms,
            {"marked_name": f"highlight({fts}, 0, %s, %s)", "marked_excerpt": f"snippet({fts}, 1, %s, %s, '…', 24)"},
            [MARK_START, MARK_END, MARK_START, MARK_END],
        )

    def install(self, connection: BaseDatabaseWrapper) -> None:
        """Create the FTS5 tables and their triggers where missing, and fill the tables afresh."""
        with connection.cursor() as cursor:
            for source in SOURCES.values():
                fts, table = self.fts(source), source.table
                body = " || ' ' || ".join(f"coalesce(NEW.{field}, '')" for field in source.body)
                add = f"INSERT INTO {fts}(rowid, name, body) VALUES (NEW.id, NEW.name, {body});"
                remove = f"DELETE FROM {fts} WHERE rowid = OLD.id;"
                cursor.execute(f'CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(name, body, tokenize="unicode61 remove_diacritics 0")')
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN {add} END")
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE ON {table} BEGIN {remove} {add} END")
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END")
                cursor.execute(f"DELETE FROM {fts}")
                cursor.execute(
                    f"INSERT INTO {fts}(rowid, name, body) SELECT id, name, {body.replace('NEW.', '')} FROM {table}"
                )


def backend_for(connection: BaseDatabaseWrapper = default_connection) -> PostgresBackend | SqliteBackend:
    """The backend for the database Styr runs on."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise ImproperlyConfigured(f"Search needs PostgreSQL or SQLite, not {connection.vendor}")
