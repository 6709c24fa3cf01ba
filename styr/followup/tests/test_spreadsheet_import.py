import datetime
from decimal import Decimal
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from styr.followup import services
from styr.followup.models import (
    ActivityReport,
    CommitmentReport,
    FollowUpPeriod,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    PeriodKind,
)
from styr.followup.spreadsheets import layout
from styr.followup.spreadsheets.export import export_workbook
from styr.followup.spreadsheets.importing import DECIDED_MESSAGE, SheetEditor, import_workbook
from styr.history.models import Change
from styr.organisation.models import Vocabulary
from styr.testing.spreadsheets import SpreadsheetTestCase, cell, column_of, load, row_of

FOLLOWUP_MODELS = (MeasureOutcome, MeasureAnalysis, CommitmentReport, ActivityReport, GoalAssessment)


class ImportTestCase(SpreadsheetTestCase):
    def assert_nothing_saved(self):
        self.assertEqual([model.objects.count() for model in FOLLOWUP_MODELS], [0] * len(FOLLOWUP_MODELS))
        self.assertFalse(Change.objects.exists())

    def problem_texts(self, result) -> list[str]:
        return [str(problem) for problem in result.problems]

    def fill_valid_rows(self, workbook):
        """A few good edits that must not be saved when another row is wrong."""
        cell(workbook[self.measures], self.measure.name, "Totalt").value = 111
        cell(workbook[self.statuses], self.activity.name, "Status").value = "Klart"


class RoundTripTestCase(ImportTestCase):
    def test_export_edit_import_changes_the_database_with_history(self):
        workbook = self.export(self.alice)
        measures, statuses, assessments = workbook[self.measures], workbook[self.statuses], workbook[self.assessments]
        cell(measures, self.measure.name, "Totalt").value = 111
        cell(measures, self.measure.name, "Kvinnor").value = 121.5
        cell(measures, self.measure.name, "Män").value = "98,25"  # typed as text with a decimal comma
        cell(measures, self.measure.name, "Analys").value = "Kortare utredningstid.\nFler handläggare."
        cell(measures, self.measure.name, "Omotiverade skillnader?").value = "ja"
        cell(measures, self.measure.name, "Förklaring av skillnader").value = "Flickor utreds längre."
        cell(statuses, self.activity.name, "Status").value = "Blir klart i år"
        cell(statuses, self.commitment.name, "Kommentar").value = "Påbörjat i mars."
        cell(assessments, self.goal.name, "Måluppfyllelse").value = "God"
        cell(assessments, self.goal.name, "Text").value = "Målet är nått."
        result = self.import_file(workbook, self.alice)
        self.assertEqual(result.problems, [])
        self.assertEqual(sorted(result.saved), sorted([self.measure.name, self.activity.name, self.commitment.name,
                                                       self.goal.name]))
        self.assertEqual(result.unchanged, 2)  # the percent measure and the council goal
        outcome = MeasureOutcome.objects.get(measure=self.measure, year=2020, month=12)
        self.assertEqual((outcome.total, outcome.women, outcome.men),
                         (Decimal(111), Decimal("121.5"), Decimal("98.25")))
        self.assertEqual(outcome.updated_by, self.alice)
        analysis = MeasureAnalysis.objects.get(measure=self.measure, period=self.period)
        self.assertEqual((analysis.analysis, analysis.unjustified_differences, analysis.differences_explanation),
                         ("Kortare utredningstid.\nFler handläggare.", True, "Flickor utreds längre."))
        activity = ActivityReport.objects.get(activity=self.activity, period=self.period)
        self.assertEqual((activity.status.key, activity.comment), ("blir-klart", ""))
        self.assertEqual(CommitmentReport.objects.get().comment, "Påbörjat i mars.")
        assessment = GoalAssessment.objects.get(goal=self.goal, period=self.period)
        self.assertEqual((assessment.level, assessment.text, assessment.version), (self.god, "Målet är nått.", 1))
        self.assertEqual(Change.objects.filter(user=self.alice).count(), 5)
        self.assertFalse(MeasureOutcome.objects.filter(measure=self.percent).exists())

    def test_a_second_round_updates_and_an_unchanged_file_saves_nothing(self):
        workbook = self.export(self.erik)
        cell(workbook[self.statuses], self.activity.name, "Kommentar").value = "Första texten."
        self.assertTrue(self.import_file(workbook, self.erik).ok)
        workbook = self.export(self.erik)
        result = self.import_file(workbook, self.erik)
        self.assertEqual((result.problems, result.saved, result.unchanged), ([], [], 4))
        cell(workbook[self.statuses], self.activity.name, "Kommentar").value = "Andra texten."
        cell(workbook[self.statuses], self.activity.name, "Status").value = "Ej klart i år"
        self.assertTrue(self.import_file(workbook, self.erik).ok)
        report = ActivityReport.objects.get()
        self.assertEqual((report.comment, report.status.key, report.version), ("Andra texten.", "ej-klart", 2))
        self.assertEqual(Change.objects.count(), 2)

    def test_clearing_cells_empties_saved_values(self):
        services.report_activity_status(user=self.erik, activity=self.activity, period=self.period,
                                        status=self.klart, comment="Klart i maj.", expected_version=0)
        workbook = self.export(self.erik)
        cell(workbook[self.statuses], self.activity.name, "Status").value = None
        cell(workbook[self.statuses], self.activity.name, "Kommentar").value = None
        self.assertTrue(self.import_file(workbook, self.erik).ok)
        report = ActivityReport.objects.get()
        self.assertEqual((report.status, report.comment, report.version), (None, "", 2))

    def test_text_with_an_equals_sign_round_trips_unchanged(self):
        services.report_commitment_status(user=self.alice, commitment=self.commitment, period=self.period,
                                          status=None, comment="=inte en formel", expected_version=0)
        result = self.import_file(self.export(self.alice), self.alice)
        self.assertEqual((result.problems, result.saved), ([], []))


class BadValuesTestCase(ImportTestCase):
    def test_every_bad_cell_is_listed_by_sheet_row_and_column_and_nothing_is_saved(self):
        workbook = self.export(self.alice)
        self.fill_valid_rows(workbook)
        measures, statuses = workbook[self.measures], workbook[self.statuses]
        cell(measures, self.percent.name, "Totalt").value = 120
        cell(measures, self.percent.name, "Kvinnor").value = "tolv"
        cell(measures, self.measure.name, "Män").value = -4
        cell(measures, self.measure.name, "Omotiverade skillnader?").value = "Ja"
        cell(measures, self.measure.name, "Kvinnor").value = "=B2*2"
        cell(statuses, self.commitment.name, "Status").value = "Nästan klart"
        cell(workbook[self.assessments], self.goal.name, "Måluppfyllelse").value = "Utmärkt"
        result = self.import_file(workbook, self.alice)
        self.assert_nothing_saved()
        found = {(p.sheet, p.row, p.column): p.message for p in result.problems}
        percent_row, days_row = row_of(measures, self.percent.name), row_of(measures, self.measure.name)
        self.assertEqual(found[(self.measures, percent_row, "Totalt")], "Värdet måste vara mellan 0 och 100.")
        self.assertEqual(found[(self.measures, percent_row, "Kvinnor")], "”tolv” är inte ett tal som Styr kan läsa: skriv decimaler med komma och mellanslag mellan tusental, t.ex. 1 250,5.")
        self.assertEqual(found[(self.measures, days_row, "Män")], "Värdet måste vara minst 0.")
        self.assertIn("Förklara de omotiverade skillnaderna",
                      found[(self.measures, days_row, "Förklaring av skillnader")])
        self.assertEqual(found[(self.measures, days_row, "Kvinnor")], _("Enter a value, not a formula."))
        status_message = found[(self.statuses, row_of(statuses, self.commitment.name), "Status")]
        self.assertIn("Nästan klart", status_message)
        self.assertIn("Klart, Blir klart i år, Troligen klart i år, Ej klart i år", status_message)
        level_message = found[(self.assessments, row_of(workbook[self.assessments], self.goal.name), "Måluppfyllelse")]
        self.assertIn("Mycket god, God, Godtagbar, Ej godtagbar", level_message)
        self.assertEqual(len(result.problems), 7)
        problem = next(p for p in result.problems if p.column == "Totalt")
        location = _("Row %(row)s, column %(column)s") % {"row": percent_row, "column": "Totalt"}
        self.assertEqual(problem.text, f"{location}: Värdet måste vara mellan 0 och 100.")
        self.assertEqual(str(problem), f"{self.measures}: {location}: Värdet måste vara mellan 0 och 100.")

    def test_a_formula_is_refused_with_its_own_message(self):
        workbook = self.export(self.erik)
        cell(workbook[self.measures], self.measure.name, "Totalt").value = "=100/3"
        (problem,) = self.import_file(workbook, self.erik).problems
        self.assertEqual((problem.column, problem.message), ("Totalt", _("Enter a value, not a formula.")))
        self.assert_nothing_saved()

    def test_too_many_decimals_are_refused_like_in_the_form(self):
        workbook = self.export(self.erik)
        cell(workbook[self.measures], self.percent.name, "Totalt").value = 33.33333
        (problem,) = self.import_file(workbook, self.erik).problems
        self.assertEqual(problem.column, "Totalt")
        self.assertIn("3 decimaler", problem.message)
        self.assert_nothing_saved()


class BadFileTestCase(ImportTestCase):
    def test_a_file_that_is_not_a_workbook(self):
        upload = SimpleUploadedFile("uppfoljning.xlsx", b"Namn;Totalt\nUtredningstid;12\n")
        result = import_workbook(upload, editor=self.editor(self.alice))
        self.assertEqual(self.problem_texts(result), [_("The file could not be read as an Excel workbook (.xlsx).")])

    def test_a_workbook_not_from_styr(self):
        workbook = self.export(self.alice)
        del workbook[str(layout.SHEET_INFO)]
        (problem,) = self.import_file(workbook, self.alice).problems
        self.assertIn(str(layout.SHEET_INFO), problem.message)

    def test_a_file_for_another_period_is_refused(self):
        other = FollowUpPeriod.objects.create(
            municipality=self.municipality, year=2020, kind=PeriodKind.INTERIM_2, slug="delar2",
            name="Delårsrapport 2", as_of=datetime.date(2020, 8, 31),
        )
        workbook = load(export_workbook(SheetEditor(plan=self.plan, period=other, user=self.alice)))
        self.fill_valid_rows(workbook)
        (problem,) = self.import_file(workbook, self.alice).problems
        self.assertIn("Socialnämnden 2020, Delårsrapport 2", problem.message)
        self.assertIn("Socialnämnden 2020, Verksamhetsberättelse", problem.message)
        self.assert_nothing_saved()

    def test_unknown_missing_and_repeated_columns(self):
        workbook = self.export(self.alice)
        self.fill_valid_rows(workbook)
        measures = workbook[self.measures]
        measures.cell(row=1, column=column_of(measures, "Män")).value = "Män 2020"
        statuses = workbook[self.statuses]
        statuses.cell(row=1, column=column_of(statuses, "Status")).value = "Kommentar"
        result = self.import_file(workbook, self.alice)
        found = {(p.sheet, p.column): p.message for p in result.problems}
        self.assertEqual(found, {
            (self.measures, "Män 2020"): _("Unknown column. Do not add or rename columns."),
            (self.measures, "Män"): _("The column is missing. Download a new file."),
            (self.statuses, "Kommentar"): _("The column appears twice."),
            (self.statuses, "Status"): _("The column is missing. Download a new file."),
        })
        self.assert_nothing_saved()

    def test_columns_moved_by_hand_still_read_right(self):
        workbook = self.export(self.erik)
        statuses = workbook[self.statuses]
        statuses.move_range("G1:G3", cols=2)  # swap Status and Kommentar
        statuses.move_range("H1:H3", cols=-1)
        statuses.move_range("I1:I3", cols=-1)
        self.assertEqual(column_of(statuses, "Status"), column_of(statuses, "Kommentar") + 1)
        cell(statuses, self.activity.name, "Status").value = "Klart"
        result = self.import_file(workbook, self.erik)
        self.assertEqual(result.problems, [])
        self.assertEqual(ActivityReport.objects.get().status, self.klart)

    def test_an_unknown_sheet_and_a_sheet_the_user_may_not_fill_in(self):
        workbook = self.export(self.alice)  # a controller's file, with goal fulfilment
        workbook.create_sheet("Blad1")
        self.fill_valid_rows(workbook)
        result = self.import_file(workbook, self.erik)  # imported by a reporter
        self.assertEqual({p.sheet for p in result.problems}, {"Blad1", self.assessments})
        self.assertEqual(next(p for p in result.problems if p.sheet == self.assessments).message,
                         _("You may not fill in this sheet. Remove it and upload the file again."))
        self.assert_nothing_saved()

    def test_a_file_without_data_sheets(self):
        workbook = self.export(self.erik)
        del workbook[self.measures]
        del workbook[self.statuses]
        (problem,) = self.import_file(workbook, self.erik).problems
        self.assertIn(self.measures, problem.message)


class BadRowsTestCase(ImportTestCase):
    def test_renamed_added_repeated_and_damaged_rows(self):
        workbook = self.export(self.alice)
        self.fill_valid_rows(workbook)
        statuses, measures = workbook[self.statuses], workbook[self.measures]
        name_header = str(layout.status_sheet(Vocabulary.of([])).name_column.header)
        cell(statuses, self.commitment.name, name_header).value = "Införa e-tjänst"  # renamed in the file
        statuses.append([None, None, None, "Mål", "Aktivitet", "En ny aktivitet", "Klart", "Tillagd för hand"])
        added = statuses.max_row
        statuses.append([f"activity-{self.activity.pk}", "0", "", "", "", self.activity.name, "", "Dubblett"])
        repeated = statuses.max_row
        measures.cell(row=row_of(measures, self.percent.name), column=2).value = "x"
        measures.append([f"measure-{self.measure.pk + 1000}", "0;0", "", "", "Okänt mått", "", 5])
        unknown = measures.max_row
        result = self.import_file(workbook, self.alice)
        found = {(p.sheet, p.row, p.column): p.message for p in result.problems}
        renamed = found[(self.statuses, row_of(statuses, "Införa e-tjänst"), name_header)]
        self.assertIn("Införa e-tjänst för ansökan", renamed)
        self.assertIn(_("The row has no hidden ID: rows must not be added. Remove the row or download a new file."),
                      found[(self.statuses, added, "")])
        self.assertIn(str(row_of(statuses, self.activity.name)), found[(self.statuses, repeated, "")])
        self.assertEqual(found[(self.measures, row_of(measures, self.percent.name), "")],
                         _("The row's hidden version is damaged. Download a new file."))
        self.assertIn("Okänt mått", found[(self.measures, unknown, "")])
        self.assertEqual(len(result.problems), 5)
        self.assert_nothing_saved()

    def test_empty_rows_are_skipped(self):
        workbook = self.export(self.erik)
        statuses = workbook[self.statuses]
        statuses.insert_rows(2, amount=2)
        cell(statuses, self.activity.name, "Status").value = "Klart"
        self.assertEqual(self.import_file(workbook, self.erik).problems, [])
        self.assertEqual(ActivityReport.objects.get().status, self.klart)


class ConflictTestCase(ImportTestCase):
    def test_a_row_saved_by_someone_else_after_the_export_is_refused_with_the_saved_text(self):
        workbook = self.export(self.erik)
        services.report_activity_status(user=self.alice, activity=self.activity, period=self.period,
                                        status=self.klart, comment="Alices kommentar, sparad i Styr.",
                                        expected_version=0)
        cell(workbook[self.statuses], self.activity.name, "Kommentar").value = "Eriks kommentar från Excel."
        cell(workbook[self.measures], self.measure.name, "Totalt").value = 50
        result = self.import_file(workbook, self.erik)
        (problem,) = result.problems
        self.assertEqual((problem.sheet, problem.row),
                         (self.statuses, row_of(workbook[self.statuses], self.activity.name)))
        self.assertIn("Alices kommentar, sparad i Styr.", problem.message)
        self.assertIn("Status: Klart", problem.message)
        self.assertIn(_(" (by %(who)s, %(when)s)").split("%(who)s")[0] + "Alice,", problem.message)
        self.assertEqual(ActivityReport.objects.get().comment, "Alices kommentar, sparad i Styr.")
        self.assertFalse(MeasureOutcome.objects.exists())  # the good row waits too: all or nothing

    def test_a_row_left_alone_keeps_the_newer_saved_values(self):
        workbook = self.export(self.erik)
        services.report_activity_status(user=self.alice, activity=self.activity, period=self.period,
                                        status=self.klart, comment="Alices kommentar.", expected_version=0)
        cell(workbook[self.statuses], self.commitment.name, "Kommentar").value = "Eriks kommentar."
        result = self.import_file(workbook, self.erik)
        self.assertEqual((result.problems, result.saved, result.kept_newer),
                         ([], [self.commitment.name], [self.activity.name]))
        self.assertEqual(ActivityReport.objects.get().comment, "Alices kommentar.")
        self.assertEqual(CommitmentReport.objects.get().comment, "Eriks kommentar.")

    def test_a_conflict_while_saving_undoes_every_row_already_saved(self):
        workbook = self.export(self.erik)
        cell(workbook[self.measures], self.measure.name, "Totalt").value = 50
        cell(workbook[self.statuses], self.activity.name, "Kommentar").value = "Eriks kommentar."

        def someone_was_quicker(**kwargs):
            raise services.EditConflict(None)

        with mock.patch.object(services, "report_activity_status", side_effect=someone_was_quicker):
            result = self.import_file(workbook, self.erik)
        (problem,) = result.problems
        self.assertEqual(problem.row, row_of(workbook[self.statuses], self.activity.name))
        self.assert_nothing_saved()

    def test_the_reporter_cannot_import_into_goal_fulfilment(self):
        workbook = self.export(self.alice)
        del workbook[self.assessments]
        workbook[self.measures].append([f"goal-{self.goal.pk}", "0", "", "", self.goal.name])
        result = self.import_file(workbook, self.erik)
        (problem,) = result.problems
        self.assertIn(self.goal.name, problem.message)
        self.assert_nothing_saved()


class DecidedPeriodTestCase(ImportTestCase):
    def test_a_decided_period_refuses_the_import(self):
        workbook = self.export(self.alice)
        self.fill_valid_rows(workbook)
        services.mark_ready(user=self.alice, plan=self.plan, period=self.period)
        services.approve(user=self.alice, plan=self.plan, period=self.period)
        services.record_decision(user=self.alice, plan=self.plan, period=self.period,
                                 decided_on=datetime.date(2021, 3, 18), paragraph="§ 42")
        changes = Change.objects.count()
        (problem,) = self.import_file(workbook, self.alice).problems
        self.assertEqual(problem.message, str(DECIDED_MESSAGE))
        self.assertEqual([model.objects.count() for model in FOLLOWUP_MODELS], [0] * len(FOLLOWUP_MODELS))
        self.assertEqual(Change.objects.count(), changes)
