import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from styr.followup.models import Deadline, PeriodProgress, ProgressState, Reminder
from styr.followup.reminders import send_deadline_reminders
from styr.organisation.models import UnitKind
from styr.plans.models import Plan
from styr.testing import BaseTestCase

DEADLINE = datetime.date(2021, 1, 15)


class ReminderTestCase(BaseTestCase):
    def setUp(self):
        self.unit_plan = Plan.objects.create(unit=self.unit, year=2020)
        Deadline.objects.create(period=self.period, unit_kind=UnitKind.UNIT, date=DEADLINE)

    def test_reporters_are_reminded_once_before_the_deadline(self):
        sent = send_deadline_reminders(today=DEADLINE - datetime.timedelta(days=3))
        self.assertEqual(len(sent), 1)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["bob@example.org"])
        self.assertIn("Påminnelse: Verksamhetsberättelse 2020 för Barnenheten", message.subject)
        self.assertIn("/testby/barnenheten/2020/uppfoljning/vb/", message.body)
        self.assertEqual(send_deadline_reminders(today=DEADLINE - datetime.timedelta(days=2)), [])
        self.assertEqual(len(mail.outbox), 1)

    def test_nothing_too_early_and_an_overdue_reminder_after(self):
        self.assertEqual(send_deadline_reminders(today=DEADLINE - datetime.timedelta(days=20)), [])
        send_deadline_reminders(today=DEADLINE + datetime.timedelta(days=1))
        self.assertEqual(mail.outbox[-1].subject[:8], "Försenad")
        self.assertEqual(Reminder.objects.get().kind, "after")

    def test_units_that_are_done_are_not_reminded(self):
        PeriodProgress.objects.create(plan=self.unit_plan, period=self.period, state=ProgressState.READY)
        self.assertEqual(send_deadline_reminders(today=DEADLINE), [])
        self.assertEqual(mail.outbox, [])

    def test_the_daily_command_runs_the_task(self):
        Deadline.objects.update(date=timezone.localdate() - datetime.timedelta(days=1))
        with self.settings(TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}):
            call_command("remind", stdout=io.StringIO())
        self.assertEqual(Reminder.objects.get().kind, "after")

    def test_the_periods_own_deadline_counts_where_the_level_has_none(self):
        Deadline.objects.all().delete()
        self.period.deadline = DEADLINE
        self.period.save()
        sent = send_deadline_reminders(today=DEADLINE - datetime.timedelta(days=1))
        self.assertEqual({reminder.plan for reminder in sent}, {self.unit_plan, self.plan})
        self.assertTrue(all(DEADLINE.isoformat() in message.subject for message in mail.outbox))

    def test_the_levels_deadline_wins_over_the_periods(self):
        self.period.deadline = DEADLINE + datetime.timedelta(days=40)
        self.period.save()
        sent = send_deadline_reminders(today=DEADLINE - datetime.timedelta(days=1))
        self.assertEqual([(reminder.plan, reminder.kind) for reminder in sent], [(self.unit_plan, "before")])
        sent = send_deadline_reminders(today=DEADLINE + datetime.timedelta(days=37))
        self.assertEqual({(reminder.plan, reminder.kind) for reminder in sent}, {(self.plan, "before")})  # the unit is long overdue

    def test_long_closed_periods_send_nothing(self):
        self.assertEqual(send_deadline_reminders(today=DEADLINE + datetime.timedelta(days=365)), [])
