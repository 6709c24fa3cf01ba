"""No text is cut and no cell is a formula, whatever the text; uploads are checked before they are parsed."""

import io
import zipfile
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from styr.core.text import TEXT_LIMIT
from styr.followup import services
from styr.followup.models import ActivityReport, MeasureAnalysis, StatusOption
from styr.followup.spreadsheets import layout, reading
from styr.followup.spreadsheets.export import export_workbook
from styr.followup.spreadsheets.importing import import_workbook
from styr.history.models import Change
from styr.testing.spreadsheets import SpreadsheetTestCase, cell, column_of, load, row_of, to_upload

ANALYSIS = "Analys"


def long_text(length: int) -> str:
    """A text of `length` characters with line breaks, an emoji (two units in Excel) and blanks everywhere."""
    line = "Väntetiden har minskat 😀 men  inte för alla.\n"
    return (line * (length // len(line) + 1))[:length]


def parts_of(worksheet, name: str, column: str = ANALYSIS) -> list[str]:
    """A text column's cells of the item's row, in column order: the text and its continuations."""
    headers = [c.value for c in worksheet[1]]
    row = row_of(worksheet, name)
    return [worksheet.cell(row=row, column=index).value for index, header in enumerate(headers, start=1)
            if header == column or str(header).startswith(f"{column}, del ")]


class LongTextTestCase(SpreadsheetTestCase):
    def save_analysis(self, text: str, explanation: str = "") -> None:
        services.report_measure(
            user=self.alice, measure=self.measure, period=self.period, month=12, total=None, women=None, men=None,
            outcome_version=0, analysis=text, unjustified_differences=None, differences_explanation=explanation,
            analysis_version=0,
        )

    def test_a_40000_character_analysis_round_trips_unchanged_and_records_no_change(self):
        text = long_text(40_000)
        explanation = "x" * (layout.CELL_LIMIT - 1) + "  \n  " + "y" * 7000  # blanks on both sides of the split
        self.save_analysis(text, explanation)
        exported = export_workbook(self.editor(self.alice))
        worksheet = load(exported)[self.measures]
        parts = parts_of(worksheet, self.measure.name)
        self.assertEqual([len(part) for part in parts], [len(parts[0]), 40_000 - len(parts[0])])
        self.assertTrue(all(len(part.encode("utf-16-le")) // 2 <= layout.CELL_LIMIT for part in parts))
        self.assertEqual("".join(parts), text)
        note = worksheet.cell(row=1, column=column_of(worksheet, f"{ANALYSIS}, del 2")).comment.text
        self.assertIn("Excel rymmer högst 32 767 tecken i en cell", note.replace("\u00a0", " "))
        changes = Change.objects.count()
        result = import_workbook(SimpleUploadedFile("f.xlsx", exported), editor=self.editor(self.alice))
        self.assertEqual((result.problems, result.saved, result.unchanged), ([], [], 6))
        self.assertEqual(Change.objects.count(), changes)
        saved = MeasureAnalysis.objects.get()
        self.assertEqual((saved.analysis, saved.differences_explanation), (text, explanation))
        self.assertEqual(parts_of(worksheet, self.measure.name, "Förklaring av skillnader")[1], " \n  " + "y" * 7000)

    def test_an_edited_continuation_is_joined_and_saved(self):
        self.save_analysis(long_text(40_000))
        workbook = self.export(self.alice)
        worksheet = workbook[self.measures]
        continuation = cell(worksheet, self.measure.name, f"{ANALYSIS}, del 2")
        continuation.value = continuation.value + " Slut."
        self.assertTrue(self.import_file(workbook, self.alice).ok)
        self.assertEqual(MeasureAnalysis.objects.get().analysis, long_text(40_000) + " Slut.")

    def test_parts_beyond_the_limit_are_refused_by_row_and_column_and_nothing_is_saved(self):
        self.save_analysis(long_text(TEXT_LIMIT))
        workbook = self.export(self.alice)
        worksheet = workbook[self.measures]
        last = max(c.value for c in worksheet[1] if str(c.value).startswith(f"{ANALYSIS}, del "))
        cell(worksheet, self.measure.name, last).value += "x" * 10
        cell(workbook[self.statuses], self.activity.name, "Kommentar").value = "Klart i maj."
        result = self.import_file(workbook, self.alice)
        row = row_of(worksheet, self.measure.name)
        self.assertEqual([str(problem) for problem in result.problems], [(
            f"Mått: Rad {row}, kolumn Analys: Analys är 100\u00a0010 tecken lång; högst 100\u00a0000 tecken får plats. "
            "Korta texten och spara igen.")])
        self.assertEqual(MeasureAnalysis.objects.get().analysis, long_text(TEXT_LIMIT))
        self.assertFalse(ActivityReport.objects.exists())

    def test_a_missing_continuation_column_is_named(self):
        self.save_analysis(long_text(70_000))
        workbook = self.export(self.alice)
        worksheet = workbook[self.measures]
        worksheet.delete_cols(column_of(worksheet, f"{ANALYSIS}, del 2"))
        result = self.import_file(workbook, self.alice)
        self.assertEqual([str(problem) for problem in result.problems],
                         ["Mått: Kolumn Analys, del 2: Kolumnen saknas. Hämta en ny fil."])

    def test_a_text_saved_before_the_limit_is_not_exported_cut_but_refused_with_its_name(self):
        MeasureAnalysis.objects.create(measure=self.measure, period=self.period, analysis="å" * (TEXT_LIMIT + 1))
        self.client.force_login(self.alice)
        args = ["testby", "socialnamnden", 2020, "vb"]
        response = self.client.get(reverse("followup_excel_export", args=args), follow=True)
        self.assertRedirects(response, reverse("followup_edit", args=args))
        self.assertContains(response, escape(f"{self.measure.name}: Analys är 100\u00a0001 tecken lång"))

    def test_a_long_wrong_value_is_quoted_by_its_beginning(self):
        workbook = self.export(self.alice)
        cell(workbook[self.statuses], self.activity.name, "Status").value = "Nästan klart " * 2000
        (problem,) = self.import_file(workbook, self.alice).problems
        self.assertTrue(problem.message.startswith(f"Okänt värde ”{('Nästan klart ' * 16)[:200]}…”. Välj ett av:"),
                        problem.message[:300])

    def test_split_text_counts_as_excel_does(self):
        emoji = "😀" * 40_000  # 80,000 units in Excel
        parts = layout.split_text(emoji)
        self.assertEqual([len(part) for part in parts], [16_383, 16_383, 7_234])
        self.assertEqual("".join(parts), emoji)
        self.assertEqual(layout.split_text(""), [""])


class NoFormulaTestCase(SpreadsheetTestCase):
    def test_no_cell_of_the_export_is_a_formula_and_the_texts_come_back_as_written(self):
        self.committee.name = '=HYPERLINK("http://example.org","Klicka")'
        self.committee.save(update_fields=["name"])
        StatusOption.objects.filter(pk=self.klart.pk).update(label="=1+1")
        self.commitment.name = "+1 fler platser"
        self.commitment.save(update_fields=["name"])
        services.report_activity_status(user=self.alice, activity=self.activity, period=self.period, status=None,
                                        comment="@SUM(A1)", expected_version=0)
        services.assess_goal(user=self.alice, goal=self.goal, period=self.period, level=None, text="-1 %",
                             expected_version=0)
        exported = export_workbook(self.editor(self.alice))
        workbook = load(exported)
        self.assertEqual(
            [(sheet.title, c.coordinate) for sheet in workbook for row in sheet.iter_rows() for c in row
             if c.data_type == "f"], [])
        self.assertTrue(workbook[str(layout.SHEET_INFO)]["B1"].value.startswith('=HYPERLINK("http://example.org"'))
        self.assertEqual(workbook[str(layout.SHEET_LISTS)]["A1"].value, "=1+1")
        statuses = workbook[self.statuses]
        self.assertEqual(cell(statuses, self.activity.name, "Kommentar").value, "@SUM(A1)")
        self.assertEqual(cell(workbook[self.assessments], self.goal.name, "Text").value, "-1 %")
        status = cell(statuses, self.commitment.name, "Status")
        status.value, status.data_type = "=1+1", "s"  # chosen from the list in Excel: a text
        result = self.import_file(workbook, self.alice)
        self.assertEqual((result.problems, result.saved), ([], [self.commitment.name]))
        self.assertEqual(self.commitment.reports.get().status_id, self.klart.pk)


class UploadLimitTestCase(SpreadsheetTestCase):
    def test_a_file_that_unpacks_past_the_limit_is_refused_before_it_is_parsed(self):
        buffer = io.BytesIO(export_workbook(self.editor(self.alice)))
        with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/media/bomb.bin", b"\0" * 60 * 1024 * 1024)
        upload = SimpleUploadedFile("f.xlsx", buffer.getvalue())
        self.assertLess(upload.size, 200_000)
        with mock.patch.object(reading, "load_workbook") as parse:
            result = import_workbook(upload, editor=self.editor(self.alice))
        parse.assert_not_called()
        self.assertEqual([str(problem) for problem in result.problems], [(
            "Filen rymmer 60 MB uppackad; högst 50 MB läses. En uppföljningsfil hämtad från Styr är mycket mindre: "
            "hämta en ny fil och fyll i den.")])

    def test_a_cell_longer_than_excel_allows_is_refused_not_stored(self):
        """A file not made by Excel may hold any length in one cell: the limit still holds, by row and column."""
        workbook = self.export(self.alice)
        cell(workbook[self.measures], self.measure.name, "Analys").value = "MARKER"
        buffer = io.BytesIO()
        workbook.save(buffer)
        crafted = io.BytesIO()
        with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in source.infolist():
                data = source.read(entry)
                if entry.filename.startswith("xl/worksheets/"):
                    data = data.replace(b"MARKER", "å".encode() * 2_000_000)
                target.writestr(entry, data)
        upload = SimpleUploadedFile("f.xlsx", crafted.getvalue())
        self.assertLess(upload.size, 100_000)
        (problem,) = import_workbook(upload, editor=self.editor(self.alice)).problems
        self.assertEqual((problem.row, problem.column), (row_of(workbook[self.measures], self.measure.name), "Analys"))
        self.assertIn("Analys är 2\u00a0000\u00a0000 tecken lång", problem.message)
        self.assertFalse(MeasureAnalysis.objects.exists() or Change.objects.exists())

    def test_a_file_within_the_limits_is_read(self):
        upload = to_upload(self.export(self.alice))
        self.assertTrue(import_workbook(upload, editor=self.editor(self.alice)).ok)
