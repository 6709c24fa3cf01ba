"""The admin: pickers name goals and measures with their context (goals of the same name told apart), and numbers
are shown as Swedes write them."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from styr.plans import services
from styr.plans.models import Plan
from styr.testing import BaseTestCase


class AdminPickerTestCase(BaseTestCase):
    def setUp(self):
        group = Group.objects.create(name="Controller")
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=["organisation", "plans", "followup"]))
        self.alice.groups.add(group)
        self.alice.is_staff = True
        self.alice.save(update_fields=["is_staff"])
        self.login(self.alice)
        later = Plan.objects.create(unit=self.committee, year=2021)
        services.save_goal(user=self.alice, plan=later, council_goal=self.council_goal, name=self.goal.name)

    def test_a_select_names_the_plan_of_each_goal(self):
        response = self.client.get(reverse("admin:plans_commitment_add"))
        self.assertContains(response, "Fler upplever god vård och omsorg (Socialnämnden 2021)")  # also shown under
        self.assertContains(response, "Fler upplever god vård och omsorg (Socialnämnden 2020)")

    def test_the_search_as_you_type_picker_names_them_the_same_way(self):
        response = self.client.get(reverse("admin:autocomplete"), {
            "term": "Fler upplever", "app_label": "plans", "model_name": "activity", "field_name": "goal"})
        self.assertEqual(sorted(result["text"] for result in response.json()["results"]), [
            "Fler upplever god vård och omsorg (Socialnämnden 2020)",
            "Fler upplever god vård och omsorg (Socialnämnden 2021)"])

    def test_a_targets_number_is_shown_as_swedes_write_it(self):
        from decimal import Decimal

        from styr.plans.models import Target

        Target.objects.create(measure=self.measure, year=2020, kind="number", comparator=">=", value=Decimal("75.000"))
        Target.objects.create(measure=self.measure, year=2021, kind="number", comparator=">=", value=Decimal("70.500"))
        response = self.client.get(reverse("admin:plans_measure_change", args=[self.measure.pk]))
        self.assertContains(response, 'value="75"')
        self.assertContains(response, 'value="70,5"')
        self.assertNotContains(response, "75.000")
