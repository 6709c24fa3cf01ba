import datetime

from django.urls import reverse

from styr.followup.models import AssessmentLevel, Deadline, GoalAssessment, PeriodProgress, ProgressState
from styr.history.models import Change
from styr.organisation.models import Membership, Role, UnitKind
from styr.plans.models import Plan
from styr.testing import BaseTestCase, make_user


class CycleTestCase(BaseTestCase):
    edit_url = reverse("followup_edit", args=["testby", "socialnamnden", 2020, "vb"])
    step_url = reverse("followup_step", args=["testby", "socialnamnden", 2020, "vb"])
    progress_url = reverse("followup_progress", args=["testby", "socialnamnden", 2020, "vb"])
    decide_url = reverse("documents:decide", args=["testby", "socialnamnden", 2020, "vb"])

    def setUp(self):
        self.erik = make_user("erik", "Erik")
        Membership.objects.create(user=self.erik, unit=self.committee, role=Role.REPORTER)

    def state(self) -> str:
        progress = PeriodProgress.objects.filter(plan=self.plan, period=self.period).first()
        return progress.state if progress else ProgressState.OPEN

    def goal_post(self, text: str, version: int, **extra) -> dict:
        key = f"goal-{self.goal.pk}"
        level = AssessmentLevel.objects.get(scale__municipality=self.municipality, key="god")
        return {"item": key, f"{key}-level": level.pk, f"{key}-text": text, f"{key}-version": version,
                **{f"{key}-{name}": value for name, value in extra.items()}}

    def test_the_whole_cycle_ready_approved_decided_then_amended(self):
        self.login(self.erik)
        self.assertContains(self.client.get(self.edit_url), "Markera som klar")
        # With the measure empty, "ready" first lists what is empty and asks; nothing changes yet.
        asked = self.client.post(self.step_url, {"step": "mark_ready"})
        self.assertContains(asked, "1 del är inte ifylld:")
        self.assertContains(asked, f'href="{self.edit_url}#item-measure-{self.measure.pk}"')
        self.assertContains(asked, 'name="confirmed"')
        self.assertEqual(self.state(), ProgressState.OPEN)
        self.client.post(self.step_url, {"step": "mark_ready", "confirmed": "1"})
        self.assertEqual(self.state(), ProgressState.READY)
        # Marked ready: the reporter's part is closed to them; they see what was submitted, read only.
        page = self.client.get(self.edit_url)
        self.assertContains(page, "Uppföljningens läge: klar")
        self.assertNotContains(page, f"measure-{self.measure.pk}-total")
        self.assertContains(page, "Det här lämnades in")
        self.assertContains(page, "Utredningstid barn &amp; unga")
        self.assertEqual(self.client.post(self.step_url, {"step": "approve"}).status_code, 403)

        self.login(self.alice)
        self.client.post(self.step_url, {"step": "approve"})
        self.assertEqual(self.state(), ProgressState.APPROVED)
        response = self.client.post(self.decide_url, {"decided_on": "2021-02-23", "paragraph": ""}, follow=True)
        self.assertContains(response, "Ange beslutsdatum och paragraf (§).")
        self.assertEqual(self.state(), ProgressState.APPROVED)
        self.client.post(self.decide_url, {"decided_on": "2021-02-23", "paragraph": "§ 12"})
        progress = PeriodProgress.objects.get(plan=self.plan, period=self.period)
        self.assertEqual((progress.state, progress.decided_on, progress.decision_paragraph),
                         (ProgressState.DECIDED, datetime.date(2021, 2, 23), "§ 12"))

        # Decided: only amendments with a reason, by those the table allows.
        self.login(self.erik)
        self.assertEqual(self.client.post(self.edit_url, self.goal_post("Ändrat", 0)).status_code, 403)
        self.login(self.alice)
        response = self.client.post(self.edit_url, self.goal_post("Rättad text.", 0))
        self.assertContains(response, "Skäl till rättelsen")
        self.assertFalse(GoalAssessment.objects.exists())
        self.client.post(self.edit_url, self.goal_post("Rättad text.", 0, amendment_reason="Fel siffra i beslutet."))
        self.assertEqual(GoalAssessment.objects.get().text, "Rättad text.")
        change = Change.objects.filter(object_repr__startswith="GoalAssessment").first() or Change.objects.latest("pk")
        self.assertEqual(change.reason, "Fel siffra i beslutet.")

    def test_steps_out_of_order_are_refused_and_nothing_changes(self):
        self.login(self.alice)
        response = self.client.post(self.step_url, {"step": "approve"}, follow=True)
        self.assertEqual(response.status_code, 403)  # approving needs the state "ready"
        self.assertEqual(self.state(), ProgressState.OPEN)
        self.login(self.charlie)
        self.assertEqual(self.client.post(self.step_url, {"step": "mark_ready"}).status_code, 403)
        self.assertEqual(self.state(), ProgressState.OPEN)

    def test_controller_sees_which_units_are_done(self):
        unit_plan = Plan.objects.create(unit=self.unit, year=2020)
        Deadline.objects.create(period=self.period, unit_kind=UnitKind.UNIT, date=datetime.date(2021, 1, 15))
        PeriodProgress.objects.create(plan=unit_plan, period=self.period, state=ProgressState.READY)
        self.login(self.alice)
        response = self.client.get(self.progress_url)
        self.assertContains(response, "1 av 2 enheter är klara.")
        self.assertContains(response, "Barnenheten")
        self.assertContains(response, "15 januari 2021")
        self.login(self.erik)
        self.assertEqual(self.client.get(self.progress_url).status_code, 403)
