"""Writing checked value records to KpiValue: bulk upserts and deletions, all or nothing.

Call through `styr.kpis.services.import_values`, which opens the transaction. The upsert is plain
SQL (`INSERT … ON CONFLICT … DO UPDATE`; on PostgreSQL fed by COPY) because building 435,000 model
instances for `bulk_create` costs more than the insert itself (see bench/kolada_import.py).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

from django.db import connection

from styr.kpis.bulk import gc_paused
from styr.kpis.models import KoladaMunicipality, Kpi, KpiValue, MunicipalityGroup
from styr.kpis.parsing import KoladaDataError, ValueRecord

Progress = Callable[[int, int], None]
COLUMNS = ("kpi_id", "municipality_id", "year", "gender", "value", "count", "status")
KEY = COLUMNS[:4]
KEY_ORDER = itemgetter(0, 2, 3, 1)  # the primary key's column order: kpi, year, gender, municipality
SQLITE_BATCH = 10_000


@dataclass(frozen=True)
class StoreResult:
    written: int
    deleted: int
    skipped_group_rows: int


def _describe(record: ValueRecord) -> str:
    return f"kpi {record.kpi}, municipality {record.municipality}, period {record.year}, gender {record.gender}"


def check_known_ids(records: list[ValueRecord]) -> tuple[list[ValueRecord], int]:
    """Records for known KPIs and municipalities; group rows (G…) are dropped, as Styr computes group means.

    An unknown KPI or municipality raises KoladaDataError naming the first row that holds it.
    """
    if not Kpi.objects.exists():
        raise KoladaDataError("the KPI catalogue is empty: run `styr kolada catalogue --from DIR` first")
    kpi_ids = {record[0] for record in records}
    municipality_ids = {record[1] for record in records}
    unknown_kpis = kpi_ids - set(Kpi.objects.filter(id__in=kpi_ids).values_list("id", flat=True))
    groups = set(MunicipalityGroup.objects.filter(id__in=municipality_ids).values_list("id", flat=True))
    unknown_municipalities = municipality_ids - groups - set(
        KoladaMunicipality.objects.filter(id__in=municipality_ids).values_list("id", flat=True)
    )
    for record in records:
        if record.kpi in unknown_kpis:
            raise KoladaDataError(f"unknown KPI {record.kpi!r} (first in the row {_describe(record)})")
        if record.municipality in unknown_municipalities:
            raise KoladaDataError(
                f"unknown municipality {record.municipality!r} (first in the row {_describe(record)})"
            )
    if not groups:
        return records, 0
    kept = [record for record in records if record.municipality not in groups]
    return kept, len(records) - len(kept)


def latest_by_key(records: Iterable[ValueRecord]) -> dict[tuple, ValueRecord]:
    """One record per key, the last one read winning (a later page or change supersedes)."""
    return {record[:4]: record for record in records}


def _on_conflict() -> str:
    """Update a stored value only where it differs: re-importing unchanged data writes nothing."""
    table = KpiValue._meta.db_table
    # Null-safe "differs": SQLite's IS NOT (its IS DISTINCT FROM needs 3.39), PostgreSQL's standard form.
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    changed = " OR ".join(f"{table}.{column} {differs} excluded.{column}" for column in COLUMNS[4:])
    return (
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET "
        f"value = excluded.value, count = excluded.count, status = excluded.status WHERE {changed}"
    )


def _upsert_sql() -> str:
    table = KpiValue._meta.db_table
    return f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s, %s) {_on_conflict()}"


def _copy_upsert(cursor, rows: list[tuple], progress: Progress | None) -> None:
    """PostgreSQL: COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT in key order."""
    table = KpiValue._meta.db_table
    raw = cursor.cursor  # psycopg's own cursor, for COPY
    raw.execute(
        "CREATE TEMPORARY TABLE kpis_incoming (kpi_id varchar(10), municipality_id varchar(4), year smallint, "
        "gender varchar(1), value double precision, count integer, status varchar(50))"
    )
    with raw.copy(f"COPY kpis_incoming ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for done, row in enumerate(rows, start=1):
            copy.write_row(row)
            if progress and done % 50_000 == 0:
                progress(done, len(rows))
    raw.execute(
        f"INSERT INTO {table} ({', '.join(COLUMNS)}) SELECT {', '.join(COLUMNS)} FROM kpis_incoming "
        f"ORDER BY kpi_id, year, gender, municipality_id {_on_conflict()}"
    )
    raw.execute("DROP TABLE kpis_incoming")


def upsert(rows: list[tuple], progress: Progress | None = None) -> None:
    """Insert or update value rows (tuples in COLUMNS order)."""
    total = len(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy_upsert(cursor, rows, progress)  # sorts in SQL
        else:
            # In key order the primary key's B-tree fills left to right: fewer page splits and misses.
            rows = sorted(rows, key=KEY_ORDER)
            # SQLite prepares one statement and steps it per row in C: faster than long VALUES lists.
            statement = _upsert_sql()
            for start in range(0, total, SQLITE_BATCH):
                cursor.executemany(statement, rows[start:start + SQLITE_BATCH])
                if progress:
                    progress(min(start + SQLITE_BATCH, total), total)
    if progress:
        progress(total, total)


def delete(keys: list[tuple]) -> int:
    if not keys:
        return 0
    table = KpiValue._meta.db_table
    statement = f"DELETE FROM {table} WHERE kpi_id = %s AND municipality_id = %s AND year = %s AND gender = %s"
    with connection.cursor() as cursor:
        cursor.executemany(statement, keys)
    return len(keys)


def store(records: list[ValueRecord], progress: Progress | None = None) -> StoreResult:
    """Check ids, then write; the caller holds the transaction."""
    with gc_paused():
        return _store(records, progress)


def _store(records: list[ValueRecord], progress: Progress | None) -> StoreResult:
    kept, skipped = check_known_ids(records)
    latest = latest_by_key(kept).values()
    # ValueRecord's first seven fields are COLUMNS, its first four the key: slices are plain tuples.
    rows = [record[:7] for record in latest if not record.deleted]
    deleted_keys = [record[:4] for record in latest if record.deleted]
    upsert(rows, progress)
    return StoreResult(written=len(rows), deleted=delete(deleted_keys), skipped_group_rows=skipped)
