"""Importing a filled-in follow-up workbook: every row validated with the follow-up forms, then all rows
saved through the follow-up services in one transaction, or none.

A row whose item someone saved in Styr after the export is refused with the saved values shown,
unless the user left the row as it was exported (then the newer saved values simply stay).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from styr.core.formatting import format_number
from styr.followup import services
from styr.followup.editing import EditItem, Editor
from styr.followup.forms import UNJUSTIFIED_CHOICES
from styr.followup.spreadsheets import layout
from styr.followup.spreadsheets.layout import Column, ColumnKind, Sheet
from styr.followup.spreadsheets.reading import Problem, Row, read_workbook
from styr.history.models import ChangeSource

DECIDED_MESSAGE = _lazy("The follow-up is decided: corrections are made one at a time on the follow-up page, "
                        "each with its reason, not by importing a file.")


class SheetEditor(Editor):
    """The follow-up editor, able to bind many items at once so that a whole file validates in one pass."""

    source = ChangeSource.EXCEL

    def bound_data(self, key: str, data, only):
        if isinstance(only, frozenset):
            return data if key in only else None
        return super().bound_data(key, data, only)


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept_newer: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problems_by_sheet(self) -> list[tuple[str, list[Problem]]]:
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.sheet, []).append(problem)
        return list(grouped.items())


@dataclass
class PendingRow:
    sheet: Sheet
    row: Row
    key: str
    versions: dict[str, int]
    unparsable: set[str]  # fields whose cell could not be read; their form errors would only repeat it


class _RollBack(Exception):
    pass


def import_workbook(uploaded, *, editor: SheetEditor) -> ImportResult:
    if editor.amending:
        return ImportResult(problems=[Problem(str(DECIDED_MESSAGE))])
    sheets, problems = read_workbook(uploaded, editor=editor)
    if problems:
        return ImportResult(problems=problems)
    result = ImportResult()
    data: dict[str, object] = {}
    pending: dict[str, PendingRow] = {}
    for sheet_rows in sheets:
        for row in sheet_rows.rows:
            _collect(sheet_rows.sheet, row, editor, data, pending, result)
    items = {item.key: item for item in editor.items(data, only=frozenset(pending))}
    to_save = []
    for key, waiting in pending.items():
        item = items.get(key)
        if item is None or not waiting.sheet.holds(item):
            result.problems.append(_problem(waiting.sheet, waiting.row, _unknown_row(waiting.sheet, waiting.row)))
        elif _check_row(waiting, item, editor, result):
            to_save.append((item, waiting))
    if result.problems:
        return result
    _save_all(to_save, editor, result)
    return result


def _collect(sheet: Sheet, row: Row, editor: Editor, data: dict, pending: dict, result: ImportResult) -> None:
    """Turns a row's cells into form data under the item's prefix, noting what cannot be read."""
    key = row.values.get("key")
    if not isinstance(key, str) or not key.strip():
        result.problems.append(_problem(sheet, row, _("The row has no hidden ID: rows must not be added. "
                                                      "Remove the row or download a new file.")))
        return
    key = key.strip()
    if key in pending:
        result.problems.append(_problem(sheet, row, _("The row appears twice (also row %(other)s).")
                                        % {"other": pending[key].row.number}))
        return
    versions = layout.parse_versions(key, row.values.get("version"))
    if versions is None:
        result.problems.append(_problem(sheet, row, _("The row's hidden version is damaged. Download a new file.")))
        return
    unparsable = set()
    for column in sheet.editable_columns:
        value, message = _form_value(column, row, editor)
        if message:
            result.problems.append(_problem(sheet, row, message, column))
            unparsable.add(column.name)
        data[f"{key}-{column.name}"] = value
    for name, version in versions.items():
        data[f"{key}-{name}"] = version
    pending[key] = PendingRow(sheet=sheet, row=row, key=key, versions=versions, unparsable=unparsable)


def _form_value(column: Column, row: Row, editor: Editor) -> tuple[str, str]:
    """The cell as the form expects it, or a message why it cannot be read."""
    if column.name in row.formulas:
        return "", _("Enter a value, not a formula.")
    value = row.values.get(column.name)
    if value is None:
        return "", ""
    if column.kind == ColumnKind.NUMBER:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return layout.canonical(value), ""
        return str(value).strip(), ""
    if column.kind == ColumnKind.TEXT:
        return layout.canonical(value) if not isinstance(value, str) else layout.clean_text(value), ""
    choices = _choices(column.kind, editor)
    text = " ".join(str(value).split())
    if text.casefold() in choices:
        return choices[text.casefold()], ""
    labels = [label for label, choice in _labelled_choices(column.kind, editor) if choice]
    return "", _("Unknown value “%(value)s”. Choose one of: %(choices)s.") % {
        "value": _quoted(text), "choices": ", ".join(labels),
    }


def _labelled_choices(kind: ColumnKind, editor: Editor) -> list[tuple[str, str]]:
    """(label, form value) of a list column; the empty choice has an empty value."""
    if kind == ColumnKind.STATUS:
        return [(status.label, str(status.pk)) for status in editor.statuses] + [(_("No status"), "")]
    if kind == ColumnKind.LEVEL:
        return [(level.label, str(level.pk)) for level in editor.levels] + [(_("Not assessed"), "")]
    return [(str(label), value) for value, label in UNJUSTIFIED_CHOICES]


def _choices(kind: ColumnKind, editor: Editor) -> dict[str, str]:
    return {label.casefold(): value for label, value in _labelled_choices(kind, editor)}


def _check_row(pending: PendingRow, item: EditItem, editor: Editor, result: ImportResult) -> bool:
    """Whether the row is valid and changes something; records problems, unchanged and kept rows."""
    sheet, row = pending.sheet, pending.row
    name_column = sheet.name_column
    in_file = layout.clean_text(str(row.values.get(name_column.name) or ""))
    if in_file != layout.clean_text(item.title):
        message = _("The row is “%(file)s” in the file but “%(styr)s” in Styr: rows must not be moved or renamed. "
                    "Download a new file.") % {"file": _quoted(in_file), "styr": item.title}
        result.problems.append(_problem(sheet, row, message, name_column))
        return False
    form = item.form
    if not form.is_valid():
        _form_problems(pending, form, result)
        return False
    saved_values = layout.item_values(sheet, form.initial)
    new_values = layout.item_values(sheet, form.cleaned_data)
    if [layout.canonical(v) for v in new_values] == [layout.canonical(v) for v in saved_values]:
        result.unchanged += 1
        return False
    stale = any(pending.versions[name] != form.initial.get(name, 0) for name in layout.version_fields(item.key))
    if not stale:
        return True
    if layout.fingerprint(new_values) == row.values.get("check"):
        result.kept_newer.append(item.title)  # the user did not touch the row; the newer saved values stay
        return False
    result.problems.append(_conflict(sheet, row, item, editor))
    return False


def _form_problems(pending: PendingRow, form, result: ImportResult) -> None:
    columns = {column.name: column for column in pending.sheet.columns}
    for name, messages in form.errors.items():
        if name in pending.unparsable:
            continue
        column = columns.get(name)
        if name in layout.version_fields(pending.key):
            messages = [_("The row's hidden version is damaged. Download a new file.")]
            column = None
        for message in messages:
            result.problems.append(_problem(pending.sheet, pending.row, message, column))


def _conflict(sheet: Sheet, row: Row, item: EditItem, editor: Editor) -> Problem:
    saved = item.extra.get("saved_object")
    who = ""
    if saved is not None and saved.updated_by is not None:
        who = _(" (by %(who)s, %(when)s)") % {
            "who": saved.updated_by.get_full_name() or saved.updated_by.get_username(),
            "when": date_format(timezone.localtime(saved.updated_at), "SHORT_DATETIME_FORMAT"),
        }
    message = _("Someone saved this row in Styr after the file was downloaded%(who)s, so it was not imported and "
                "nothing was overwritten. Saved in Styr: %(saved)s. Copy what you need and download a new file.") % {
        "who": who, "saved": describe_saved(sheet, item, editor),
    }
    return _problem(sheet, row, message)


def describe_saved(sheet: Sheet, item: EditItem, editor: Editor) -> str:
    """The item's saved values in words, every one of them, so no text is lost."""
    parts = []
    for column in sheet.editable_columns:
        value = item.form.initial.get(column.name)
        if value in (None, ""):
            continue
        if column.kind == ColumnKind.NUMBER:
            shown = format_number(value)
        elif column.kind in (ColumnKind.STATUS, ColumnKind.LEVEL, ColumnKind.YES_NO):
            choices = _labelled_choices(column.kind, editor)
            shown = next((label for label, choice in choices if choice == str(value)), "")
        else:
            shown = f"“{value}”"
        parts.append(f"{column.header}: {shown}")
    return "; ".join(parts) or _("nothing (the saved values were emptied)")


def _save_all(rows: list[tuple[EditItem, PendingRow]], editor: SheetEditor, result: ImportResult) -> None:
    """Saves every changed row in one transaction; a conflict found while saving undoes them all."""
    conflicting: list[PendingRow] = []
    refusals: list[Problem] = []
    try:
        with transaction.atomic():
            for item, pending in rows:
                try:
                    editor.write(item, item.form.cleaned_data)
                except services.EditConflict:
                    conflicting.append(pending)
                except services.WriteRefused as refused:
                    refusals.append(_problem(pending.sheet, pending.row, str(refused)))
            if conflicting or refusals:
                raise _RollBack
    except _RollBack:
        result.problems.extend(refusals)
        fresh = {item.key: item for item in editor.items()}
        for pending in conflicting:
            saved = describe_saved(pending.sheet, fresh[pending.key], editor)
            message = _("Someone saved this row in Styr while the file was being imported, so nothing was imported. "
                        "Saved in Styr: %(saved)s.") % {"saved": saved}
            result.problems.append(_problem(pending.sheet, pending.row, message))
        return
    result.saved = [item.title for item, _pending in rows]


def _unknown_row(sheet: Sheet, row: Row) -> str:
    name = row.values.get(sheet.name_column.name) or ""
    return _("“%(name)s” is not among what you can fill in for this follow-up (it may have been removed from the "
             "plan). Remove the row or download a new file.") % {"name": _quoted(str(name))}


def _quoted(text: str) -> str:
    """A wrong value as a message quotes it: its beginning is enough to find it (a cell may hold 32,767)."""
    return text if len(text) <= 200 else f"{text[:200]}…"


def _problem(sheet: Sheet, row: Row, message: str, column: Column | None = None) -> Problem:
    return Problem(str(message), sheet=str(sheet.title), row=row.number, column=str(column.header) if column else "")
