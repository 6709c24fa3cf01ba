"""Who is done: percentages, the late ones, a reminder by hand (recorded, once a day) and the CSV export."""

import csv
import datetime
import io
from decimal import Decimal

from django.core import mail
from django.urls import reverse

from styr.followup.models import Deadline, MeasureAnalysis, MeasureOutcome, PeriodProgress, ProgressState, Reminder
from styr.history.models import Change, ChangeEvent
from styr.organisation.models import UnitKind
from styr.plans.models import Plan
from styr.testing import BaseTestCase


class ProgressPageTestCase(BaseTestCase):
    args = ["testby", "socialnamnden", 2020, "vb"]

    def setUp(self):
        self.unit_plan = Plan.objects.create(unit=self.unit, year=2020)
        Deadline.objects.create(period=self.period, unit_kind=UnitKind.UNIT, date=datetime.date(2021, 1, 15))
        MeasureOutcome.objects.create(measure=self.measure, year=2020, month=12, total=Decimal(58))
        MeasureAnalysis.objects.create(measure=self.measure, period=self.period, analysis="Kortare.")

    def remind(self, plan_unit: str = "barnenheten"):
        url = reverse("followup_remind", args=["testby", plan_unit, 2020, "vb"])
        return self.client.post(url, {"next": reverse("home")}, follow=True)

    def test_the_page_shows_percentages_and_marks_the_late(self):
        self.login(self.alice)
        page = self.client.get(reverse("followup_progress", args=self.args))
        self.assertContains(page, "100 % <span class=\"help\">(1 av 1 ifyllda)</span>", html=False)
        self.assertContains(page, "100 % <span class=\"help\">(0 av 0 ifyllda)</span>", html=False)  # nothing to fill in
        self.assertContains(page, '<tr class="late">')
        self.assertContains(page, "Skicka en påminnelse")

    def test_a_controller_reminds_a_unit_once_a_day_and_the_history_records_it(self):
        self.login(self.alice)
        response = self.remind()
        self.assertContains(response, "En påminnelse skickades till Barnenheten.")
        [message] = mail.outbox
        self.assertEqual(message.to, ["bob@example.org"])
        self.assertEqual(message.subject, "Försenad: Verksamhetsberättelse 2020 för Barnenheten skulle vara klar 2021-01-15")
        self.assertIn("barnenheten/2020/uppfoljning/vb/", message.body)
        reminder = Reminder.objects.get(plan=self.unit_plan)
        change = Change.objects.get(object_id=str(reminder.pk), content_type__model="reminder")
        self.assertEqual((change.user, change.event), (self.alice, ChangeEvent.CREATED))

        self.assertContains(self.remind(), "Barnenheten påmindes för mindre än ett dygn sedan.")
        self.assertEqual((len(mail.outbox), Reminder.objects.count()), (1, 1))

    def test_a_period_without_a_deadline_is_reminded_without_a_date(self):
        self.login(self.alice)
        self.remind("socialnamnden")
        [message] = mail.outbox
        self.assertEqual(message.subject, "Påminnelse: Verksamhetsberättelse 2020 för Socialnämnden")
        self.assertIn("ska fyllas i och markeras som klar.", message.body)

    def test_a_unit_that_is_done_is_not_reminded_and_a_reporter_may_not_remind(self):
        PeriodProgress.objects.create(plan=self.unit_plan, period=self.period, state=ProgressState.READY)
        self.login(self.alice)
        self.assertContains(self.remind(), "Barnenheten är redan klar med Verksamhetsberättelse.")
        self.login(self.bob)
        PeriodProgress.objects.filter(plan=self.unit_plan).update(state=ProgressState.OPEN)
        self.assertEqual(self.remind().status_code, 403)
        self.assertEqual((len(mail.outbox), Reminder.objects.count()), (0, 0))

    def test_the_export_has_the_rows_of_the_page(self):
        self.login(self.alice)
        response = self.client.get(reverse("followup_progress_csv", args=self.args))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0][:6], ["Enhet", "Läge", "Sista dag", "Ifyllda", "Av", "Procent"])
        self.assertEqual(rows[1][:7], ["Barnenheten", "öppen", "2021-01-15", "0", "0", "100", "ja"])
        self.assertEqual(rows[2][:7], ["Socialnämnden", "öppen", "", "1", "1", "100", ""])
        self.login(self.bob)
        self.assertEqual(self.client.get(reverse("followup_progress_csv", args=self.args)).status_code, 403)
