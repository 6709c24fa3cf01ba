"""The follow-up workbook's sheets and columns, shared by the export and the import so both agree.

Every data sheet starts with three hidden, locked columns that tie a row to the item it was exported
from: the item's key, the version(s) it was read at, and a fingerprint of the exported values
(so the import can tell a row the user left alone from one they changed).

Excel holds at most CELL_LIMIT characters in a cell, and a text may be longer (up to TEXT_LIMIT): such a
text continues in the columns right after its own ("Analysis, part 2", …), added only when a text needs
them, and the import joins the parts again. Nothing is ever cut.
"""

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from styr.core import text as user_text
from styr.followup.editing import EditItem, Editor
from styr.organisation.models import Vocabulary

SHEET_INFO = _("About the file")
SHEET_LISTS = _("Lists")
FILE_ID_PREFIX = "styr-followup:"
CELL_LIMIT = 32_767  # Excel's most characters in a cell, counted in UTF-16 units
# The parts of the longest text Styr keeps, if every character of it counts two (beyond U+FFFF).
MAX_PARTS = math.ceil(2 * user_text.TEXT_LIMIT / (CELL_LIMIT - 1))


class ColumnKind(StrEnum):
    KEY = "key"
    VERSION = "version"
    CHECK = "check"
    INFO = "info"
    NUMBER = "number"
    TEXT = "text"
    STATUS = "status"
    LEVEL = "level"
    YES_NO = "yes_no"


HIDDEN_KINDS = {ColumnKind.KEY, ColumnKind.VERSION, ColumnKind.CHECK}
EDITABLE_KINDS = {ColumnKind.NUMBER, ColumnKind.TEXT, ColumnKind.STATUS, ColumnKind.LEVEL, ColumnKind.YES_NO}


@dataclass(frozen=True)
class Column:
    name: str  # the form field of an editable column; what the column shows otherwise
    header: Promise | str  # a continuation's header is formatted when the file is written or read
    kind: ColumnKind
    width: int = 14
    part: int = 1  # of a text column: which part of its texts the column holds

    def continued(self, part: int) -> "Column":
        """The column holding part `part` (2, 3, …) of this text column's texts."""
        return replace(self, header=_("%(header)s, part %(part)s") % {"header": self.header, "part": part}, part=part)

    @property
    def editable(self) -> bool:
        return self.kind in EDITABLE_KINDS

    @property
    def hidden(self) -> bool:
        return self.kind in HIDDEN_KINDS


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    prefixes: tuple[str, ...]  # the Editor item kinds (key prefixes) listed on this sheet
    columns: tuple[Column, ...]

    @property
    def editable_columns(self) -> list[Column]:
        return [column for column in self.columns if column.editable]

    @property
    def name_column(self) -> Column:
        """The visible column that names the item; a changed name means the row no longer matches."""
        return next(column for column in self.columns if column.name == "name")

    def holds(self, item: EditItem) -> bool:
        return item_kind(item.key) in self.prefixes

    def with_parts(self, parts: dict[str, int]) -> list[Column]:
        """The columns as exported: each text column followed by the continuations its texts need."""
        return [column.continued(part) if part > 1 else column
                for column in self.columns for part in range(1, parts.get(column.name, 1) + 1)]

    @property
    def continuations(self) -> list[Column]:
        """Every continuation column a file of this sheet may have."""
        return [column.continued(part) for column in self.columns if column.kind == ColumnKind.TEXT
                for part in range(2, MAX_PARTS + 1)]


IDENTITY = (
    Column("key", _("ID"), ColumnKind.KEY, 8),
    Column("version", _("Version"), ColumnKind.VERSION, 8),
    Column("check", _("Check"), ColumnKind.CHECK, 8),
)
VALUE_COLUMNS = (
    Column("total", _("Total"), ColumnKind.NUMBER, 11),
    Column("women", _("Women"), ColumnKind.NUMBER, 11),
    Column("men", _("Men"), ColumnKind.NUMBER, 11),
)


def judgement_columns(words: Vocabulary) -> tuple[Column, ...]:
    """The forecast and the committee's judgement of the target, in the municipality's words."""
    return (
        Column("forecast", _("Full-year forecast"), ColumnKind.NUMBER, 14),
        Column("target_met", capfirst(_("%(target)s met?") % {"target": words["target_definite"]}),
               ColumnKind.YES_NO, 14),
    )


def _title(text: str) -> str:
    """A sheet's name: Excel takes at most 31 characters."""
    return text[:31]


def measure_sheet(*, with_values: bool, words: Vocabulary) -> Sheet:
    return Sheet(
        key="measures", title=_title(words["measure_plural"]), prefixes=("measure",),
        columns=(
            *IDENTITY,
            Column("goal", _("Goal"), ColumnKind.INFO, 22),
            Column("name", words["measure"], ColumnKind.INFO, 36),
            Column("unit", _("Unit"), ColumnKind.INFO, 12),
            *(VALUE_COLUMNS if with_values else ()),
            Column("analysis", _("Analysis"), ColumnKind.TEXT, 60),
            Column("unjustified_differences", _("Unjustified differences?"), ColumnKind.YES_NO, 16),
            Column("differences_explanation", _("Explanation of differences"), ColumnKind.TEXT, 40),
            *(judgement_columns(words) if with_values else ()),
        ),
    )


def status_sheet(words: Vocabulary) -> Sheet:
    # Named by what it holds for every vocabulary: "Utvecklingsåtaganden och aktiviteter" is too long for Excel.
    return Sheet(
        key="statuses", title=_title(str(pgettext("Excel sheet", "Statuses"))), prefixes=("commitment", "activity"),
        columns=(
            *IDENTITY,
            Column("goal", _("Goal"), ColumnKind.INFO, 22),
            Column("type", _("Type"), ColumnKind.INFO, 12),
            Column("name", _("Name"), ColumnKind.INFO, 40),
            Column("status", _("Status"), ColumnKind.STATUS, 20),
            Column("comment", _("Comment"), ColumnKind.TEXT, 60),
        ),
    )


def assessment_sheet(words: Vocabulary) -> Sheet:
    return Sheet(
        key="assessments", title=_title(words["assessment"]), prefixes=("councilgoal", "goal"),
        columns=(
            *IDENTITY,
            Column("type", _("Type"), ColumnKind.INFO, 20),
            Column("name", _("Goal"), ColumnKind.INFO, 40),
            Column("level", words["assessment"], ColumnKind.LEVEL, 18),
            Column("text", _("Text"), ColumnKind.TEXT, 70),
        ),
    )


def type_label(kind: str, words: Vocabulary) -> str:
    """What the Type column says of an item: the municipality's word for its kind."""
    if kind == "councilgoal":
        return str(_("Combined assessment"))
    return words["committee_goal" if kind == "goal" else kind]


def sheets_for(editor: Editor) -> list[Sheet]:
    """The data sheets of this user's workbook, in order; a sheet appears only if the user may fill it in."""
    sheets = []
    if editor.may_report:
        sheets += [measure_sheet(with_values=editor.values_editable, words=editor.words), status_sheet(editor.words)]
    if editor.may_edit_committee_texts:
        sheets.append(assessment_sheet(editor.words))
    return sheets


def all_sheets(words: Vocabulary) -> list[Sheet]:
    return [measure_sheet(with_values=True, words=words), status_sheet(words), assessment_sheet(words)]


def item_kind(key: str) -> str:
    return key.split("-")[0]


def version_fields(key: str) -> tuple[str, ...]:
    """The hidden form fields that carry the versions an item was read at."""
    return ("outcome_version", "analysis_version") if item_kind(key) == "measure" else ("version",)


def info_value(column: Column, item: EditItem, words: Vocabulary) -> str:
    """What a locked, informative column shows for an item."""
    if column.name == "name":
        return item.title
    if column.name == "goal":
        return item.group
    if column.name == "unit":
        return item.extra["measure"].get_unit_of_measure_display()
    if column.name == "type":
        return type_label(item_kind(item.key), words)
    return ""


def file_id(editor: Editor) -> str:
    """Names the plan and period a file belongs to, so a file for another unit or period is refused."""
    unit = editor.plan.unit
    return f"{FILE_ID_PREFIX}{unit.municipality.slug}/{unit.slug}/{editor.plan.year}/{editor.period.slug}"


def file_description(editor: Editor) -> str:
    return f"{editor.plan.unit.name} {editor.plan.year}, {editor.period.name}"


def clean_text(text: str) -> str:
    """A user's text cleaned the one way (`core.text`: no control characters a cell cannot hold), unpadded."""
    return user_text.clean_text(text).strip()


def split_text(text: str) -> list[str]:
    """The text in parts that each fit in a cell; one part (perhaps empty) for most texts."""
    parts, start = [], 0
    while True:
        end = start + CELL_LIMIT
        while (excess := _excel_length(text[start:end]) - CELL_LIMIT) > 0:
            end -= (excess + 1) // 2  # each character dropped counts one or two
        parts.append(text[start:end])
        if end >= len(text):
            return parts
        start = end


def _excel_length(text: str) -> int:
    """Characters as Excel counts them: one beyond U+FFFF counts two."""
    return len(text.encode("utf-16-le")) // 2


def canonical(value) -> str:
    """One spelling per value, so exported, imported and saved values compare equal when they are."""
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")
    return clean_text(str(value))


def fingerprint(values: list) -> str:
    joined = "\x1f".join(canonical(value) for value in values)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def item_values(sheet: Sheet, values: Mapping) -> list:
    """The editable columns' values of an item, from a form's initial or cleaned data."""
    return [values.get(column.name) for column in sheet.editable_columns]


def format_versions(item: EditItem) -> str:
    return ";".join(str(item.form.initial.get(name, 0)) for name in version_fields(item.key))


def parse_versions(key: str, text) -> dict[str, int] | None:
    """The versions a row was exported at, or None if the hidden cell was damaged."""
    parts = str(text if text is not None else "").split(";")
    names = version_fields(key)
    if len(parts) != len(names) or not all(part.strip().isdigit() for part in parts):
        return None
    return {name: int(part) for name, part in zip(names, parts, strict=True)}
