"""The quality counts in Excel: one sheet per unit and period, the unit in B1 and the period in B2, then rows of
Typ | Kategori | Antal | Kommentar from row 4. An import is refused whole, with the sheet, row and column named,
for an unknown kind or category, a count that is not a whole number of zero or more, or a text that looks like
personal data; otherwise every sheet is saved through styr.control.quality in one transaction."""

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from styr.control.models import QualityCategory, QualityCount, QualityKind
from styr.control.quality import PERSONAL_MESSAGE, CountRow, looks_personal, replace_quality_counts
from styr.core.numbers import parse_number
from styr.followup.models import FollowUpPeriod
from styr.followup.services import WriteRefused
from styr.followup.spreadsheets.reading import MAX_ROWS, Problem, open_workbook
from styr.organisation.models import OrganisationUnit

FIRST_ROW = 4
COLUMNS = ("A", "B", "C", "D")


def _headers() -> list[str]:
    return [_("Kind"), _("Category"), _("Count"), _("Comment")]


def export_counts(*, units: list[OrganisationUnit], period: FollowUpPeriod) -> bytes:
    """A sheet per unit with every kind and category, filled with the counts saved so far."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    categories = list(QualityCategory.objects.filter(municipality_id=period.municipality_id))
    for unit in units:
        saved = {(count.kind, count.category_id): count for count in QualityCount.objects.filter(unit=unit, period=period)}
        sheet = workbook.create_sheet(unit.name[:31])
        sheet.append([_("Unit"), unit.name])
        sheet.append([_("Period"), f"{period.name} {period.year}"])
        sheet.append([])
        sheet.append(_headers())
        for kind in QualityKind:
            for category in categories:
                count = saved.get((kind.value, category.pk))
                sheet.append([str(kind.label), category.label, count.count if count else 0, count.comment if count else ""])
        for column, width in zip(COLUMNS, (30, 32, 10, 60), strict=True):
            sheet.column_dimensions[column].width = width
    return workbook_bytes(workbook)


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _text(value) -> str:
    return "" if value is None else str(value).strip()


cell_text = _text


class _Sheet:
    """One sheet read: its unit, period and rows, or the problems found, each located."""

    def __init__(self, worksheet, *, units: dict[str, OrganisationUnit], periods: dict[str, FollowUpPeriod],
                 kinds: dict[str, str], categories: dict[str, QualityCategory]):
        self.name = worksheet.title
        self.problems: list[Problem] = []
        self.rows: list[CountRow] = []
        cells = list(worksheet.iter_rows(max_row=MAX_ROWS + FIRST_ROW, max_col=len(COLUMNS), values_only=True))
        unit_name, period_name = (_text((*row, None, None)[1]) for row in [*cells[:2], (), ()][:2])
        self.unit, self.period = units.get(unit_name.lower()), periods.get(period_name.lower())
        if self.unit is None:
            self.problem(1, "B", _("%(unit)r is not a unit you may report counts for here.") % {"unit": unit_name})
        if self.period is None:
            self.problem(2, "B", _("%(period)r is not a follow-up period of the year.") % {"period": period_name})
        for number, row in enumerate(cells[FIRST_ROW:], start=FIRST_ROW + 1):
            values = [*row, None, None, None, None][:4]
            if all(_text(value) == "" for value in values):
                continue
            self.read_row(number, values, kinds, categories)

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(message, sheet=self.name, row=row, column=column))

    def read_row(self, number: int, values: list, kinds: dict[str, str], categories: dict[str, QualityCategory]):
        texts = [_text(value) for value in values]
        kind, category = kinds.get(texts[0].lower()), categories.get(texts[1].lower())
        known = {"A": kind is not None, "B": category is not None, "C": isinstance(values[2], int | float)}
        personal = [column for column, text in zip(COLUMNS, texts, strict=True)
                    if not known.get(column) and looks_personal(text)]
        for column in personal:
            self.problem(number, column, str(PERSONAL_MESSAGE))
        if kind is None and "A" not in personal:
            self.problem(number, "A", _("Unknown kind %(kind)r; write one of: %(kinds)s.") % {
                "kind": texts[0], "kinds": ", ".join(str(label) for label in QualityKind.labels)})
        if category is None and "B" not in personal:
            self.problem(number, "B", _("Unknown category %(category)r; write one of: %(categories)s.") % {
                "category": texts[1], "categories": ", ".join(dict.fromkeys(c.label for c in categories.values()))})
        count = self.count(number, values[2]) if "C" not in personal else None
        if kind is not None and category is not None and count is not None and not personal:
            self.rows.append(CountRow(kind=kind, category=category, count=count, comment=texts[3]))

    def count(self, number: int, value) -> int | None:
        try:
            parsed = parse_number(value if isinstance(value, int | float) else _text(value))
        except ValidationError as error:
            self.problem(number, "C", error.messages[0])
            return None
        if parsed is None:
            self.problem(number, "C", _("Give the count (0 if there were none)."))
        elif parsed < 0:
            self.problem(number, "C", _("A count cannot be negative."))
        elif parsed != parsed.to_integral_value():
            self.problem(number, "C", _("A count is a whole number."))
        else:
            return int(parsed)
        return None


def import_counts(uploaded, *, user, units: list[OrganisationUnit], year: int) -> list[Problem]:
    """Every sheet read and checked, then all saved or none; the problems found (none when saved)."""
    workbook = open_workbook(uploaded, data_only=True)
    if isinstance(workbook, Problem):
        return [workbook]
    municipality_id = units[0].municipality_id
    lookups: dict[str, Any] = {
        "units": {key.lower(): unit for unit in units for key in (unit.name, unit.slug)},
        "periods": {key.lower(): period for period in FollowUpPeriod.objects.filter(municipality_id=municipality_id,
                                                                                    year=year)
                    for key in (period.slug, period.name, f"{period.name} {period.year}")},
        "kinds": {key.lower(): kind.value for kind in QualityKind for key in (kind.value, str(kind.label))},
        "categories": {key.lower(): category for category in QualityCategory.objects.filter(
            municipality_id=municipality_id) for key in (category.key, category.label)},
    }
    try:
        sheets = [_Sheet(workbook[name], **lookups) for name in workbook.sheetnames]
    finally:
        workbook.close()
    problems = [problem for sheet in sheets for problem in sheet.problems]
    seen: set[tuple[int, int]] = set()
    for sheet in sheets:
        if sheet.unit and sheet.period and (sheet.unit.pk, sheet.period.pk) in seen:
            problems.append(Problem(_("Another sheet holds the same unit and period."), sheet=sheet.name, row=1,
                                    column="B"))
        elif sheet.unit and sheet.period:
            seen.add((sheet.unit.pk, sheet.period.pk))
    return problems or _save(sheets, user)


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _save(sheets: list[_Sheet], user) -> list[Problem]:
    """Every sheet through the service in one transaction; the first refusal undoes them all."""
    try:
        with transaction.atomic():
            for sheet in sheets:
                assert sheet.unit is not None and sheet.period is not None  # read without problems
                try:
                    replace_quality_counts(user=user, unit=sheet.unit, period=sheet.period, rows=sheet.rows)
                except (WriteRefused, ValidationError) as error:
                    message = error.messages[0] if isinstance(error, ValidationError) else str(error)
                    raise _Refused(Problem(message, sheet=sheet.name)) from None
    except _Refused as refused:
        return [refused.problem]
    return []
