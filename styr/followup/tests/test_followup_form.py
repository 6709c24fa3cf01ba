"""The follow-up form people finish: sections by goal with contents and progress, the filter, the save."""

import datetime
from decimal import Decimal

from django.urls import reverse

from styr.followup.models import FollowUpPeriod, MeasureAnalysis, MeasureOutcome, PeriodKind
from styr.followup.tests.test_filling import add_goal_with_measure
from styr.plans.models import Target, TargetKind
from styr.testing import BaseTestCase


class FollowUpFormTestCase(BaseTestCase):
    url = reverse("followup_edit", args=["testby", "socialnamnden", 2020, "vb"])

    def setUp(self):
        self.second_goal, self.other = add_goal_with_measure(self, self.plan, 1)
        MeasureOutcome.objects.create(measure=self.other, year=2020, month=12, total=Decimal(80))
        MeasureAnalysis.objects.create(measure=self.other, period=self.period, analysis="Bra.")
        MeasureOutcome.objects.create(measure=self.measure, year=2019, month=12, total=Decimal(63))
        Target.objects.create(measure=self.measure, year=2020, kind=TargetKind.NUMBER, comparator="<=", value=Decimal(60))
        self.login(self.alice)

    def test_goals_are_sections_with_contents_and_progress_and_each_heading_once(self):
        page = self.client.get(self.url).content.decode()
        self.assertIn("1 av 2 ifyllda", page)
        self.assertEqual(page.count(f">{self.goal.name}</h2>"), 1)
        self.assertEqual(page.count(f">{self.second_goal.name}</h2>"), 1)
        self.assertIn(f'<a href="#section-3">{self.goal.name}</a> <span class="help">(0 av 1 ifyllda)</span>', page)
        self.assertLess(page.index(f"measure-{self.measure.pk}-total"), page.index(f"measure-{self.other.pk}-total"))
        # Beside the inputs: the unit, the target and last year's value.
        self.assertIn("<dd>≤ 60 dagar</dd>", page)
        self.assertIn("<dd>63 dagar (2019)</dd>", page)

    def test_the_filter_shows_only_what_is_not_filled_in(self):
        page = self.client.get(self.url, {"visa": "ej-ifyllda"})
        self.assertContains(page, f"measure-{self.measure.pk}-total")
        self.assertNotContains(page, f"measure-{self.other.pk}-total")
        self.assertContains(page, "Visa allt")

    def test_a_saved_item_comes_back_with_the_progress_and_an_announced_status(self):
        key = f"measure-{self.measure.pk}"
        data = {"item": key, f"{key}-total": "58", f"{key}-analysis": "Kortare.", f"{key}-outcome_version": 0,
                f"{key}-analysis_version": 0}
        response = self.client.post(self.url, data, headers={"HX-Request": "true"})
        html = response.content.decode()
        self.assertIn(f'id="item-{key}"', html)
        self.assertIn('id="form-progress" hx-swap-oob="true">2 av 2 ifyllda', html)
        self.assertIn(f'<div id="save-status" hx-swap-oob="innerHTML">Sparat: {self.measure.name}</div>', html.replace("&amp;", "&"))

        data[f"{key}-total"] = "1.250"
        response = self.client.post(self.url, data, headers={"HX-Request": "true"})
        self.assertContains(response, "Inte sparat:")
        self.assertEqual(MeasureOutcome.objects.get(measure=self.measure, year=2020).total, Decimal(58))

    def test_the_plan_period_counts_measures_by_their_analysis_alone(self):
        plan_period = FollowUpPeriod.objects.create(municipality=self.municipality, year=2020, kind=PeriodKind.PLAN,
                                                    slug="vp", name="Verksamhetsplan", as_of=datetime.date(2020, 1, 1))
        MeasureAnalysis.objects.create(measure=self.measure, period=plan_period, analysis="Plan.")
        page = self.client.get(reverse("followup_edit", args=["testby", "socialnamnden", 2020, "vp"]))
        self.assertContains(page, "1 av 2 ifyllda")
