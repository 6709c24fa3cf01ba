"""Searching the KPI catalogue by id or Swedish words, for linking a measure."""

import re

from django.db.models import QuerySet

from styr.kpis.models import Kpi

KPI_ID = re.compile(r"^[A-Za-z]\d{5}$")
LIMIT = 25


def search_kpis(query: str, *, limit: int = LIMIT) -> list[Kpi]:
    """KPIs whose id, title or description hold every word; an exact id first, title matches next.

    Words are compared lower-cased against a lower-cased copy of the text, so "BRUKARBEDÖMNING"
    finds "Brukarbedömning" on SQLite too (its LIKE folds ASCII letters only).
    """
    words = [word for word in query.lower().split() if word]
    if not words:
        return []
    matches: QuerySet[Kpi] = Kpi.objects.all()
    for word in words:
        matches = matches.filter(search_text__contains=word)
    found = list(matches.order_by("id")[: limit * 4])
    exact = [word.upper() for word in words if KPI_ID.match(word)]

    def order(kpi: Kpi) -> tuple:
        title = kpi.title.lower()
        return (kpi.id not in exact, not all(word in title for word in words), kpi.id)

    return sorted(found, key=order)[:limit]
