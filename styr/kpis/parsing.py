"""Reading Kolada v3 data responses into value records, checking every field on the way.

Accepted shapes, as the API serves them or as people save them:
- a v3 data envelope `{"count": N, "values": [row, …], "next_page": url|null}` (or `next_url`),
- a JSON array of such envelopes (all pages of one response), or of rows,
- JSON lines: one row or one envelope per line.
A row is `{"kpi", "municipality", "period", "values": [{"gender", "value", "count", "status", "isdeleted"}]}`;
the flattened form `{"kpi", "municipality", "period"|"year", "gender", "value", …}` is read too.

Nothing here touches the database: a bad field raises KoladaDataError naming where it is, and the
caller imports nothing.
"""

import json
import math
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from styr.kpis.bulk import gc_paused

GENDERS = frozenset({"T", "K", "M"})
NEXT_PAGE_KEYS = ("next_page", "next_url")
FIRST_YEAR, LAST_YEAR = 1950, 2200


class KoladaDataError(ValueError):
    """Bad input: a malformed or truncated response, an unknown id, a value that is not a number."""


class ValueRecord(NamedTuple):
    kpi: str
    municipality: str
    year: int
    gender: str
    value: float | None
    count: int  # type: ignore[assignment]  # Kolada's name for the field, shadowing tuple.count
    status: str
    deleted: bool


def next_page_url(envelope: dict) -> str | None:
    """The next page's address; clients disagree on the key's name, so both are read."""
    for key in NEXT_PAGE_KEYS:
        url = envelope.get(key)
        if url:
            return str(url)
    return None


def _number(value: Any, where: str) -> float | None:
    # bool is an int in Python but never a Kolada value.
    if value is None:
        return None
    if (type(value) is int or type(value) is float) and math.isfinite(value):
        return float(value)
    raise KoladaDataError(f"{where}.value: {value!r} is not a number")


def _count(value: Any, where: str) -> int:
    if value is None:
        return 0
    if type(value) is int and value >= 0:
        return value
    raise KoladaDataError(f"{where}.count: {value!r} is not a whole number ≥ 0")


def _year(row: dict, where: str) -> int:
    period = row.get("period", row.get("year"))
    if type(period) is str and period.isdigit():
        period = int(period)
    if type(period) is not int or not FIRST_YEAR <= period <= LAST_YEAR:
        raise KoladaDataError(f"{where}.period: {period!r} is not a year")
    return period


def _identifier(row: dict, key: str, where: str) -> str:
    value = row.get(key)
    if type(value) is not str or not value.strip():
        raise KoladaDataError(f"{where}.{key}: missing or not a text id ({value!r})")
    return value.strip()


def _entry(kpi: str, municipality: str, year: int, entry: Any, where: str) -> ValueRecord:
    if not isinstance(entry, dict):
        raise KoladaDataError(f"{where}: expected an object with gender and value, found {type(entry).__name__}")
    gender = entry.get("gender")
    if gender not in GENDERS:
        raise KoladaDataError(f"{where}.gender: {gender!r} is not T, K or M")
    status = entry.get("status")
    if status is not None and type(status) is not str:
        raise KoladaDataError(f"{where}.status: {status!r} is not text")
    deleted = entry.get("isdeleted", False)
    if type(deleted) is not bool:
        raise KoladaDataError(f"{where}.isdeleted: {deleted!r} is not true or false")
    return ValueRecord(
        kpi, municipality, year, gender, _number(entry.get("value"), where), _count(entry.get("count"), where),
        status or "", deleted,
    )


def records_from_row(row: Any, where: str, index: int | None = None) -> list[ValueRecord]:
    """The value records of one data row (nested or flattened).

    `where` names the row in messages; with `index` it is a template ("page 2 values[{}]") filled
    only when a message is needed, as formatting it for every row costs more than checking the row.
    """
    if type(row) is dict:
        kpi, municipality = row.get("kpi"), row.get("municipality")
        year = row.get("period", row.get("year"))
        fast = (
            type(kpi) is str and kpi.isalnum() and type(municipality) is str and municipality.isalnum()
            and type(year) is int and FIRST_YEAR <= year <= LAST_YEAR and "values" in row
        )
    else:
        fast = False
    if index is not None and not fast:
        where, index = where.format(index), None
    if not fast:
        if not isinstance(row, dict):
            raise KoladaDataError(f"{where}: expected a data row (an object), found {type(row).__name__}")
        if "ou" in row and "municipality" not in row:
            raise KoladaDataError(
                f"{where}: a unit-level (oudata) row; import municipality data (/v3/data/…) instead"
            )
        kpi = _identifier(row, "kpi", where)
        municipality = _identifier(row, "municipality", where)
        year = _year(row, where)
        if "values" not in row:
            if "gender" in row:
                return [_entry(kpi, municipality, year, row, where)]
            raise KoladaDataError(f"{where}: has neither values nor gender")
    entries = row["values"]
    if type(entries) is not list:
        where = where.format(index) if index is not None else where
        raise KoladaDataError(f"{where}.values: expected a list, found {type(entries).__name__}")
    records: list[ValueRecord] = []
    append, new_record = records.append, tuple.__new__
    for position, entry in enumerate(entries):
        # The common, valid case inline (this loop runs once per value: 435,000 times in the
        # benchmark); anything unusual goes through _entry, which names the bad field.
        try:
            gender, value, count = entry["gender"], entry["value"], entry["count"]
            status, deleted = entry["status"], entry["isdeleted"]
        except (KeyError, TypeError):
            pass
        else:
            kind = type(value)
            if (
                gender in GENDERS
                and (value is None or ((kind is float or kind is int) and value - value == 0))  # finite
                and (count is None or (type(count) is int and count >= 0))
                and (status is None or type(status) is str)
                and (deleted is False or deleted is True)
            ):
                append(new_record(ValueRecord, (
                    kpi, municipality, year, gender, None if value is None else float(value), count or 0,
                    status or "", deleted,
                )))
                continue
        place = where.format(index) if index is not None else where
        append(_entry(kpi, municipality, year, entry, f"{place}.values[{position}]"))  # type: ignore[arg-type]  # checked above
    return records


def rows_from_envelope(envelope: Any, where: str) -> list:
    """The rows of one page, after checking the envelope's shape."""
    if not isinstance(envelope, dict) or "values" not in envelope:
        raise KoladaDataError(f"{where}: not a v3 response envelope (no 'values' list)")
    rows = envelope["values"]
    if not isinstance(rows, list):
        raise KoladaDataError(f"{where}.values: expected a list, found {type(rows).__name__}")
    count = envelope.get("count")
    if count is not None and (type(count) is not int or count < 0):
        raise KoladaDataError(f"{where}.count: {count!r} is not a whole number")
    return rows


def _pages(envelopes: list, label: str) -> Iterator[tuple[str, int | None, Any]]:
    """Rows of one or more pages, checking that the pages are complete."""
    total, expected = 0, None
    for page, envelope in enumerate(envelopes, start=1):
        where = label if len(envelopes) == 1 else f"{label} page {page}"
        rows = rows_from_envelope(envelope, where)
        if expected is None:
            expected = envelope.get("count")
        template = where.replace("{", "{{").replace("}", "}}") + " values[{}]"
        for index, row in enumerate(rows):
            yield template, index, row
        total += len(rows)
    last = envelopes[-1]
    following = next_page_url(last)
    if following:
        raise KoladaDataError(
            f"{label}: the response continues at {following}; the file holds {total} of "
            f"{expected if expected is not None else 'more'} rows (save every page, or run the sync)"
        )
    if expected is not None and expected != total:
        raise KoladaDataError(f"{label}: truncated: 'count' says {expected} rows, the file holds {total}")


def _is_envelope(item: Any) -> bool:
    return isinstance(item, dict) and "values" in item and "kpi" not in item


def _rows_of_document(document: Any, label: str) -> Iterator[tuple[str, int | None, Any]]:
    if _is_envelope(document):
        yield from _pages([document], label)
    elif isinstance(document, list):
        if document and all(_is_envelope(item) for item in document):
            yield from _pages(document, label)
        else:
            template = label.replace("{", "{{").replace("}", "}}") + " [{}]"
            for index, row in enumerate(document):
                yield template, index, row
    elif isinstance(document, dict):
        yield label, None, document
    else:
        raise KoladaDataError(f"{label}: expected a v3 response envelope or data rows, found {type(document).__name__}")


def _rows_of_lines(text: str, label: str) -> Iterator[tuple[str, int | None, Any]]:
    envelopes = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise KoladaDataError(f"{label} line {number}: not valid JSON ({error.msg} at column {error.colno})") from None
        if _is_envelope(item):
            envelopes.append(item)
        else:
            yield f"{label} line {number}", None, item
    if envelopes:
        yield from _pages(envelopes, label)


def parse_records(raw: bytes | str, *, label: str = "input") -> list[ValueRecord]:
    """All value records of a saved response; raises KoladaDataError on the first bad field."""
    with gc_paused():
        return _parse_records(raw, label)


def _parse_records(raw: bytes | str, label: str) -> list[ValueRecord]:
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    if not text.strip():
        raise KoladaDataError(f"{label}: empty")
    try:
        rows: Iterable[tuple[str, int | None, Any]] = list(_rows_of_document(json.loads(text), label))
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            raise KoladaDataError(
                f"{label}: not valid JSON, truncated or malformed ({error.msg} at line {error.lineno}, "
                f"column {error.colno})"
            ) from None
        rows = _rows_of_lines(text, label)
    records: list[ValueRecord] = []
    for where, index, row in rows:
        records.extend(records_from_row(row, where, index))
    return records


def parse_envelope_records(envelope: Any, *, label: str) -> list[ValueRecord]:
    """Value records of one page fetched from the API (its continuation is the client's business)."""
    records: list[ValueRecord] = []
    template = label.replace("{", "{{").replace("}", "}}") + " values[{}]"
    for index, row in enumerate(rows_from_envelope(envelope, label)):
        records.extend(records_from_row(row, template, index))
    return records
