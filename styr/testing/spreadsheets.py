"""Test helpers: a follow-up with something on every sheet, and workbooks edited the way a person would."""

import io

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from styr.followup.models import AssessmentLevel, StatusOption
from styr.followup.spreadsheets import layout
from styr.followup.spreadsheets.export import export_workbook
from styr.followup.spreadsheets.importing import ImportResult, SheetEditor, import_workbook
from styr.organisation.models import Membership, Role, Vocabulary
from styr.plans.models import Activity, Commitment, Direction, GoalMeasure, Measure, UnitOfMeasure
from styr.testing import BaseTestCase, make_user

HUDDINGE = Vocabulary.of([])  # the shared world's municipality keeps the default words


def load(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def to_upload(workbook: Workbook, name: str = "uppfoljning.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def column_of(worksheet: Worksheet, header: str) -> int:
    return next(cell.column for cell in worksheet[1] if cell.value == str(header))


def row_of(worksheet: Worksheet, name: str) -> int:
    """The row of the item named `name`, found by the sheet's name column."""
    sheet = next(sheet for sheet in layout.all_sheets(HUDDINGE) if sheet.title == worksheet.title)
    name_column = column_of(worksheet, str(sheet.name_column.header))
    return next(row for row in range(2, worksheet.max_row + 1)
                if worksheet.cell(row=row, column=name_column).value == name)


def cell(worksheet: Worksheet, name: str, header: str):
    return worksheet.cell(row=row_of(worksheet, name), column=column_of(worksheet, header))


class SpreadsheetTestCase(BaseTestCase):
    """The shared cast, plus Erik who reports for the committee, a percent measure, a commitment and an activity."""

    erik: User
    percent: Measure
    commitment: Commitment
    activity: Activity
    klart: StatusOption
    god: AssessmentLevel

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.erik = make_user("erik", "Erik")
        Membership.objects.create(user=cls.erik, unit=cls.committee, role=Role.REPORTER)
        cls.percent = Measure.objects.create(
            unit=cls.committee, slug="nojda", name="Andel nöjda brukare, %", unit_of_measure=UnitOfMeasure.PERCENT,
            direction=Direction.HIGHER,
        )
        GoalMeasure.objects.create(goal=cls.goal, measure=cls.percent, order=2)
        cls.commitment = Commitment.objects.create(plan=cls.plan, goal=cls.goal, name="Införa e-tjänst för ansökan")
        cls.activity = Activity.objects.create(
            plan=cls.plan, goal=cls.goal, commitment=cls.commitment, name="Utbilda handläggarna",
        )
        cls.klart = StatusOption.objects.get(municipality=cls.municipality, key="klart")
        cls.god = AssessmentLevel.objects.get(scale__municipality=cls.municipality, key="god")

    measures, statuses, assessments = (sheet.title for sheet in layout.all_sheets(HUDDINGE))

    def editor(self, user) -> SheetEditor:
        return SheetEditor(plan=self.plan, period=self.period, user=user)

    def export(self, user) -> Workbook:
        return load(export_workbook(self.editor(user)))

    def import_file(self, workbook: Workbook, user) -> ImportResult:
        return import_workbook(to_upload(workbook), editor=self.editor(user))
