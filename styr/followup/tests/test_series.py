"""A measure's series: values for any year and month without a plan or period, on its page and from Excel."""

import datetime
import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from styr.followup import services
from styr.followup.models import FollowUpPeriod, MeasureOutcome, PeriodKind, PeriodProgress, ProgressState
from styr.followup.series import export_series, import_series
from styr.history.models import Change, ChangeSource
from styr.plans.models import Plan
from styr.testing import BaseTestCase


def workbook_file(rows: list[list]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["År", "Månad", "Totalt", "Kvinnor", "Män", "Referensvärde", "Referens"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


class SeriesServiceTestCase(BaseTestCase):
    def test_a_value_of_a_year_without_a_plan_or_period_is_saved_with_its_history(self):
        self.assertFalse(Plan.objects.filter(year=2016).exists())
        outcome = services.save_series_value(
            user=self.alice, measure=self.measure, year=2016, month=7,
            values={"total": Decimal("41.5"), "reference_value": Decimal("38"), "reference_label": "Riket"},
            expected_version=0,
        )
        self.assertEqual((outcome.year, outcome.month, outcome.total, outcome.reference_label),
                         (2016, 7, Decimal("41.5"), "Riket"))
        change = Change.objects.get(object_id=str(outcome.pk))
        self.assertEqual(change.user, self.alice)
        self.assertEqual(change.after["total"], "41.5")
        self.assertFalse(FollowUpPeriod.objects.filter(year=2016).exists())

    def test_only_who_keeps_the_structure_enters_the_series(self):
        with self.assertRaises(services.WriteRefused):
            services.save_series_value(user=self.bob, measure=self.measure, year=2019, month=12,
                                       values={"total": Decimal(5)}, expected_version=0)
        self.assertFalse(MeasureOutcome.objects.exists())

    def test_a_reference_value_needs_its_label(self):
        with self.assertRaises(services.WriteRefused):
            services.save_series_value(user=self.alice, measure=self.measure, year=2019, month=12,
                                       values={"reference_value": Decimal(5)}, expected_version=0)

    def test_a_decided_follow_ups_value_changes_only_with_a_reason(self):
        PeriodProgress.objects.create(plan=self.plan, period=self.period, state=ProgressState.DECIDED,
                                      decided_on=datetime.date(2021, 2, 1), decision_paragraph="§ 3")
        with self.assertRaises(services.WriteRefused):
            services.save_series_value(user=self.alice, measure=self.measure, year=2020, month=12,
                                       values={"total": Decimal(50)}, expected_version=0)
        services.save_series_value(user=self.alice, measure=self.measure, year=2020, month=12,
                                   values={"total": Decimal(50)}, expected_version=0, reason="Rättad siffra")
        self.assertEqual(MeasureOutcome.objects.get().total, 50)


class SeriesPageTestCase(BaseTestCase):
    def url(self, name: str = "measure_series") -> str:
        return reverse(name, args=["testby", "socialnamnden", self.measure.slug])

    def test_the_controller_adds_and_changes_values_with_swedish_numbers(self):
        self.login(self.alice)
        response = self.client.post(self.url(), {
            "item": "new", "new-year": "2017", "new-month": "4", "new-total": "41,5", "new-women": "",
            "new-men": "", "new-reference_value": "1 250,5", "new-reference_label": "Liknande kommuner",
            "new-reason": "", "new-version": "0",
        })
        self.assertRedirects(response, self.url())
        outcome = MeasureOutcome.objects.get(year=2017, month=4)
        self.assertEqual((outcome.total, outcome.reference_value), (Decimal("41.5"), Decimal("1250.5")))
        page = self.client.get(self.url())
        self.assertContains(page, "April 2017")
        self.assertContains(page, 'value="41,5"')

        prefix = f"outcome-{outcome.pk}"
        data = {"item": prefix, f"{prefix}-total": "43", f"{prefix}-reference_value": "",
                f"{prefix}-reference_label": "", f"{prefix}-reason": "", f"{prefix}-version": "1"}
        self.assertRedirects(self.client.post(self.url(), data), self.url())
        outcome.refresh_from_db()
        self.assertEqual((outcome.total, outcome.reference_value, outcome.version), (43, None, 2))
        stale = self.client.post(self.url(), {**data, f"{prefix}-total": "44"})  # read at version 1
        self.assertContains(stale, "Någon annan sparade värdet under tiden", status_code=400)
        outcome.refresh_from_db()
        self.assertEqual(outcome.total, 43)

    def test_a_second_value_for_the_same_month_is_refused(self):
        MeasureOutcome.objects.create(measure=self.measure, year=2018, month=12, total=5)
        self.login(self.alice)
        response = self.client.post(self.url(), {"item": "new", "new-year": "2018", "new-month": "12",
                                                 "new-total": "6", "new-version": "0"})
        self.assertContains(response, "Serien har redan ett värde för den månaden", status_code=400)
        self.assertEqual(MeasureOutcome.objects.get().total, 5)

    def test_a_reporter_and_a_reader_are_refused(self):
        for user in (self.bob, self.charlie):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403)

    def test_the_downloaded_file_imports_back(self):
        MeasureOutcome.objects.create(measure=self.measure, year=2019, month=12, total=60, women=61)
        self.login(self.alice)
        response = self.client.get(self.url("measure_series_excel"))
        workbook = load_workbook(io.BytesIO(response.content))
        sheet = workbook.active
        self.assertEqual([cell.value for cell in sheet[1]],
                         ["År", "Månad", "Totalt", "Kvinnor", "Män", "Referensvärde", "Referens"])
        sheet.append([2018, 12, "55,5", None, None, 52, "Riket"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        buffer.seek(0)
        buffer.name = "serie.xlsx"
        response = self.client.post(self.url("measure_series_import"), {"file": buffer, "reason": ""})
        self.assertRedirects(response, self.url())
        imported = MeasureOutcome.objects.get(year=2018)
        self.assertEqual((imported.total, imported.reference_value, imported.reference_label),
                         (Decimal("55.5"), 52, "Riket"))
        self.assertEqual(Change.objects.filter(object_id=str(imported.pk)).get().source, ChangeSource.EXCEL)


class SeriesImportTestCase(BaseTestCase):
    def test_an_empty_cell_keeps_a_dash_removes(self):
        MeasureOutcome.objects.create(measure=self.measure, year=2019, month=12, total=60, women=61, men=59)
        changed, problems = import_series(user=self.alice, measure=self.measure,
                                          uploaded=workbook_file([[2019, 12, 62, None, "–", None, None]]))
        self.assertEqual((changed, problems), (1, []))
        outcome = MeasureOutcome.objects.get()
        self.assertEqual((outcome.total, outcome.women, outcome.men), (62, 61, None))

    def test_one_bad_row_imports_nothing_and_names_row_and_column(self):
        changed, problems = import_series(user=self.alice, measure=self.measure, uploaded=workbook_file([
            [2018, 12, 50, None, None, None, None],
            [2019, 12, "1.250", None, None, None, None],
            [2019, 12, 70, None, None, None, None],
            [2019, 13, 70, None, None, None, None],
        ]))
        self.assertEqual(changed, 0)
        texts = [problem.text for problem in problems]
        self.assertTrue(any(text.startswith("Rad 3, kolumn Totalt") for text in texts), texts)
        self.assertTrue(any("Rad 3 har redan" in text for text in texts), texts)
        self.assertTrue(any(text.startswith("Rad 5, kolumn Månad") for text in texts), texts)
        self.assertFalse(MeasureOutcome.objects.exists())

    def test_a_file_missing_a_column_is_refused(self):
        workbook = Workbook()
        workbook.active.append(["År", "Totalt"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        buffer.seek(0)
        _changed, problems = import_series(user=self.alice, measure=self.measure, uploaded=buffer)
        self.assertIn("Månad", problems[0].text)

    def test_not_a_workbook(self):
        _changed, problems = import_series(user=self.alice, measure=self.measure, uploaded=io.BytesIO(b"no zip"))
        self.assertIn("Excel", problems[0].text)

    def test_export_lists_every_value_oldest_first(self):
        MeasureOutcome.objects.create(measure=self.measure, year=2020, month=4, total=3)
        MeasureOutcome.objects.create(measure=self.measure, year=2016, month=12, total=1, reference_value=2,
                                      reference_label="Riket")
        sheet = load_workbook(io.BytesIO(export_series(self.measure))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        self.assertEqual([row[:3] for row in rows], [[2016, 12, 1], [2020, 4, 3]])
        self.assertEqual(rows[0][5:], [2, "Riket"])

    def test_a_period_of_the_year_is_not_needed_for_a_month_between_follow_ups(self):
        FollowUpPeriod.objects.create(municipality=self.municipality, year=2020, kind=PeriodKind.INTERIM_2,
                                      slug="d2", name="Delårsrapport 2", as_of=datetime.date(2020, 8, 31))
        changed, problems = import_series(user=self.alice, measure=self.measure,
                                          uploaded=workbook_file([[2020, 7, 44, None, None, None, None]]))
        self.assertEqual((changed, problems), (1, []))
        self.assertEqual(FollowUpPeriod.objects.filter(year=2020).count(), 2)
