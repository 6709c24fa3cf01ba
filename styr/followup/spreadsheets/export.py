"""Writes a unit's follow-up for one period as an .xlsx workbook for filling in offline.

The user fills in the white cells; grey cells, the header row and the hidden identifying columns
are locked (sheet protection without a password: it prevents slips, the import checks everything anyway).
No cell is ever a formula, and no text is ever cut: a text longer than a cell holds continues in
continuation columns (see `layout`); one longer than Styr keeps refuses the export (a ValidationError).
"""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from styr.core.formatting import format_number
from styr.core.text import check_length, clean_text
from styr.followup.editing import EditItem, Editor
from styr.followup.forms import UNJUSTIFIED_CHOICES, VALUE_LIMITS
from styr.followup.spreadsheets import layout
from styr.followup.spreadsheets.layout import Column, ColumnKind, Sheet

NUMBER_FORMAT = "#,##0.0##"
HEADER_FILL = PatternFill("solid", start_color="DDE4EE")
LOCKED_FILL = PatternFill("solid", start_color="F0F0F0")
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def export_workbook(editor: Editor) -> bytes:
    workbook = build_workbook(editor)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_name(editor: Editor) -> str:
    return f"uppfoljning-{editor.plan.unit.slug}-{editor.plan.year}-{editor.period.slug}.xlsx"


def build_workbook(editor: Editor) -> Workbook:
    workbook = Workbook()
    info = workbook.active
    _write_info(info, editor)
    lists = _write_lists(workbook.create_sheet(str(layout.SHEET_LISTS)), editor)
    items = editor.items()
    for sheet in layout.sheets_for(editor):
        worksheet = workbook.create_sheet(str(sheet.title), index=len(workbook.sheetnames) - 1)
        _write_sheet(worksheet, sheet, [item for item in items if sheet.holds(item)], editor, lists)
    return workbook


def _write_info(worksheet: Worksheet, editor: Editor) -> None:
    worksheet.title = str(layout.SHEET_INFO)
    now = timezone.localtime()
    rows = [
        (_("Follow-up"), layout.file_description(editor)),
        (_("File"), layout.file_id(editor)),
        (_("Exported"), date_format(now, "SHORT_DATETIME_FORMAT")),
        (_("Exported by"), editor.user.get_full_name() or editor.user.get_username()),
        ("", ""),
        (_("How to fill in"), _("Fill in the white cells. Grey cells are locked.")),
        ("", _("Do not add, remove, move or rename rows, columns or sheets.")),
        ("", _("Values are numbers; choose statuses and levels from the lists in the cells.")),
        ("", _("Upload the file on the same page you downloaded it from. Either every row is saved or none is.")),
        ("", _("If someone saves a row in Styr after you downloaded the file, that row is refused and the saved "
               "text is shown, so that nothing is overwritten.")),
    ]
    for row, (label, value) in enumerate(rows, start=1):
        _put(worksheet, row, 1, label or None).font = Font(bold=True)
        _put(worksheet, row, 2, value or None)
    worksheet.column_dimensions["A"].width = 18
    worksheet.column_dimensions["B"].width = 100
    worksheet.protection.sheet = True


def _write_lists(worksheet: Worksheet, editor: Editor) -> dict[ColumnKind, str]:
    """The choices of the list columns, on a hidden sheet; returns a range reference per kind."""
    choices = {
        ColumnKind.STATUS: [status.label for status in editor.statuses],
        ColumnKind.LEVEL: [level.label for level in editor.levels],
        ColumnKind.YES_NO: [str(label) for value, label in UNJUSTIFIED_CHOICES if value],
    }
    references = {}
    for index, (kind, labels) in enumerate(choices.items(), start=1):
        letter = get_column_letter(index)
        for row, label in enumerate(labels, start=1):
            _put(worksheet, row, index, label)
        if labels:
            references[kind] = f"{quote_sheetname(worksheet.title)}!${letter}$1:${letter}${len(labels)}"
    worksheet.sheet_state = "hidden"
    worksheet.protection.sheet = True
    return references


def _write_sheet(worksheet: Worksheet, sheet: Sheet, items: list[EditItem], editor: Editor, lists: dict) -> None:
    texts = [_text_parts(sheet, item) for item in items]
    parts = {column.name: max((len(item_texts[column.name]) for item_texts in texts), default=1)
             for column in sheet.columns if column.kind == ColumnKind.TEXT}
    columns = sheet.with_parts(parts)
    for column_index, column in enumerate(columns, start=1):
        header = _put(worksheet, 1, column_index, str(column.header))
        header.font, header.fill, header.alignment = Font(bold=True), HEADER_FILL, WRAP
        if column.part > 1:
            header.comment = Comment(_continuation_note(sheet, column), "Styr", width=300, height=110)
    for row, (item, item_texts) in enumerate(zip(items, texts, strict=True), start=2):
        for column_index, column in enumerate(columns, start=1):
            if column.kind == ColumnKind.TEXT:
                text_parts = item_texts[column.name]
                value = (text_parts[column.part - 1] or None) if column.part <= len(text_parts) else None
            else:
                value = _cell_value(column, item, sheet, editor)
            _style(_put(worksheet, row, column_index, value), column)
    last_row = max(worksheet.max_row, 2)
    for column_index, column in enumerate(columns, start=1):
        letter = get_column_letter(column_index)
        worksheet.column_dimensions[letter].width = column.width
        worksheet.column_dimensions[letter].hidden = column.hidden
        if column.kind in lists:
            validation = _list_validation(column, lists[column.kind])
            validation.add(f"{letter}2:{letter}{last_row}")
            worksheet.add_data_validation(validation)
        elif column.kind == ColumnKind.NUMBER:
            _add_number_validations(worksheet, column, letter, items)
    first_editable = next(index for index, column in enumerate(columns, start=1) if column.editable)
    worksheet.freeze_panes = worksheet.cell(row=2, column=first_editable)
    protection = worksheet.protection
    protection.sheet = True
    protection.formatColumns = False  # people may widen columns and rows to read long texts
    protection.formatRows = False


def _put(worksheet: Worksheet, row: int, column: int, value):
    """Every cell of the file is written here: a text is a text cell, never a formula (whatever it begins
    with), and holds no character a cell cannot hold."""
    cell = worksheet.cell(row=row, column=column, value=clean_text(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _text_parts(sheet: Sheet, item: EditItem) -> dict[str, list[str]]:
    """The item's texts, each in the parts that fit in cells; a text longer than Styr keeps (saved before
    the limit) is refused, not cut, so that the file never silently loses it."""
    texts = {}
    for column in sheet.columns:
        if column.kind == ColumnKind.TEXT:
            text = layout.clean_text(item.form.initial.get(column.name) or "")
            check_length(text, label=f"{item.title}: {column.header}")
            texts[column.name] = layout.split_text(text)
    return texts


def _continuation_note(sheet: Sheet, column: Column) -> str:
    base = next(base for base in sheet.columns if base.name == column.name)
    return _("Excel holds at most %(limit)s characters in a cell, so a longer text of “%(column)s” continues "
             "in this column. Keep the parts as they are: the import joins them.") % {
        "limit": format_number(layout.CELL_LIMIT), "column": base.header}


def _cell_value(column: Column, item: EditItem, sheet: Sheet, editor: Editor):
    initial = item.form.initial
    if column.kind == ColumnKind.KEY:
        return item.key
    if column.kind == ColumnKind.VERSION:
        return layout.format_versions(item)
    if column.kind == ColumnKind.CHECK:
        return layout.fingerprint(layout.item_values(sheet, initial))
    if column.kind == ColumnKind.INFO:
        return layout.info_value(column, item, editor.words)
    value = initial.get(column.name)
    if column.kind == ColumnKind.NUMBER:
        return value
    if column.kind == ColumnKind.STATUS:
        return _label_of(editor.statuses, value)
    if column.kind == ColumnKind.LEVEL:
        return _label_of(editor.levels, value)
    return str(dict(UNJUSTIFIED_CHOICES)[value]) if value else None


def _label_of(options, pk) -> str | None:
    return next((option.label for option in options if option.pk == pk), None)


def _style(cell, column: Column) -> None:
    if column.editable:
        cell.protection = UNLOCKED
    else:
        cell.fill = LOCKED_FILL
    cell.alignment = WRAP if column.kind in (ColumnKind.TEXT, ColumnKind.INFO) else TOP
    if column.kind == ColumnKind.NUMBER:
        cell.number_format = NUMBER_FORMAT


def _list_validation(column: Column, reference: str) -> DataValidation:
    return DataValidation(
        type="list", formula1=reference, allow_blank=True, showErrorMessage=True,
        errorTitle=str(column.header), error=_("Choose a value from the list."),
    )


def _add_number_validations(worksheet: Worksheet, column: Column, letter: str, items: list[EditItem]) -> None:
    """Excel's own check of the value limits, per group of rows with the same limits (Excel stops typos
    early; the import checks again, since pasted values pass Excel's checks)."""
    cells_by_limits: dict[tuple, list[str]] = {}
    for row, item in enumerate(items, start=2):
        limits = VALUE_LIMITS.get(item.extra["measure"].unit_of_measure, (None, None))
        cells_by_limits.setdefault(limits, []).append(f"{letter}{row}")
    for (low, high), cells in cells_by_limits.items():
        validation = _number_validation(column, low, high)
        for cell in cells:
            validation.add(cell)
        worksheet.add_data_validation(validation)


def _number_validation(column: Column, low, high) -> DataValidation:
    common = {"type": "decimal", "allow_blank": True, "showErrorMessage": True, "errorTitle": str(column.header)}
    if low is None:
        return DataValidation(operator="between", formula1="-1E+15", formula2="1E+15", error=_("Enter a number."),
                              **common)
    if high is None:
        message = _("The value must be at least %(low)s.") % {"low": format_number(low)}
        return DataValidation(operator="greaterThanOrEqual", formula1=str(low), error=message, **common)
    message = _("The value must be between %(low)s and %(high)s.") % {
        "low": format_number(low), "high": format_number(high),
    }
    return DataValidation(operator="between", formula1=str(low), formula2=str(high), error=message, **common)
