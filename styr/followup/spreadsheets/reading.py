"""Reading an uploaded follow-up workbook into rows, checking that it is the right file with the right sheets
and columns. Values are not judged here: the import validates them with the follow-up forms."""

import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from styr.core.formatting import format_number
from styr.followup.editing import Editor
from styr.followup.spreadsheets import layout
from styr.followup.spreadsheets.layout import Column, Sheet

MAX_ROWS = 5000
# What a file may hold unpacked. The largest follow-up holds a few MB; this keeps a small upload that
# unpacks to gigabytes (a zip bomb) from being parsed at all. Zip entries are read no further than the
# size they declare, so the declared sizes are what is checked.
MAX_UNPACKED_MEGABYTES = 50


@dataclass
class Problem:
    """Something wrong with the file, located as precisely as possible for the person fixing it."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    @property
    def location(self) -> str:
        if self.row is not None and self.column:
            return _("Row %(row)s, column %(column)s") % {"row": self.row, "column": self.column}
        if self.row is not None:
            return _("Row %(row)s") % {"row": self.row}
        if self.column:
            return _("Column %(column)s") % {"column": self.column}
        return ""

    @property
    def text(self) -> str:
        """The message with its row and column, as listed under the sheet's name."""
        return f"{self.location}: {self.message}" if self.location else self.message

    def __str__(self) -> str:
        return f"{self.sheet}: {self.text}" if self.sheet else self.text


@dataclass
class Row:
    number: int
    values: dict[str, object]
    formulas: set[str] = field(default_factory=set)


@dataclass
class SheetRows:
    sheet: Sheet
    rows: list[Row]


def open_workbook(uploaded, *, data_only: bool) -> Workbook | Problem:
    """The uploaded workbook opened for reading (formulas as written, or their cached values with `data_only`),
    or the problem that keeps it from being read."""
    try:
        problem = check_unpacked_size(uploaded)
        if problem is not None:
            return problem
        return load_workbook(uploaded, read_only=True, data_only=data_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return Problem(_("The file could not be read as an Excel workbook (.xlsx)."))


def read_workbook(uploaded, *, editor: Editor) -> tuple[list[SheetRows], list[Problem]]:
    workbook = open_workbook(uploaded, data_only=False)
    if isinstance(workbook, Problem):
        return [], [workbook]
    try:
        return _read(workbook, editor)
    finally:
        workbook.close()


def check_unpacked_size(uploaded) -> Problem | None:
    """Before anything is parsed: refuse a file that unpacks to more than Styr reads (any workbook Styr reads)."""
    with zipfile.ZipFile(uploaded) as archive:
        entries = archive.infolist()
    uploaded.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_MEGABYTES * 1024 * 1024:
        return Problem(_("The file holds %(size)s MB when unpacked; at most %(max)s MB are read. A follow-up file "
                         "downloaded from Styr is far smaller: download a new file and fill it in.")
                       % {"size": format_number(round(unpacked / 1024 / 1024, 1)), "max": MAX_UNPACKED_MEGABYTES})
    return None


def _read(workbook, editor: Editor) -> tuple[list[SheetRows], list[Problem]]:
    problem = _check_file_belongs_here(workbook, editor)
    if problem is not None:
        return [], [problem]
    expected = {str(sheet.title): sheet for sheet in layout.sheets_for(editor)}
    others = {str(sheet.title) for sheet in layout.all_sheets(editor.words)} - set(expected)
    found, problems = [], []
    for name in workbook.sheetnames:
        if name in (str(layout.SHEET_INFO), str(layout.SHEET_LISTS)):
            continue
        if name in expected:
            sheet_rows, sheet_problems = _read_sheet(workbook[name], expected[name])
            problems += sheet_problems
            if sheet_rows is not None:
                found.append(sheet_rows)
        elif name in others:
            problems.append(Problem(_("You may not fill in this sheet. Remove it and upload the file again."),
                                    sheet=name))
        else:
            problems.append(Problem(
                _("Unknown sheet. The file may only have the sheets it was downloaded with: %(sheets)s.")
                % {"sheets": ", ".join(expected)}, sheet=name,
            ))
    if not found and not problems:
        problems.append(Problem(_("The file has none of the sheets %(sheets)s.") % {"sheets": ", ".join(expected)}))
    return found, problems


def _check_file_belongs_here(workbook, editor: Editor) -> Problem | None:
    info_name = str(layout.SHEET_INFO)
    if info_name not in workbook.sheetnames:
        return Problem(_("The file was not downloaded from Styr's follow-up: the sheet “%(sheet)s” is missing.")
                       % {"sheet": info_name})
    cells = {row[0]: row[1] for row in workbook[info_name].iter_rows(min_row=1, max_row=2, max_col=2, values_only=True)
             if len(row) >= 2}
    if layout.file_id(editor) in cells.values():
        return None
    described = next(iter(cells.values()), "") or _("unknown")
    return Problem(
        _("The file belongs to another follow-up (%(file)s), not to %(here)s. Download a new file from this page.")
        % {"file": described, "here": layout.file_description(editor)}
    )


def _read_sheet(worksheet, sheet: Sheet) -> tuple[SheetRows | None, list[Problem]]:
    rows = worksheet.iter_rows()
    header = next(rows, ())
    columns, problems = _match_header(header, sheet)
    if problems:
        return None, problems
    read = []
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            message = _("The sheet has more than %(max)s rows.") % {"max": MAX_ROWS}
            return None, [Problem(message, sheet=str(sheet.title))]
        row = Row(number=number, values={})
        parts: dict[str, dict[int, object]] = {}
        for index, column in columns.items():
            if index >= len(cells):
                continue
            cell = cells[index]
            parts.setdefault(column.name, {})[column.part] = cell.value
            if getattr(cell, "data_type", None) == "f":
                row.formulas.add(column.name)
        for name, values in parts.items():
            value = _joined(values)
            row.values[name] = None if isinstance(value, str) and value.strip() == "" else value
        if any(value is not None for value in row.values.values()):
            read.append(row)
    return SheetRows(sheet=sheet, rows=read), []


def _joined(parts: dict[int, object]):
    """A text split over continuation cells, joined again in order; a lone cell's value as it is."""
    if len(parts) == 1:
        return next(iter(parts.values()))
    return "".join(value if isinstance(value, str) else layout.canonical(value) for _part, value in sorted(parts.items()))


def _match_header(header, sheet: Sheet) -> tuple[dict[int, Column], list[Problem]]:
    """Columns are found by their header, so a column moved by hand still reads right; a text column's
    continuations (see `layout`) must come without gaps."""
    by_header = {_fold(str(column.header)): column for column in (*sheet.columns, *sheet.continuations)}
    columns: dict[int, Column] = {}
    problems = []
    title = str(sheet.title)
    for index, cell in enumerate(header):
        text = "" if cell.value is None else str(cell.value).strip()
        if not text:
            continue
        column = by_header.get(_fold(text))
        if column is None:
            problems.append(Problem(_("Unknown column. Do not add or rename columns."), sheet=title, column=text))
        elif column in columns.values():
            problems.append(Problem(_("The column appears twice."), sheet=title, column=text))
        else:
            columns[index] = column
    found = set(columns.values())
    last_part: dict[str, int] = {}
    for column in found:
        last_part[column.name] = max(column.part, last_part.get(column.name, 1))
    for column in sheet.columns:
        expected = [column, *(column.continued(part) for part in range(2, last_part.get(column.name, 1)))]
        for missing in (wanted for wanted in expected if wanted not in found):
            problems.append(Problem(_("The column is missing. Download a new file."), sheet=title,
                                    column=str(missing.header)))
    return columns, problems


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
