import datetime
from decimal import Decimal

from openpyxl.worksheet.datavalidation import DataValidation

from styr.followup import services
from styr.followup.models import FollowUpPeriod, PeriodKind
from styr.followup.spreadsheets import layout
from styr.followup.spreadsheets.export import NUMBER_FORMAT, export_workbook
from styr.followup.spreadsheets.importing import SheetEditor
from styr.testing.spreadsheets import SpreadsheetTestCase, cell, column_of, load, row_of


def validations_of(worksheet, coordinate: str) -> list[DataValidation]:
    return [item for item in worksheet.data_validations.dataValidation if coordinate in item.sqref]


class ExportTestCase(SpreadsheetTestCase):
    def test_controller_gets_goal_fulfilment_and_reporter_does_not(self):
        info, lists = str(layout.SHEET_INFO), str(layout.SHEET_LISTS)
        self.assertEqual(self.export(self.alice).sheetnames,
                         [info, self.measures, self.statuses, self.assessments, lists])
        self.assertEqual(self.export(self.erik).sheetnames, [info, self.measures, self.statuses, lists])
        self.assertEqual(self.export(self.alice)[lists].sheet_state, "hidden")

    def test_headers_are_swedish_identity_columns_hidden_and_only_white_cells_unlocked(self):
        worksheet = self.export(self.alice)[self.measures]
        headers = [c.value for c in worksheet[1]]
        self.assertEqual(headers[3:], ["Mål", "Mått", "Enhet", "Totalt", "Kvinnor", "Män", "Analys",
                                       "Omotiverade skillnader?", "Förklaring av skillnader", "Helårsprognos",
                                       "Etappmålet nått?"])
        self.assertEqual([worksheet.column_dimensions[letter].hidden for letter in "ABCD"], [True, True, True, False])
        self.assertTrue(worksheet.protection.sheet)
        row = row_of(worksheet, self.measure.name)
        self.assertTrue(worksheet.cell(row=row, column=1).protection.locked)  # the hidden ID
        self.assertTrue(cell(worksheet, self.measure.name, "Mått").protection.locked)
        self.assertFalse(cell(worksheet, self.measure.name, "Totalt").protection.locked)
        self.assertFalse(cell(worksheet, self.measure.name, "Analys").protection.locked)
        self.assertEqual(cell(worksheet, self.measure.name, "Totalt").number_format, NUMBER_FORMAT)
        self.assertEqual(cell(worksheet, self.measure.name, "Enhet").value, "dagar")
        self.assertEqual(worksheet.freeze_panes, "G2")
        self.assertEqual(worksheet.column_dimensions["J"].width, 60)
        self.assertTrue(cell(worksheet, self.measure.name, "Analys").alignment.wrap_text)

    def test_saved_values_and_versions_are_exported(self):
        services.report_measure(
            user=self.alice, measure=self.percent, period=self.period, month=12, total=Decimal("85.500"),
            women=Decimal(88), men=None, outcome_version=0, analysis="Fler är nöjda.\r\nSe bilaga.",
            unjustified_differences=True, differences_explanation="Män svarar sällan.", analysis_version=0,
        )
        services.report_activity_status(user=self.erik, activity=self.activity, period=self.period,
                                        status=self.klart, comment="Alla utbildade.", expected_version=0)
        services.assess_goal(user=self.alice, goal=self.goal, period=self.period, level=self.god,
                             text="Målet är nått.", expected_version=0)
        workbook = self.export(self.alice)
        measures = workbook[self.measures]
        name = self.percent.name
        values = [cell(measures, name, header).value for header in ("Totalt", "Kvinnor", "Män")]
        self.assertEqual(values, [85.5, 88, None])
        self.assertEqual(cell(measures, name, "Analys").value, "Fler är nöjda.\nSe bilaga.")
        self.assertEqual(cell(measures, name, "Omotiverade skillnader?").value, "Ja")
        self.assertEqual(measures.cell(row=row_of(measures, name), column=2).value, "1;1")
        statuses = workbook[self.statuses]
        self.assertEqual(cell(statuses, self.activity.name, "Status").value, "Klart")
        self.assertEqual(cell(statuses, self.activity.name, "Kommentar").value, "Alla utbildade.")
        self.assertIsNone(cell(statuses, self.commitment.name, "Status").value)
        assessments = workbook[self.assessments]
        self.assertEqual(cell(assessments, self.goal.name, "Måluppfyllelse").value, "God")
        self.assertEqual(cell(assessments, self.goal.name, "Text").value, "Målet är nått.")

    def test_lists_and_value_limits_are_checked_by_excel(self):
        workbook = self.export(self.alice)
        statuses = workbook[self.statuses]
        status_cell = cell(statuses, self.activity.name, "Status").coordinate
        (status_list,) = validations_of(statuses, status_cell)
        self.assertEqual(status_list.type, "list")
        lists = workbook[str(layout.SHEET_LISTS)]
        reference = status_list.formula1.split("!")[1].replace("$", "")
        self.assertEqual([c.value for row in lists[reference] for c in row],
                         ["Klart", "Blir klart i år", "Troligen klart i år", "Ej klart i år"])
        measures = workbook[self.measures]
        (percent_check,) = validations_of(measures, cell(measures, self.percent.name, "Totalt").coordinate)
        self.assertEqual((percent_check.operator, percent_check.formula1, percent_check.formula2),
                         ("between", "0", "100"))
        self.assertEqual(percent_check.error, "Värdet måste vara mellan 0 och 100.")
        (days_check,) = validations_of(measures, cell(measures, self.measure.name, "Totalt").coordinate)
        self.assertEqual((days_check.operator, days_check.formula1), ("greaterThanOrEqual", "0"))
        (level_list,) = validations_of(workbook[self.assessments], cell(workbook[self.assessments], self.goal.name,
                                                                          "Måluppfyllelse").coordinate)
        self.assertEqual(level_list.type, "list")

    def test_text_beginning_with_an_equals_sign_stays_text(self):
        services.report_commitment_status(user=self.alice, commitment=self.commitment, period=self.period,
                                          status=None, comment="=SUMMA(A1:A9) är inte en formel", expected_version=0)
        statuses = self.export(self.alice)[self.statuses]
        comment = cell(statuses, self.commitment.name, "Kommentar")
        self.assertEqual((comment.value, comment.data_type), ("=SUMMA(A1:A9) är inte en formel", "s"))

    def test_plan_period_has_no_value_columns(self):
        plan_period = FollowUpPeriod.objects.create(
            municipality=self.municipality, year=2020, kind=PeriodKind.PLAN, slug="vp", name="Verksamhetsplan",
            as_of=datetime.date(2019, 11, 30),
        )
        editor = SheetEditor(plan=self.plan, period=plan_period, user=self.alice)
        measures = load(export_workbook(editor))[self.measures]
        headers = [c.value for c in measures[1]]
        self.assertNotIn("Totalt", headers)
        self.assertIn("Analys", headers)
        self.assertEqual(column_of(measures, "Analys"), 7)
