"""The download and upload pages, served from a test URL configuration until the lead includes ours."""

import datetime
import io

from django.test import override_settings
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from styr.followup import services
from styr.followup.models import ActivityReport, MeasureOutcome
from styr.testing.spreadsheets import SpreadsheetTestCase, cell, row_of, to_upload
from styr.urls import urlpatterns as project_patterns

urlpatterns = [path("", include("styr.followup.spreadsheets.urls")), *project_patterns]

ARGS = ["testby", "socialnamnden", 2020, "vb"]


@override_settings(ROOT_URLCONF=__name__)
class SpreadsheetViewsTestCase(SpreadsheetTestCase):
    def setUp(self):
        self.export_url = reverse("followup_excel_export", args=ARGS)
        self.import_url = reverse("followup_excel_import", args=ARGS)
        self.edit_url = reverse("followup_edit", args=ARGS)

    def download(self, user):
        self.login(user)
        response = self.client.get(self.export_url)
        self.assertEqual(response.status_code, 200)
        return load_workbook(io.BytesIO(response.content))

    def test_urls(self):
        self.assertEqual(self.export_url, "/testby/socialnamnden/2020/uppfoljning/vb/excel/")
        self.assertEqual(self.import_url, "/testby/socialnamnden/2020/uppfoljning/vb/excel/import/")

    def test_anonymous_must_log_in_and_readers_and_outsiders_are_refused(self):
        for url in (self.export_url, self.import_url):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("login"), response["Location"])
        for user in (self.charlie, self.dave, self.bob):
            self.login(user)
            for url in (self.export_url, self.import_url):
                self.assertEqual(self.client.get(url).status_code, 403, (user.username, url))
            self.assertEqual(self.client.post(self.import_url, {}).status_code, 403)

    def test_unknown_period_is_404(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(reverse("followup_excel_export", args=[*ARGS[:3], "q9"])).status_code, 404)

    def test_download_is_an_xlsx_attachment(self):
        self.login(self.erik)
        response = self.client.get(self.export_url)
        self.assertEqual(response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertEqual(response["Content-Disposition"],
                         'attachment; filename="uppfoljning-socialnamnden-2020-vb.xlsx"')
        workbook = load_workbook(io.BytesIO(response.content))
        self.assertIn(self.measures, workbook.sheetnames)

    def test_upload_page_has_a_labelled_file_field_and_the_download_link(self):
        self.login(self.erik)
        response = self.client.get(self.import_url)
        self.assertContains(response, '<label for="id_file">')
        self.assertContains(response, 'type="file"')
        self.assertContains(response, f'href="{self.export_url}"')
        self.assertContains(response, f'href="{self.edit_url}"')
        self.assertNotContains(response, 'id="error-summary"')

    def test_uploading_a_filled_in_file_saves_and_returns_to_the_follow_up(self):
        workbook = self.download(self.erik)
        cell(workbook[self.measures], self.measure.name, "Totalt").value = 42
        cell(workbook[self.statuses], self.activity.name, "Status").value = "Klart"
        response = self.client.post(self.import_url, {"file": to_upload(workbook)})
        self.assertRedirects(response, self.edit_url, fetch_redirect_response=False)
        self.assertEqual(MeasureOutcome.objects.get().total, 42)
        self.assertEqual(ActivityReport.objects.get().status, self.klart)
        page = self.client.get(self.edit_url)
        message = _("The file was imported. Rows saved: %(saved)s. Rows unchanged: %(unchanged)s.")
        self.assertContains(page, message % {"saved": 2, "unchanged": 2})

    def test_a_bad_file_lists_every_problem_and_changes_nothing(self):
        workbook = self.download(self.erik)
        measures = workbook[self.measures]
        cell(measures, self.percent.name, "Totalt").value = 120
        cell(workbook[self.statuses], self.activity.name, "Status").value = "Nästan klart"
        cell(workbook[self.statuses], self.commitment.name, "Kommentar").value = "Bra kommentar."
        response = self.client.post(self.import_url, {"file": to_upload(workbook)})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="error-summary" role="alert"')
        row = row_of(measures, self.percent.name)
        location = _("Row %(row)s, column %(column)s") % {"row": row, "column": "Totalt"}
        self.assertContains(response, f"<li>{location}: Värdet måste vara mellan 0 och 100.</li>", html=True)
        self.assertContains(response, _("Sheet %(sheet)s") % {"sheet": self.measures})
        self.assertContains(response, "Nästan klart")
        self.assertContains(response, '<a href="#id_file">')
        self.assertContains(response, 'aria-invalid="true"')
        self.assertContains(response, 'aria-describedby="error-summary id_file_helptext"')
        self.assertFalse(ActivityReport.objects.exists())
        self.assertFalse(MeasureOutcome.objects.exists())

    def test_posting_without_a_file_asks_for_one(self):
        self.login(self.erik)
        response = self.client.post(self.import_url, {})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="id_file_errors"')
        self.assertContains(response, 'aria-describedby="id_file_errors id_file_helptext"')

    def test_a_reporter_may_not_import_once_the_unit_is_marked_ready_but_the_controller_may(self):
        workbook = self.download(self.erik)
        cell(workbook[self.statuses], self.activity.name, "Status").value = "Klart"
        services.mark_ready(user=self.erik, plan=self.plan, period=self.period)
        self.assertEqual(self.client.post(self.import_url, {"file": to_upload(workbook)}).status_code, 403)
        self.assertEqual(self.client.get(self.export_url).status_code, 403)
        self.assertFalse(ActivityReport.objects.exists())
        workbook = self.download(self.alice)
        cell(workbook[self.statuses], self.activity.name, "Status").value = "Klart"
        response = self.client.post(self.import_url, {"file": to_upload(workbook)})
        self.assertRedirects(response, self.edit_url, fetch_redirect_response=False)
        self.assertEqual(ActivityReport.objects.get().status, self.klart)

    def test_a_decided_period_is_amended_on_the_follow_up_page_not_by_file(self):
        workbook = self.download(self.alice)
        cell(workbook[self.statuses], self.activity.name, "Status").value = "Klart"
        services.mark_ready(user=self.alice, plan=self.plan, period=self.period)
        services.approve(user=self.alice, plan=self.plan, period=self.period)
        services.record_decision(user=self.alice, plan=self.plan, period=self.period,
                                 decided_on=datetime.date(2021, 3, 18), paragraph="§ 42")
        self.assertEqual(self.client.get(self.export_url).status_code, 403)
        page = self.client.get(self.import_url)
        self.assertContains(page, 'class="notice"')
        self.assertNotContains(page, 'type="file"')
        response = self.client.post(self.import_url, {"file": to_upload(workbook)})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ActivityReport.objects.exists())
