"""County averages and rankings, computed from the members' values as Kolada's county groups do.

- County average: the unweighted mean of the county's municipalities that reported a value
  (Kolada's "… läns kommuner (ovägt medel)" groups; their `count` is the members that reported).
- Ranking "N/M": M is the number of the county's municipalities with a value, N is one more than
  the number with a strictly better value (ties share a rank, the next rank is skipped: 1, 2, 2, 4).
  Better means higher or lower by the measure's direction.
Regions and the whole country (ids "00xx") are never members of a county.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import connection

from styr.kpis.bulk import gc_paused
from styr.kpis.models import REGION_PREFIX, KpiValue

HIGHER, LOWER = "higher", "lower"


def is_municipality(kolada_id: str) -> bool:
    return not kolada_id.startswith(REGION_PREFIX) and len(kolada_id) == 4


def county_of(kolada_id: str) -> str:
    return kolada_id[:2]


def competition_ranks(values: Mapping[str, float], direction: str) -> dict[str, int]:
    """Rank 1 for the best value; equal values share a rank."""
    ascending = sorted(values.values())
    count = len(ascending)
    if direction == LOWER:
        return {key: bisect_left(ascending, value) + 1 for key, value in values.items()}
    return {key: count - bisect_right(ascending, value) + 1 for key, value in values.items()}


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class GroupSummary:
    """A group's values for one KPI, year and gender: its unweighted mean and everyone's rank."""

    average: float | None
    reported: int
    ranks: dict[str, int] = field(default_factory=dict)

    def rank_of(self, kolada_id: str) -> int | None:
        return self.ranks.get(kolada_id)


def summarise(values: Mapping[str, float | None], direction: str) -> GroupSummary:
    reported = {key: value for key, value in values.items() if value is not None}
    return GroupSummary(
        average=mean(reported.values()), reported=len(reported),
        ranks=competition_ranks(reported, direction) if direction in (HIGHER, LOWER) else {},
    )


# -- everything at once: what the benchmark measures and a nightly refresh may use -----------------

StatisticsKey = tuple[str, str, int, str]  # kpi, county, year, gender


def all_county_statistics(
    directions: Mapping[str, str] | None = None, *, kpi_ids: Iterable[str] | None = None,
) -> dict[StatisticsKey, GroupSummary]:
    """County averages and ranks of every stored KPI value, in one ordered pass in Python.

    `directions` maps KPI id → "higher"/"lower" (default "higher", as the catalogue has no direction).
    """
    directions = directions or {}
    table = KpiValue._meta.db_table
    where, params = f"value IS NOT NULL AND municipality_id NOT LIKE '{REGION_PREFIX}%%'", []
    if kpi_ids is not None:
        kpi_ids = list(kpi_ids)
        where += f" AND kpi_id IN ({', '.join(['%s'] * len(kpi_ids))})"
        params = kpi_ids
    groups: dict[StatisticsKey, list[tuple[float, str]]] = defaultdict(list)
    with gc_paused():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT kpi_id, municipality_id, year, gender, value FROM {table} WHERE {where}", params)
            for kpi, municipality, year, gender, value in cursor.fetchall():
                groups[(kpi, municipality[:2], year, gender)].append((value, municipality))
        return _summaries(groups, directions)


def _summaries(
    groups: dict[StatisticsKey, list[tuple[float, str]]], directions: Mapping[str, str],
) -> dict[StatisticsKey, GroupSummary]:
    result: dict[StatisticsKey, GroupSummary] = {}
    for key, members in groups.items():
        # Best first; equal values share the rank of the first of them (competition ranking).
        members.sort(reverse=directions.get(key[0], HIGHER) != LOWER)
        ranks, rank, previous = {}, 0, None
        for position, (value, municipality) in enumerate(members, start=1):
            if value != previous:
                rank, previous = position, value
            ranks[municipality] = rank
        result[key] = GroupSummary(sum(value for value, _ in members) / len(members), len(members), ranks)
    return result


def all_county_statistics_sql(directions: Mapping[str, str] | None = None) -> dict[tuple, tuple]:
    """The same in SQL window functions; (kpi, municipality, year, gender) → (rank, ranked, average).

    Kept beside the Python pass so that the benchmark can compare them on both databases.
    """
    directions = directions or {}
    table = KpiValue._meta.db_table
    window = "PARTITION BY kpi_id, year, gender, SUBSTR(municipality_id, 1, 2)"
    sql = (
        f"SELECT kpi_id, municipality_id, year, gender, "
        f"RANK() OVER ({window} ORDER BY value DESC), RANK() OVER ({window} ORDER BY value ASC), "
        f"COUNT(*) OVER ({window}), AVG(value) OVER ({window}) "
        f"FROM {table} WHERE value IS NOT NULL AND municipality_id NOT LIKE '{REGION_PREFIX}%%'"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {
            (kpi, municipality, year, gender): (
                rank_low if directions.get(kpi, HIGHER) == LOWER else rank_high, ranked, average,
            )
            for kpi, municipality, year, gender, rank_high, rank_low, ranked, average in cursor.fetchall()
        }
