"""Reading a ledger export (XLSX or CSV) into amounts: streamed line by line, summed per cell, all or nothing.

A file has a header row naming its columns (Swedish or English, any order, other columns ignored):
Konto, Verksamhet, Belopp, and optionally År, Månad (1–12; empty or 0 for the whole year, not for an
outcome) and Typ (budget, utfall, fjolårets utfall; else the kind asked for). Every number goes through
`styr.core.numbers.parse_number`; amounts are in kr, tkr or mnkr as the importer says. Each line is
mapped by the municipality's ledger rules to a report row and/or activity area of the committee.
Nothing is written here: the result is the cells to save, or every problem found with file, row and column.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fnmatch import fnmatchcase
from operator import itemgetter
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from styr.core.numbers import parse_number
from styr.economy.models import ActivityArea, AmountKind, LedgerRule
from styr.organisation.models import OrganisationUnit

SCALES = {"kr": Decimal(1), "tkr": Decimal(1000), "mnkr": Decimal(1_000_000)}
COLUMNS = {
    "account": ("konto", "account"),
    "activity": ("verksamhet", "activity"),
    "amount": ("belopp", "amount"),
    "year": ("år", "year"),
    "month": ("månad", "month"),
    "kind": ("typ", "kind"),
}
REQUIRED = ("account", "activity", "amount")
KINDS = {
    "budget": AmountKind.BUDGET,
    "utfall": AmountKind.OUTCOME, "outcome": AmountKind.OUTCOME,
    "fjolårets utfall": AmountKind.PREVIOUS_OUTCOME, "föregående års utfall": AmountKind.PREVIOUS_OUTCOME,
    "previous_outcome": AmountKind.PREVIOUS_OUTCOME,
}
MAX_ERRORS = 50

Cell = tuple[int, str, int | None, int | None]  # month, kind, row id, area id


class LedgerRefused(Exception):
    """The file was not imported; `errors` says where and why, one message per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Ledger:
    """What a file holds, summed per cell in kronor."""

    cells: dict[Cell, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    lines: int = 0

    @property
    def kinds(self) -> set[str]:
        return {kind for _, kind, _, _ in self.cells}


def read_table(name: str, handle: IO[bytes]) -> Iterator[list]:
    """The file's rows as lists of cell values, read as a stream (XLSX: its first sheet)."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise LedgerRefused([_("%(file)s: not an Excel workbook (.xlsx) Styr can read.") % {"file": name}]) from None
        try:
            for values in workbook.worksheets[0].iter_rows(values_only=True):
                yield list(values)
        finally:
            workbook.close()
        return
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
    try:
        first = text.readline()
        delimiter = max(";\t,", key=first.count)
        yield from csv.reader([first], delimiter=delimiter)
        yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError:
        raise LedgerRefused([_("%(file)s: not a UTF-8 text file; save the CSV as UTF-8.") % {"file": name}]) from None
    except csv.Error as error:
        raise LedgerRefused([_("%(file)s: not a CSV file Styr can read (%(error)s).") % {"file": name, "error": error}]) from None
    finally:
        text.detach()  # the caller's file stays open


class Mapping:
    """The municipality's ledger rules for one committee, with each code pair's answer remembered."""

    def __init__(self, unit: OrganisationUnit):
        areas = set(ActivityArea.objects.filter(committee=unit).values_list("pk", flat=True))
        rules = LedgerRule.objects.filter(municipality_id=unit.municipality_id).values_list(
            "account", "activity", "row_id", "area_id")
        self.rules = [rule for rule in rules if rule[3] is None or rule[3] in areas]
        self.known: dict[tuple[str, str], tuple[int | None, int | None]] = {}

    def resolve(self, account: str, activity: str) -> tuple[int | None, int | None]:
        key = (account, activity)
        if key not in self.known:
            matching = [rule for rule in self.rules if fnmatchcase(account, rule[0]) and fnmatchcase(activity, rule[1])]
            self.known[key] = (next((rule[2] for rule in matching if rule[2]), None),
                               next((rule[3] for rule in matching if rule[3]), None))
        return self.known[key]


def _code(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _whole(value, low: int, high: int) -> int:
    number = parse_number(value)
    if number is None:
        return 0
    if number != number.to_integral() or not low <= number <= high:
        raise ValidationError(_("write a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
    return int(number)


def _header(name: str, values: list) -> dict[str, int]:
    names = [_code(value).lower() for value in values]
    found = {key: names.index(alias) for key, aliases in COLUMNS.items() for alias in aliases if alias in names}
    missing = [COLUMNS[key][0].capitalize() for key in REQUIRED if key not in found]
    if missing:
        raise LedgerRefused([_("%(file)s, row 1: the header lacks the column(s) %(columns)s.")
                             % {"file": name, "columns": ", ".join(missing)}])
    return found


def _value(values: list, index: int | None):
    """The cell at the column (None past the row's end or for a column the file lacks), as a plain value."""
    value = values[index] if index is not None and index < len(values) else None
    return value if value is None or isinstance(value, (str, int, float, Decimal)) else str(value)


class _Reader:
    """One pass over the lines: each distinct combination of year, kind, month and codes is checked and
    mapped once and remembered (a year's file repeats a few thousand of them a million times); every amount
    goes through the one parser."""

    def __init__(self, header: dict[str, int], mapping: Mapping, year: int, kind: str):
        self.header, self.mapping, self.year, self.kind = header, mapping, year, kind
        self.column = "amount"  # the column being read, for the message of a refusal
        self.known: dict[tuple, Cell] = {}
        self.dimensions = itemgetter(*(header[key] for key in ("year", "kind", "month", "account", "activity")
                                       if key in header))

    def line(self, values: list) -> tuple[Cell, Decimal] | None:
        """The line's cell and amount in the file's unit; None for an empty line; ValidationError if wrong."""
        self.column = "amount"
        amount = parse_number(_value(values, self.header["amount"]))
        if amount is None:
            if not any(_code(value) for value in values):
                return None
            raise ValidationError(_("the amount is empty."))
        try:
            key = self.dimensions(values)
        except IndexError:  # a short row: checked without remembering
            return self.cell(values), amount
        cell = self.known.get(key)
        if cell is None:
            cell = self.known[key] = self.cell(values)
        return cell, amount

    def cell(self, values: list) -> Cell:
        header = self.header
        if "year" in header:
            self.column = "year"
            if _whole(_value(values, header["year"]), 1990, 2100) != self.year:
                raise ValidationError(_("the line is for another year than %(year)s.") % {"year": self.year})
        self.column = "kind"
        raw = _code(_value(values, header.get("kind")))
        line_kind = KINDS.get(raw.lower()) if raw else self.kind
        if line_kind is None:
            raise ValidationError(_("write budget, utfall or fjolårets utfall."))
        self.column = "month"
        month = _whole(_value(values, header.get("month")), 0, 12)
        if month == 0 and line_kind == AmountKind.OUTCOME:
            raise ValidationError(_("an outcome needs its month (1–12)."))
        self.column = "account"
        account, activity = _code(_value(values, header["account"])), _code(_value(values, header["activity"]))
        row, area = self.mapping.resolve(account, activity)
        if row is None and area is None:
            raise ValidationError(_("no ledger rule maps account %(account)s, activity %(activity)s.")
                                  % {"account": account or "–", "activity": activity or "–"})
        return (month, line_kind, row, area)


def read_ledger(*, name: str, rows: Iterable[list], unit: OrganisationUnit, year: int, scale: str,
                kind: str = AmountKind.OUTCOME) -> Ledger:
    """Sum the file's lines per cell; LedgerRefused with every problem (up to MAX_ERRORS) if any."""
    if scale not in SCALES:
        raise LedgerRefused([_("Unknown unit %(scale)r: use kr, tkr or mnkr.") % {"scale": scale}])
    ledger, errors = Ledger(), []
    lines = iter(rows)
    reader = _Reader(_header(name, next(lines, [])), Mapping(unit), year, kind)
    labels = {key: COLUMNS[key][0].capitalize() for key in COLUMNS}
    sums: dict[Cell, Decimal] = defaultdict(Decimal)
    for number, values in enumerate(lines, start=2):
        try:
            found = reader.line(values)
        except ValidationError as error:
            errors.append(_("%(file)s, row %(row)s, column %(column)s: %(message)s") % {
                "file": name, "row": number, "column": labels[reader.column], "message": " ".join(error.messages)})
            if len(errors) >= MAX_ERRORS:
                errors.append(_("%(file)s: stopped after %(count)s problems.") % {"file": name, "count": MAX_ERRORS})
                break
            continue
        if found is not None:
            sums[found[0]] += found[1]
            ledger.lines += 1
    if errors:
        raise LedgerRefused(errors)
    if not ledger.lines:
        raise LedgerRefused([_("%(file)s: no ledger lines under the header.") % {"file": name}])
    factor = SCALES[scale]
    for cell, amount in sums.items():
        ledger.cells[cell] = amount * factor
    return ledger
