"""Reading activity statistics from Excel (XLSX) into cells to save: all or nothing, every problem named.

The first sheet has a header row: Tabell, Avsnitt, Rad, then one column per year, headed by the year
(e.g. "2020" or "Bokslut 2020"); the page's own download has that shape. A line names a table of the page
(by title) and a row of it (by section and name); an empty cell leaves the saved value as it is, a
dash ("–") removes it. Every number goes through `styr.core.numbers.parse_number`. Nothing is written
here: the result is the cells per table, or StatisticsRefused with file, row and column of each problem.
"""

import re
from collections import defaultdict
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from styr.core.numbers import parse_number
from styr.followup.services import WriteRefused
from styr.statistics.cells import Cell, check_value
from styr.statistics.models import StatisticsTable
from styr.statistics.tables import TableView

COLUMNS = {"table": ("tabell", "table"), "section": ("avsnitt", "section"), "row": ("rad", "row")}
REMOVE = {"-", "–", "—"}
YEAR = re.compile(r"\b(19|20)\d\d\b")
MAX_ERRORS = 50


class StatisticsRefused(Exception):
    """The file was not imported; `errors` says where and why, one message per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _column_name(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_rows(name: str, handle: IO[bytes]) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise StatisticsRefused([_("%(file)s: not an Excel workbook (.xlsx) Styr can read.") % {"file": name}]) from None
    try:
        return [list(values) for values in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _header(name: str, values: list, years: list[int]) -> tuple[dict[str, int], dict[int, int]]:
    texts = [_text(value).lower() for value in values]
    found = {key: texts.index(alias) for key, aliases in COLUMNS.items() for alias in aliases if alias in texts}
    missing = [COLUMNS[key][0].capitalize() for key in COLUMNS if key not in found]
    year_columns: dict[int, int] = {}
    for index, text in enumerate(texts):
        match = YEAR.search(text)
        if match and index not in found.values():
            year_columns[index] = int(match.group())
    problems = [_("the header lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)}] if missing else []
    if not year_columns:
        problems.append(_("no column is headed by a year."))
    problems += [_("column %(column)s: the page shows %(years)s, not %(year)s.")
                 % {"column": _column_name(index), "years": ", ".join(map(str, years)), "year": year}
                 for index, year in year_columns.items() if year not in years]
    if problems:
        raise StatisticsRefused([_("%(file)s, row 1: %(message)s") % {"file": name, "message": problem}
                                 for problem in problems])
    return found, year_columns


def read_statistics(*, name: str, rows: list[list], views: list[TableView]) -> dict[StatisticsTable, list[Cell]]:
    """The cells of the file per table of the page; StatisticsRefused with every problem if any."""
    if not views:
        raise StatisticsRefused([_("%(file)s: this page has no statistics tables to import into.") % {"file": name}])
    versions = {(line.row.pk, year): version for view in views for line in view.lines
                for year, version in zip(view.years, line.versions, strict=True)}
    tables = {view.table.title.casefold(): view for view in views}
    lines = iter(rows)
    header, year_columns = _header(name, next(lines, []), views[0].years)
    cells: dict[StatisticsTable, list[Cell]] = defaultdict(list)
    errors: list[str] = []
    seen: dict[int, int] = {}  # row id → the file's row that gave it

    def refuse(number: int, column: int, message: str) -> None:
        errors.append(_("%(file)s, row %(row)s, column %(column)s: %(message)s")
                      % {"file": name, "row": number, "column": _column_name(column), "message": message})

    for number, values in enumerate(lines, start=2):
        texts = [_text(value) for value in values] + [""] * len(header)
        if not any(texts):
            continue
        view = tables.get(texts[header["table"]].casefold())
        if view is None:
            refuse(number, header["table"], _("no table of this page is titled %(title)r.")
                   % {"title": texts[header["table"]]})
            continue
        key = (texts[header["section"]].casefold(), texts[header["row"]].casefold())
        line = next((line for line in view.lines if (line.row.section.casefold(), line.row.name.casefold()) == key), None)
        if line is None:
            refuse(number, header["row"], _("%(table)s has no row %(row)r under %(section)r.")
                   % {"table": view.table.title, "row": texts[header["row"]], "section": texts[header["section"]]})
            continue
        if line.row.pk in seen:
            refuse(number, header["row"], _("row %(row)s already has %(table)s: %(name)s.")
                   % {"row": seen[line.row.pk], "table": view.table.title, "name": line.row})
            continue
        seen[line.row.pk] = number
        for index, year in year_columns.items():
            value = values[index] if index < len(values) else None
            if _text(value) == "":
                continue
            try:
                number_value = None if _text(value) in REMOVE else parse_number(
                    value if isinstance(value, (str, int, float)) else str(value))
                if number_value is not None:
                    check_value(line.row, number_value)
            except ValidationError as error:
                refuse(number, index, " ".join(error.messages))
                continue
            except WriteRefused as refused:
                refuse(number, index, str(refused))
                continue
            cells[view.table].append(Cell(line.row, year, number_value, versions[(line.row.pk, year)]))
        if len(errors) >= MAX_ERRORS:
            errors.append(_("%(file)s: stopped after %(count)s problems.") % {"file": name, "count": MAX_ERRORS})
            break
    if errors:
        raise StatisticsRefused(errors)
    if not cells:
        raise StatisticsRefused([_("%(file)s: no values under the header.") % {"file": name}])
    return cells
