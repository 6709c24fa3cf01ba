"""The internal-control summary and the committee's verdict of a period in Excel: one sheet, the unit in B1, the
period in B2 and the version read in B3, then from row 5 one row per part (the verdict, the summary and the parts'
texts), its name in column A and its text in column B. An import is refused whole, with the row and column
named, for another unit or period, a verdict not among the municipality's, an unknown part, a text over the
limit or a version someone has saved past; otherwise it is saved through `services.save_control_report` with
its history, as on the follow-up page."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from styr.control import services
from styr.control.forms import REPORT_TEXTS
from styr.control.models import ControlReport, ControlVerdict
from styr.control.quality_sheets import cell_text as _text
from styr.control.quality_sheets import workbook_bytes
from styr.core.text import clean_and_check
from styr.followup.models import FollowUpPeriod
from styr.followup.services import EditConflict, WriteRefused
from styr.followup.spreadsheets.reading import Problem, open_workbook
from styr.history.models import ChangeSource
from styr.plans.models import Plan

FIRST_ROW = 6  # the verdict's row; the header is the row above it
MAX_ROWS = 20


def _parts() -> list[tuple[str, str]]:
    """(field, name in column A) in the sheet's order: the verdict, then the texts."""
    return [("verdict", _("The committee's verdict")), *((name, str(label)) for name, label in REPORT_TEXTS.items())]


def _verdicts() -> str:
    return "; ".join(str(label).capitalize() for label in ControlVerdict.labels)


def _period_name(period: FollowUpPeriod) -> str:
    return f"{period.name} {period.year}"


def export_control_report(*, plan: Plan, period: FollowUpPeriod) -> bytes:
    report = ControlReport.objects.filter(plan=plan, period=period).first()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Internal control")[:31]
    sheet.append([_("Unit"), plan.unit.name])
    sheet.append([_("Period"), _period_name(period)])
    sheet.append([_("Version"), report.version if report else 0])
    sheet.append([])
    sheet.append([_("Part"), _("Text")])
    for cell in sheet[FIRST_ROW - 1]:
        cell.font = Font(bold=True)
    for field, name in _parts():
        value = getattr(report, field) if report else ""
        if field == "verdict":
            value = report.get_verdict_display().capitalize() if report and report.verdict else ""
        sheet.append([name, value])
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    # The verdicts have commas, which Excel's list validation cannot hold: they are written beside the cell.
    sheet.cell(FIRST_ROW, 3, _("Write one of: %(verdicts)s; or leave it empty.") % {"verdicts": _verdicts()})
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 100
    sheet.column_dimensions["C"].width = 60
    return workbook_bytes(workbook)


class _Read:
    """The sheet's cells checked against the plan and period; the values to save or the problems found."""

    def __init__(self, worksheet, *, plan: Plan, period: FollowUpPeriod):
        self.sheet = worksheet.title
        self.problems: list[Problem] = []
        self.values: dict[str, str] = {}
        rows = [[*row, None, None][:2] for row in worksheet.iter_rows(max_row=MAX_ROWS, max_col=2, values_only=True)]
        rows += [[None, None]] * (FIRST_ROW - len(rows))
        if _text(rows[0][1]).lower() not in {plan.unit.name.lower(), plan.unit.slug}:
            self.problem(1, "B", _("The file is for %(found)r, not %(unit)s.") % {"found": _text(rows[0][1]),
                                                                                "unit": plan.unit.name})
        if _text(rows[1][1]).lower() not in {_period_name(period).lower(), period.slug, period.name.lower()}:
            self.problem(2, "B", _("The file is for %(found)r, not %(period)s.") % {
                "found": _text(rows[1][1]), "period": _period_name(period)})
        version = rows[2][1]
        self.version = version if isinstance(version, int) and version >= 0 else None
        if self.version is None:
            self.problem(3, "B", _("The version is changed; download the file again."))
        parts = {name.lower(): field for field, name in _parts()}
        for number, (name, value) in enumerate(rows[FIRST_ROW - 1:], start=FIRST_ROW):
            if _text(name) == "" and _text(value) == "":
                continue
            field = parts.get(_text(name).lower())
            if field is None or field in self.values:
                self.problem(number, "A", _("Unknown or repeated part %(name)r; the parts are: %(parts)s.") % {
                    "name": _text(name), "parts": ", ".join(label for _field, label in _parts())})
            elif field == "verdict":
                self.verdict(number, _text(value))
            else:
                self.text(number, field, value)
        for field, _name in _parts():
            self.values.setdefault(field, "")

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(message, sheet=self.sheet, row=row, column=column))

    def verdict(self, number: int, text: str) -> None:
        verdicts = {str(label).lower(): value for value, label in ControlVerdict.choices}
        verdicts.update({value: value for value in ControlVerdict.values})
        if text and text.lower() not in verdicts:
            self.problem(number, "B", _("Unknown verdict %(verdict)r; write one of: %(verdicts)s; or leave it "
                                        "empty.") % {"verdict": text, "verdicts": _verdicts()})
        self.values["verdict"] = verdicts.get(text.lower(), "")

    def text(self, number: int, field: str, value) -> None:
        try:
            self.values[field] = clean_and_check("" if value is None else str(value), label=dict(_parts())[field])
        except ValidationError as error:
            self.problem(number, "B", " ".join(error.messages))


def import_control_report(uploaded, *, user, plan: Plan, period: FollowUpPeriod) -> list[Problem]:
    """The sheet read and checked, then saved whole or not at all; the problems found (none when saved)."""
    workbook = open_workbook(uploaded, data_only=True)
    if isinstance(workbook, Problem):
        return [workbook]
    try:
        read = _Read(workbook.worksheets[0], plan=plan, period=period)
    finally:
        workbook.close()
    if read.problems:
        return read.problems
    assert read.version is not None  # read without problems
    try:
        services.save_control_report(user=user, plan=plan, period=period, expected_version=read.version,
                                     source=ChangeSource.EXCEL, **read.values)
    except EditConflict:
        return [Problem(_("Someone saved the internal control's texts after the file was downloaded; download it "
                          "again and fill in your changes there."), sheet=read.sheet, row=3, column="B")]
    except WriteRefused as refused:
        return [Problem(str(refused), sheet=read.sheet)]
    return []
