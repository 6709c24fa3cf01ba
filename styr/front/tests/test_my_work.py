"""The start page "Mitt arbete": each role lands on what it has to do, in queries that do not grow."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.followup.models import Deadline, MeasureAnalysis, MeasureOutcome, PeriodProgress, ProgressState
from styr.organisation.models import OrganisationUnit, UnitKind
from styr.plans.models import Goal, GoalMeasure, Measure, Plan, UnitOfMeasure
from styr.testing import PASSWORD, BaseTestCase


class MyWorkTestCase(BaseTestCase):
    def setUp(self):
        self.unit_plan = self.add_unit_plan(self.unit)
        Deadline.objects.create(period=self.period, unit_kind=UnitKind.UNIT, date=datetime.date(2021, 1, 15))
        MeasureOutcome.objects.create(measure=self.measure, year=2020, month=12, total=Decimal(58))
        MeasureAnalysis.objects.create(measure=self.measure, period=self.period, analysis="Kortare.")

    def add_unit_plan(self, unit: OrganisationUnit) -> Plan:
        plan = Plan.objects.create(unit=unit, year=2020)
        goal = Goal.objects.create(plan=plan, council_goal=self.council_goal, slug="mal", name=f"Mål för {unit.name}")
        for number in range(2):
            measure = Measure.objects.create(unit=unit, slug=f"matt-{number}", name=f"Mått {number} {unit.name}",
                                             unit_of_measure=UnitOfMeasure.PERCENT)
            GoalMeasure.objects.create(goal=goal, measure=measure)
        return plan

    def add_units(self, count: int) -> None:
        for number in range(count):
            unit = OrganisationUnit.objects.create(municipality=self.municipality, parent=self.committee, kind=UnitKind.UNIT,
                                                   name=f"Enhet {number}", slug=f"enhet-{number}")
            self.add_unit_plan(unit)

    def queries(self, user) -> tuple[int, str]:
        self.login(user)
        with CaptureQueriesContext(connection) as captured:
            page = self.client.get(reverse("home")).content.decode()
        return len(captured), page

    def test_every_role_lands_on_it_after_login(self):
        response = self.client.post(reverse("login"), {"username": "bob", "password": PASSWORD}, follow=True)
        self.assertEqual(response.redirect_chain[-1][0], reverse("home"))
        self.assertContains(response, "<h1>Mitt arbete</h1>", html=True)

    def test_a_reporter_sees_the_follow_ups_to_fill_in_with_deadline_state_and_what_is_left(self):
        _count, page = self.queries(self.bob)
        url = reverse("followup_edit", args=["testby", "barnenheten", 2020, "vb"])
        self.assertIn(f'<a href="{url}">Verksamhetsberättelse 2020, Barnenheten</a>', page)
        self.assertIn("Sista dag 15 januari 2021 – <strong>försenad</strong>", page)
        self.assertIn("Läge: öppen", page)
        self.assertIn("0 av 2 ifyllda", page)
        self.assertNotIn("Skicka en påminnelse", page)  # not a controller's

        PeriodProgress.objects.create(plan=self.unit_plan, period=self.period, state=ProgressState.READY)
        _count, page = self.queries(self.bob)
        self.assertIn("Läge: klar", page)
        self.assertNotIn("försenad", page)

    def test_a_controller_sees_the_units_below_with_percentages_the_late_a_reminder_and_the_export(self):
        _count, page = self.queries(self.alice)
        self.assertIn("Socialnämnden: Verksamhetsberättelse 2020", page)
        self.assertIn("0 av 2 enheter är klara.", page)
        self.assertIn("1 är försenad.", page)
        self.assertIn("100 % <span class=\"help\">(1 av 1 ifyllda)</span>", page)  # the committee's own measure
        self.assertIn("0 % <span class=\"help\">(0 av 2 ifyllda)</span>", page)
        self.assertIn(reverse("followup_progress", args=["testby", "socialnamnden", 2020, "vb"]), page)
        self.assertIn(reverse("followup_progress_csv", args=["testby", "socialnamnden", 2020, "vb"]), page)
        self.assertIn(f'action="{reverse("followup_remind", args=["testby", "barnenheten", 2020, "vb"])}"', page)

    def test_a_politician_sees_the_committee_overviews_they_follow_and_an_outsider_the_published_plans(self):
        _count, page = self.queries(self.charlie)
        self.assertIn("Översikter du följer", page)
        self.assertIn(f'<a href="{reverse("overview", args=["testby", "socialnamnden", 2020])}">Socialnämnden 2020</a>', page)
        self.assertNotIn("Barnenheten 2020", page)
        _count, page = self.queries(self.dave)
        self.assertIn("Planer och rapporter", page)
        self.assertNotIn("Mitt arbete", page)

    def test_the_queries_do_not_grow_with_the_units(self):
        before = {user.username: self.queries(user)[0] for user in (self.alice, self.bob, self.charlie)}
        self.add_units(4)
        after = {user.username: self.queries(user)[0] for user in (self.alice, self.bob, self.charlie)}
        self.assertEqual(before, after)
        self.assertIn("Enhet 3", self.queries(self.alice)[1])
