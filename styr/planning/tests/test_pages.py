"""The plan editor's pages, as the committee's controller (no superuser), through the real views and services."""

import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.history.models import Change
from styr.organisation.models import Municipality, OrganisationUnit, UnitKind
from styr.planning import versions
from styr.plans import services
from styr.plans.models import Activity, Commitment, CouncilGoal, CouncilGoalGroup, Goal, Measure, Plan, Target
from styr.testing import BaseTestCase


def posted(page) -> dict:
    """What the page's form posts back unchanged (its initial values)."""
    return {name: value for name, value in page.context["form"].initial.items() if value is not None}


class EditorTestCase(BaseTestCase):
    def url(self, *parts, plan=None):
        plan = plan or self.plan
        args = [plan.unit.municipality.slug, plan.unit.slug, plan.year]
        if not parts:
            return reverse("planning:plan", args=args)
        return reverse("planning:item", args=[*args, *parts])

    def setUp(self):
        self.login(self.alice)

    def test_a_controller_builds_a_goal_with_a_measure_a_target_a_commitment_and_an_activity(self):
        new_goal = self.client.get(f"{self.url('mal', 0)}?under={self.council_goal.pk}")
        self.assertContains(new_goal, "Under: God omsorg för individen")
        self.assertContains(new_goal, f'<option value="{self.council_goal.pk}" selected>')
        response = self.client.post(f"{self.url('mal', 0)}?under={self.council_goal.pk}", {
            "council_goal": self.council_goal.pk, "name": "Goda förutsättningar", "interpretation": "Tolkning."})
        goal = Goal.objects.get(plan=self.plan, name="Goda förutsättningar")
        self.assertRedirects(response, f"{self.url()}#mal-{goal.pk}")
        response = self.client.post(f"{self.url('matt', 0)}?under={goal.pk}", {
            "name": "Andel nöjda", "unit_of_measure": "percent", "direction": "higher", "kind": "measure",
            "period_type": "year", "target_kind_2020": "number", "comparator_2020": ">=", "target_value_2020": "70,5",
            "target_kind_2021": "number", "comparator_2021": ">=", "target_value_2021": "75"})
        measure = Measure.objects.get(name="Andel nöjda")
        self.assertEqual((measure.unit, list(measure.goals.all())), (self.committee, [goal]))
        self.assertEqual(list(measure.targets.values_list("year", "value")), [(2020, Decimal("70.5")), (2021, Decimal(75))])
        self.client.post(f"{self.url('atagande', 0)}?under={goal.pk}", {"goal": goal.pk, "name": "Ny rutin"})
        commitment = Commitment.objects.get(name="Ny rutin")
        self.client.post(f"{self.url('aktivitet', 0)}?under=c{commitment.pk}", {
            "goal": goal.pk, "commitment": commitment.pk, "name": "Utbilda personalen"})
        self.assertEqual(Activity.objects.get(name="Utbilda personalen").commitment, commitment)
        page = self.client.get(self.url())
        for text in ("Goda förutsättningar", "Andel nöjda", "≥ 70,5 %", "Ny rutin", "Utbilda personalen"):
            self.assertContains(page, text)
        form = self.client.get(self.url("matt", measure.pk))
        self.assertContains(form, 'value="70,5"')  # shown as Swedes write it, never "70.500"
        recorded = Change.objects.filter(user=self.alice).values_list("content_type__model", flat=True)
        self.assertEqual(set(recorded), {"goal", "measure", "goalmeasure", "target", "commitment", "activity"})

    def test_a_measures_targets_for_the_series_other_years_are_kept_on_its_page(self):
        Target.objects.create(measure=self.measure, year=2016, kind="decrease")
        page = self.client.get(self.url("matt", self.measure.pk))
        labels = [label for label in re.findall(r"<label[^>]*>([^<]*)</label>", page.content.decode())
                  if label.startswith("Etappmål för")]
        self.assertEqual(labels, [f"Etappmål för {year}:" for year in (2020, 2016, 2018, 2019, 2021, 2022)])
        data = {**posted(page), "name": self.measure.name, "unit_of_measure": "days",
                "direction": "lower", "kind": "measure", "period_type": "year", "data_source": "Kolada",
                "target_kind_2016": "decrease", "target_kind_2019": "number", "target_value_2019": "120",
                "target_kind_2022": "decrease"}
        response = self.client.post(self.url("matt", self.measure.pk), data)
        self.assertRedirects(response, f"{self.url()}#matt-{self.measure.pk}")
        self.assertEqual(list(self.measure.targets.values_list("year", "kind", "value")), [
            (2016, "decrease", None), (2019, "number", Decimal(120)), (2022, "decrease", None)])

    def test_a_stale_save_is_refused_and_nothing_changes(self):
        page = self.client.get(self.url("mal", self.goal.pk))
        read = page.context["form"].initial["version"]
        services.save_goal(user=self.alice, plan=self.plan, goal=self.goal, council_goal=self.council_goal,
                           name="Ändrat av någon annan")
        response = self.client.post(self.url("mal", self.goal.pk), {
            "council_goal": self.council_goal.pk, "name": "Mitt namn", "version": read})
        self.assertContains(response, "Någon annan har ändrat Ändrat av någon annan efter att du öppnade sidan")
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.name, "Ändrat av någon annan")
        measure_page = self.client.get(self.url("matt", self.measure.pk))
        Target.objects.create(measure=self.measure, year=2021, kind="decrease")  # a target counts as a change
        response = self.client.post(self.url("matt", self.measure.pk), {
            **posted(measure_page), "name": "Nytt namn", "unit_of_measure": "days",
            "direction": "lower", "kind": "measure", "period_type": "year"})
        self.assertContains(response, "Någon annan har ändrat")
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.name, "Utredningstid barn & unga, antal dagar")

    def test_a_number_with_a_point_that_could_be_thousands_is_refused(self):
        response = self.client.post(f"{self.url('matt', 0)}?under={self.goal.pk}", {
            "name": "Antal", "unit_of_measure": "count", "direction": "higher", "kind": "measure",
            "period_type": "year", "target_kind_2020": "number", "target_value_2020": "1.250"})
        self.assertContains(response, "är inte ett tal som Styr kan läsa")
        self.assertFalse(Measure.objects.filter(name="Antal").exists())

    def test_a_goal_under_another_municipalitys_council_goal_is_refused(self):
        other = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby")
        group = CouncilGoalGroup.objects.create(municipality=other, name="Målområden")
        foreign = CouncilGoal.objects.create(municipality=other, group=group, key="x", name="Främmande mål")
        response = self.client.post(self.url("mal", self.goal.pk), {"council_goal": foreign.pk, "name": "Nytt namn"})
        self.assertEqual(response.status_code, 200)
        self.goal.refresh_from_db()
        self.assertEqual((self.goal.council_goal, self.goal.name), (self.council_goal, "Fler upplever god vård och omsorg"))

    def test_an_activity_under_a_goal_of_another_years_plan_is_refused_by_the_page_and_the_service(self):
        later = services.create_plan(user=self.alice, unit=self.committee, year=2021)
        later_goal = services.save_goal(user=self.alice, plan=later, council_goal=self.council_goal, name="Senare mål")
        response = self.client.post(f"{self.url('aktivitet', 0)}?under={self.goal.pk}", {
            "goal": later_goal.pk, "name": "Fel år"})
        self.assertContains(response, "Välj ett giltigt alternativ")
        response = self.client.post(f"{self.url('aktivitet', 0)}?under={self.goal.pk}", {
            "goal": self.goal.pk, "also_under": later_goal.pk, "name": "Fel år"})
        self.assertContains(response, "Välj ett giltigt alternativ")
        with self.assertRaisesMessage(Exception, "samma plan"):
            services.save_activity(user=self.alice, plan=self.plan, goal=later_goal, commitment=None, name="Fel år")
        self.assertFalse(Activity.objects.filter(name="Fel år").exists())

    def test_pickers_name_the_plan_of_goals_of_the_same_name(self):
        services.save_goal(user=self.alice, plan=self.plan, council_goal=self.council_goal,
                           name="Goda förutsättningar")
        unit_plan = services.create_plan(user=self.alice, unit=self.unit, year=2020)
        services.save_goal(user=self.alice, plan=unit_plan, council_goal=self.council_goal,
                           name="Goda förutsättningar")
        response = self.client.get(f"{self.url('atagande', 0, plan=unit_plan)}")
        self.assertContains(response, "Goda förutsättningar (Socialnämnden 2020)")
        self.assertContains(response, "Goda förutsättningar (Barnenheten 2020)")
        response = self.client.get(f"{self.url('mal', 0, plan=unit_plan)}")
        self.assertContains(response, "Goda förutsättningar (Socialnämnden 2020)")

    def test_excluding_a_council_goal_needs_a_reason(self):
        choice = self.choice
        version = versions.version(choice)
        response = self.client.post(self.url("val", choice.pk), {"exclusion_reason": "", "version": version})
        self.assertContains(response, "Ange varför fullmäktigemålet inte ingår.")
        self.client.post(self.url("val", choice.pk), {"exclusion_reason": "Ingår inte i nämndens ansvar.",
                                                      "version": version})
        choice.refresh_from_db()
        self.assertEqual((choice.included, choice.exclusion_reason), (False, "Ingår inte i nämndens ansvar."))

    def test_a_goal_that_has_been_followed_up_stays_and_an_empty_one_goes(self):
        from styr.followup.models import GoalAssessment

        GoalAssessment.objects.create(goal=self.goal, period=self.period, text="Bra.")
        response = self.client.post(self.url("mal", self.goal.pk), {"delete": "1", "confirm": "1"}, follow=True)
        self.assertContains(response, "har följts upp")
        self.assertTrue(Goal.objects.filter(pk=self.goal.pk).exists())
        empty = services.save_goal(user=self.alice, plan=self.plan, council_goal=self.council_goal, name="Tomt mål")
        self.client.post(self.url("mal", empty.pk), {"delete": "1", "confirm": "1"})
        self.assertFalse(Goal.objects.filter(pk=empty.pk).exists())
        self.assertTrue(Change.objects.filter(object_id=str(empty.pk), action="delete").exists())
        unit_plan = services.create_plan(user=self.alice, unit=self.unit, year=2020)
        parent = services.save_goal(user=self.alice, plan=self.plan, council_goal=self.council_goal, name="Överordnat")
        services.save_goal(user=self.alice, plan=unit_plan, council_goal=self.council_goal, name="Enhetens mål",
                           parent=parent)
        response = self.client.post(self.url("mal", parent.pk), {"delete": "1", "confirm": "1"}, follow=True)
        self.assertContains(response, "Överordnat hänvisas till (mål); flytta eller ta bort dem först.")
        self.assertTrue(Goal.objects.filter(pk=parent.pk).exists())

    def test_the_plan_page_takes_the_same_queries_however_many_goals(self):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(self.url()).status_code, 200)
            return len(captured)

        Target.objects.create(measure=self.measure, year=2020, kind="number", comparator="<=", value=Decimal("30"))
        before = queries()
        for number in range(3):
            goal = services.save_goal(user=self.alice, plan=self.plan, council_goal=self.council_goal, name=f"Mål {number}")
            services.link_measure(user=self.alice, goal=goal, measure=self.measure)
            commitment = services.save_commitment(user=self.alice, plan=self.plan, goal=goal, name=f"Åtagande {number}")
            services.save_activity(user=self.alice, plan=self.plan, goal=goal, commitment=commitment, name=f"A {number}")
        self.assertEqual(queries(), before)

    def test_others_do_not_edit_and_another_committees_controller_gets_nothing(self):
        self.login(self.bob)  # reporter at a unit below
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.assertEqual(self.client.get(reverse("planning:index")).status_code, 403)
        other = OrganisationUnit.objects.create(municipality=self.municipality, kind=UnitKind.COMMITTEE,
                                                name="Kulturnämnden", slug="kulturnamnden")
        other_plan = Plan.objects.create(unit=other, year=2020)
        self.login(self.alice)
        self.assertEqual(self.client.get(self.url(plan=other_plan)).status_code, 403)
        response = self.client.post(reverse("planning:index"), {"unit": other.pk, "year": 2021})
        self.assertContains(response, "Välj ett giltigt alternativ")
        self.assertFalse(Plan.objects.filter(unit=other, year=2021).exists())

    def test_a_new_plan_is_a_draft_with_every_council_goal_included_until_published(self):
        response = self.client.post(reverse("planning:index"), {"unit": self.unit.pk, "year": 2020})
        plan = Plan.objects.get(unit=self.unit, year=2020)
        self.assertRedirects(response, self.url(plan=plan))
        self.assertEqual([choice.council_goal for choice in plan.council_goal_choices.all()], [self.council_goal])
        self.assertFalse(plan.is_published)
        self.client.post(reverse("planning:publish", args=["testby", "barnenheten", 2020]))
        plan.refresh_from_db()
        self.assertTrue(plan.is_published)
