"""Writing checked value records to KpiValue: bulk upserts and deletions, all or nothing.

Call through `styr.kpis.services.import_values`, which opens the transaction. The upsert is plain
SQL (`INSERT … ON CONFLICT … DO UPDATE`, the same text on SQLite and PostgreSQL) because building
435,000 model instances for `bulk_create` costs more than the insert itself (see bench/).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection

from styr.kpis.models import KoladaMunicipality, Kpi, KpiValue, MunicipalityGroup
from styr.kpis.parsing import KoladaDataError, ValueRecord

Progress = Callable[[int, int], None]
COLUMNS = ("kpi_id", "municipality_id", "year", "gender", "value", "count", "status")
KEY = COLUMNS[:4]
SQLITE_BATCH = 10_000
POSTGRES_BATCH = 2_000


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
    kpi_ids = {record.kpi for record in records}
    municipality_ids = {record.municipality for record in records}
    known_kpis = set(Kpi.objects.filter(id__in=kpi_ids).values_list("id", flat=True))
    known_municipalities = set(
        KoladaMunicipality.objects.filter(id__in=municipality_ids).values_list("id", flat=True)
    )
    known_groups = set(MunicipalityGroup.objects.filter(id__in=municipality_ids).values_list("id", flat=True))
    if not Kpi.objects.exists():
        raise KoladaDataError("the KPI catalogue is empty: run `styr kolada catalogue --from DIR` first")
    kept, skipped = [], 0
    for record in records:
        if record.kpi not in known_kpis:
            raise KoladaDataError(f"unknown KPI {record.kpi!r} (first in the row {_describe(record)})")
        if record.municipality in known_groups:
            skipped += 1
            continue
        if record.municipality not in known_municipalities:
            raise KoladaDataError(
                f"unknown municipality {record.municipality!r} (first in the row {_describe(record)})"
            )
        kept.append(record)
    return kept, skipped


def latest_by_key(records: Iterable[ValueRecord]) -> dict[tuple, ValueRecord]:
    """One record per key, the last one read winning (a later page or change supersedes)."""
    return {(record.kpi, record.municipality, record.year, record.gender): record for record in records}


def _upsert_sql(rows: int) -> str:
    table = KpiValue._meta.db_table
    placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * rows)
    return (
        f'INSERT INTO {table} ({", ".join(COLUMNS)}) VALUES {placeholders} '
        f'ON CONFLICT ({", ".join(KEY)}) DO UPDATE SET '
        "value = excluded.value, count = excluded.count, status = excluded.status"
    )


def upsert(rows: list[tuple], progress: Progress | None = None) -> None:
    """Insert or update value rows (tuples in COLUMNS order)."""
    total = len(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # SQLite prepares one statement and steps it per row in C: faster than long VALUES lists.
            statement = _upsert_sql(1)
            for start in range(0, total, SQLITE_BATCH):
                cursor.executemany(statement, rows[start:start + SQLITE_BATCH])
                if progress:
                    progress(min(start + SQLITE_BATCH, total), total)
            return
        full = _upsert_sql(POSTGRES_BATCH)
        for start in range(0, total, POSTGRES_BATCH):
            batch = rows[start:start + POSTGRES_BATCH]
            statement = full if len(batch) == POSTGRES_BATCH else _upsert_sql(len(batch))
            cursor.execute(statement, [item for row in batch for item in row])
            if progress:
                progress(min(start + POSTGRES_BATCH, total), total)


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
    kept, skipped = check_known_ids(records)
    latest = latest_by_key(kept)
    rows, deleted_keys = [], []
    for key, record in latest.items():
        if record.deleted:
            deleted_keys.append(key)
        else:
            rows.append((*key, record.value, record.count, record.status))
    upsert(rows, progress)
    return StoreResult(written=len(rows), deleted=delete(deleted_keys), skipped_group_rows=skipped)
