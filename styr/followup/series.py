"""A measure's series: its values by year and month, entered on the measure's own page or imported from Excel,
for any earlier year or month, whether or not a plan or a follow-up period exists for it.

Every value is saved through `services.save_series_value` (permission, lock and history there). The Excel
file has one sheet with a header row: År, Månad, Totalt, Kvinnor, Män, Referensvärde, Referens; the page's
download has that shape. An empty cell keeps the saved value, a dash ("–") removes it; numbers are read by
`styr.core.numbers` (through the form's number fields), and a file with a problem is not imported at all.
"""

import datetime
import io
from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from styr.core.forms import NumberField
from styr.followup import services
from styr.followup.forms import UserTextField, check_limits
from styr.followup.models import MeasureOutcome
from styr.followup.spreadsheets.reading import MAX_ROWS, Problem, check_unpacked_size
from styr.history.models import ChangeSource
from styr.plans.models import Measure

REMOVE = {"-", "–", "—"}
NUMBER_FIELDS = ("total", "women", "men", "reference_value")


def month_choices() -> list[tuple[int, str]]:
    return [(month, capfirst(date_format(datetime.date(2000, month, 1), "F"))) for month in range(1, 13)]


class SeriesValueForm(forms.Form):
    """One value of the series: a new one names its year and month, a saved one keeps them."""

    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1990, max_value=2200)
    month = forms.TypedChoiceField(label=gettext_lazy("As of month"), coerce=int, choices=month_choices, initial=12)
    total = NumberField(label=gettext_lazy("Total"), required=False, max_digits=14, decimal_places=3)
    women = NumberField(label=gettext_lazy("Women"), required=False, max_digits=14, decimal_places=3)
    men = NumberField(label=gettext_lazy("Men"), required=False, max_digits=14, decimal_places=3)
    reference_value = NumberField(label=gettext_lazy("Reference value"), required=False, max_digits=14, decimal_places=3)
    reference_label = forms.CharField(label=gettext_lazy("Reference"), required=False, max_length=100,
                                      help_text=gettext_lazy("E.g. “Riket” or “Liknande kommuner”"))
    reason = UserTextField(label=gettext_lazy("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=gettext_lazy("Needed only for a value of a decided follow-up."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def __init__(self, *args, measure: Measure, fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        if fixed:
            del self.fields["year"], self.fields["month"]

    def clean(self):
        cleaned = super().clean()
        check_limits(self, self.measure, ("total", "women", "men"))
        if cleaned.get("reference_value") is not None and not (cleaned.get("reference_label") or "").strip():
            self.add_error("reference_label", _("Say what the reference value is (e.g. “Riket”)."))
        if "year" in self.fields and all(cleaned.get(name) is None for name in NUMBER_FIELDS):
            self.add_error(None, _("Give at least one value."))
        return cleaned

    @property
    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) if name in NUMBER_FIELDS else (self.cleaned_data.get(name) or "").strip()
                for name in services.SERIES_FIELDS}


def _initial(outcome: MeasureOutcome) -> dict:
    return {**{name: getattr(outcome, name) for name in services.SERIES_FIELDS}, "version": outcome.version}


@dataclass
class SeriesRow:
    outcome: MeasureOutcome
    form: SeriesValueForm
    saved: bool = False

    @property
    def key(self) -> str:
        return f"outcome-{self.outcome.pk}"

    @property
    def title(self) -> str:
        """"April 2020": the year and month the value is as of."""
        return f"{dict(month_choices())[self.outcome.month]} {self.outcome.year}"


@dataclass
class SeriesPage:
    """The measure's saved values, newest first, each with its form, and the form for a new value."""

    measure: Measure
    rows: list[SeriesRow] = field(default_factory=list)
    new: SeriesValueForm | None = None

    @classmethod
    def load(cls, measure: Measure, data=None, key: str = "") -> "SeriesPage":
        outcomes = measure.outcomes.order_by("-year", "-month")
        rows = [SeriesRow(outcome, SeriesValueForm(data if key == f"outcome-{outcome.pk}" else None, measure=measure,
                                                   fixed=True, prefix=f"outcome-{outcome.pk}", initial=_initial(outcome)))
                for outcome in outcomes]
        return cls(measure=measure, rows=rows,
                   new=SeriesValueForm(data if key == "new" else None, measure=measure, prefix="new"))

    def form_for(self, key: str) -> tuple[SeriesValueForm, MeasureOutcome | None] | None:
        if key == "new":
            return self.new, None  # type: ignore[return-value]  # always set by load
        row = next((row for row in self.rows if row.key == key), None)
        return (row.form, row.outcome) if row else None


def save_value(*, user: User, measure: Measure, key: str, data) -> tuple[SeriesPage, bool]:
    """Validate and save the one value the form posted; the page again, and whether it was saved."""
    page = SeriesPage.load(measure, data, key)
    found = page.form_for(key)
    if found is None:
        raise KeyError(key)
    form, outcome = found
    if not form.is_valid():
        return page, False
    year = outcome.year if outcome else form.cleaned_data["year"]
    month = outcome.month if outcome else form.cleaned_data["month"]
    version = form.cleaned_data["version"] if outcome else None
    if outcome is None and measure.outcomes.filter(year=year, month=month).exists():
        form.add_error(None, _("The series already has a value for that month; change it in its row."))
        return page, False
    try:
        services.save_series_value(user=user, measure=measure, year=year, month=month, values=form.values,
                                   expected_version=version, reason=form.cleaned_data["reason"])
    except services.EditConflict:
        form.add_error(None, _("Someone else saved this value meanwhile; the page now shows what is saved."))
        return page, False
    except services.WriteRefused as refused:
        form.add_error(None, str(refused))
        return page, False
    return SeriesPage.load(measure), True


# Excel ------------------------------------------------------------------------------------------

def headers() -> list[tuple[str, str]]:
    """The file's columns: (form field, header)."""
    names = ("year", "month", *NUMBER_FIELDS[:3], "reference_value", "reference_label")
    labels = (_("Year"), _("Month"), _("Total"), _("Women"), _("Men"), _("Reference value"), _("Reference"))
    return list(zip(names, labels, strict=True))


def export_series(measure: Measure) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Outcomes")[:31]
    sheet.append([label for _name, label in headers()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for outcome in measure.outcomes.order_by("year", "month"):
        sheet.append([getattr(outcome, name) for name, _label in headers()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_data(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read(uploaded) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """The rows of the file's first sheet as form data by field, numbered as in Excel."""
    try:
        problem = check_unpacked_size(uploaded)
        workbook = None if problem else load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:  # openpyxl and zipfile raise many kinds for a file that is not a workbook
        return [], [Problem(_("The file could not be read as an Excel workbook (.xlsx)."))]
    if workbook is None:
        return [], [problem] if problem else []
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        header = [_cell_data(value).casefold() for value in next(lines, ())]
        columns = {name: header.index(label.casefold()) for name, label in headers() if label.casefold() in header}
        missing = [label for name, label in headers() if name not in columns]
        if missing:
            return [], [Problem(_("The header lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)}, row=1)]
        rows = []
        for number, values in enumerate(lines, start=2):
            if number > MAX_ROWS + 1:
                return [], [Problem(_("The sheet has more than %(max)s rows.") % {"max": MAX_ROWS})]
            data = {name: _cell_data(values[index]) if index < len(values) else "" for name, index in columns.items()}
            if any(data.values()):
                rows.append((number, data))
        return rows, []
    finally:
        workbook.close()


def _merged(data: dict, existing: MeasureOutcome | None) -> dict:
    """A row's data for the form: a dash removes the value, an empty cell keeps the saved one."""
    merged = {}
    for name, value in data.items():
        if value in REMOVE:
            merged[name] = ""
        elif value == "" and existing is not None:
            saved = getattr(existing, name)
            merged[name] = "" if saved is None else saved
        else:
            merged[name] = value
    return merged


def import_series(*, user: User, measure: Measure, uploaded, reason: str = "") -> tuple[int, list[Problem]]:
    """Every row of the file saved, or none: the number of values changed, or the problems."""
    rows, problems = _read(uploaded)
    if problems:
        return 0, problems
    saved = {(outcome.year, outcome.month): outcome for outcome in measure.outcomes.all()}
    labels = dict(headers())
    writes: list[tuple[int, tuple[int, int], SeriesValueForm]] = []
    seen: dict[tuple[int, int], int] = {}
    for number, data in rows:
        form = SeriesValueForm({**_merged(data, None), "version": 0, "reason": reason}, measure=measure)
        form.is_valid()
        key: tuple[int, int] = (form.cleaned_data.get("year"), form.cleaned_data.get("month"))  # type: ignore[assignment]  # None where invalid
        existing = saved.get(key)
        if existing is not None:
            form = SeriesValueForm({**_merged(data, existing), "version": 0, "reason": reason}, measure=measure)
            form.is_valid()
        for name, errors in form.errors.items():
            column = str(labels.get(name, "")) if name != "__all__" else ""
            problems += [Problem(str(error), row=number, column=column) for error in errors]
        if None not in key and key in seen:
            problems.append(Problem(_("Row %(row)s already has this year and month.") % {"row": seen[key]}, row=number))
        seen[key] = number
        if not form.errors:
            writes.append((number, key, form))
    if problems:
        return 0, problems
    changed = 0
    try:
        with transaction.atomic():
            for number, (year, month), form in writes:
                before = saved.get((year, month))
                try:
                    outcome = services.save_series_value(
                        user=user, measure=measure, year=year, month=month, values=form.values, expected_version=None,
                        reason=reason, source=ChangeSource.EXCEL)
                except services.WriteRefused as refused:
                    problems.append(Problem(str(refused), row=number))
                    continue
                changed += before is None or outcome.version != before.version
            if problems:
                raise _RollBack
    except _RollBack:
        return 0, problems
    return changed, []


class _RollBack(Exception):
    pass


class SeriesImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))
    reason = UserTextField(label=gettext_lazy("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=gettext_lazy("Needed only if the file changes values of a decided follow-up."))
