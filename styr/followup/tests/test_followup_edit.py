from decimal import Decimal

from django.urls import reverse

from styr.followup.models import AssessmentLevel, GoalAssessment, MeasureAnalysis, MeasureOutcome
from styr.history.models import Change
from styr.organisation.models import Membership, Role
from styr.testing import BaseTestCase, make_user


class FollowUpEditTestCase(BaseTestCase):
    url = reverse("followup_edit", args=["testby", "socialnamnden", 2020, "vb"])

    def setUp(self):
        self.god = AssessmentLevel.objects.get(scale__municipality=self.municipality, key="god")

    def goal_post(self, text="Målet är nått.", version=0, level=None) -> dict:
        key = f"goal-{self.goal.pk}"
        return {"item": key, f"{key}-level": (level or self.god).pk, f"{key}-text": text, f"{key}-version": version}

    def measure_post(self, **values) -> dict:
        key = f"measure-{self.measure.pk}"
        data = {"total": "", "women": "", "men": "", "analysis": "", "unjustified_differences": "",
                "differences_explanation": "", "outcome_version": 0, "analysis_version": 0, **values}
        return {"item": key, **{f"{key}-{name}": value for name, value in data.items()}}

    def test_anonymous_is_sent_to_login_and_outsiders_are_refused(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])
        for user in (self.dave, self.charlie, self.bob):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403, user.username)

    def test_controller_assesses_a_goal_and_history_records_it(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.goal_post())
        self.assertRedirects(response, f"{self.url}#item-goal-{self.goal.pk}")
        assessment = GoalAssessment.objects.get(goal=self.goal, period=self.period)
        self.assertEqual((assessment.level, assessment.text, assessment.version), (self.god, "Målet är nått.", 1))
        self.assertEqual(assessment.updated_by, self.alice)
        response = self.client.post(self.url, self.goal_post(text="Målet är nått med råge.", version=1))
        self.assertEqual(response.status_code, 302)
        changes = list(Change.objects.filter(object_id=str(assessment.pk)).order_by("pk"))
        self.assertEqual(len(changes), 2)
        self.assertEqual(changes[1].before, {"text": "Målet är nått."})
        self.assertEqual(changes[1].after, {"text": "Målet är nått med råge."})
        self.assertEqual(changes[1].user, self.alice)

    def test_reporter_fills_in_values_but_not_committee_texts(self):
        erik = make_user("erik", "Erik")
        Membership.objects.create(user=erik, unit=self.committee, role=Role.REPORTER)
        self.login(erik)
        page = self.client.get(self.url)
        self.assertContains(page, "Utredningstid barn &amp; unga")
        self.assertNotContains(page, f"goal-{self.goal.pk}-text")
        self.assertEqual(self.client.post(self.url, self.goal_post()).status_code, 403)
        response = self.client.post(self.url, self.measure_post(total="111", women="121,5", analysis="Kortare."))
        self.assertEqual(response.status_code, 302)
        outcome = MeasureOutcome.objects.get(measure=self.measure, year=2020, month=12)
        self.assertEqual((outcome.total, outcome.women, outcome.men), (Decimal(111), Decimal("121.5"), None))
        self.assertEqual(MeasureAnalysis.objects.get(measure=self.measure).analysis, "Kortare.")

    def test_bad_values_name_the_field_and_save_nothing(self):
        self.login(self.alice)
        response = self.client.post(
            self.url, self.measure_post(total="tolv", men="-4", analysis="Min analys.", unjustified_differences="yes")
        )
        self.assertEqual(response.status_code, 200)
        key = f"measure-{self.measure.pk}"
        self.assertContains(response, "”tolv” är inte ett tal som Styr kan läsa")
        self.assertContains(response, "Värdet måste vara minst 0.")
        self.assertContains(response, "Förklara de omotiverade skillnaderna")
        self.assertContains(response, f'id="id_{key}-total_errors"')
        self.assertContains(response, 'aria-invalid="true"', count=3)
        self.assertContains(response, "Min analys.")  # the user's text stays in the form
        self.assertFalse(MeasureOutcome.objects.exists())
        self.assertFalse(MeasureAnalysis.objects.exists())
        self.assertFalse(Change.objects.exists())

    def test_percent_above_100_is_refused(self):
        self.measure.unit_of_measure = "percent"
        self.measure.save(update_fields=["unit_of_measure"])
        self.login(self.alice)
        response = self.client.post(self.url, self.measure_post(total="120"))
        self.assertContains(response, "Värdet måste vara mellan 0 och 100.")
        self.assertFalse(MeasureOutcome.objects.exists())

    def test_concurrent_edit_keeps_both_texts(self):
        self.login(self.alice)
        self.client.post(self.url, self.goal_post(text="Alices text."))
        # Another controller opened the page before Alice saved: version 0.
        response = self.client.post(self.url, self.goal_post(text="Min egen text.", version=0))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Någon annan har sparat den här delen medan du redigerade den.")
        self.assertContains(response, "Alices text.")
        self.assertContains(response, "Min egen text.")
        self.assertEqual(GoalAssessment.objects.get().text, "Alices text.")
        # The form now carries the saved version: saving the combined text wins.
        self.assertContains(response, f'name="goal-{self.goal.pk}-version" value="1"')
        response = self.client.post(self.url, self.goal_post(text="Alices text. Min egen text.", version=1))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(GoalAssessment.objects.get().text, "Alices text. Min egen text.")

    def test_htmx_save_returns_the_item_only(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.goal_post(), headers={"HX-Request": "true"})
        self.assertContains(response, "Sparat")
        self.assertNotContains(response, "<html")
        self.assertContains(response, f'name="goal-{self.goal.pk}-version" value="1"')


class FollowUpEditQueriesTestCase(BaseTestCase):
    def test_query_count_does_not_grow_with_items(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from styr.front.tests.test_overview import add_goals

        url = reverse("followup_edit", args=["testby", "socialnamnden", 2020, "vb"])
        self.login(self.alice)
        add_goals(self, 1)
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(self.client.get(url).status_code, 200)
        add_goals(self, 5, measures_per_goal=4)
        with CaptureQueriesContext(connection) as many:
            self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(len(few), len(many))


class SwedishNumbersTestCase(FollowUpEditTestCase):
    """The follow-up form reads numbers by the one Swedish parser and shows them as Swedes write them."""

    def test_spaces_between_thousands_and_a_comma_are_read_and_an_ambiguous_point_refused(self):
        self.login(self.alice)
        self.client.post(self.url, self.measure_post(total="1\u00a0250,5", women="3,2"))
        outcome = MeasureOutcome.objects.get(measure=self.measure)
        self.assertEqual((outcome.total, outcome.women), (Decimal("1250.5"), Decimal("3.2")))
        response = self.client.post(self.url, self.measure_post(total="1.250", outcome_version=outcome.version))
        self.assertContains(response, "”1.250” är inte ett tal som Styr kan läsa")
        self.assertEqual(MeasureOutcome.objects.get(pk=outcome.pk).total, Decimal("1250.5"))

    def test_saved_values_show_with_their_own_decimals(self):
        MeasureOutcome.objects.create(measure=self.measure, year=2020, month=12, total=Decimal("85.000"),
                                      women=Decimal("41.500"))
        self.login(self.alice)
        page = self.client.get(self.url).content.decode()
        self.assertIn('value="85"', page)
        self.assertIn('value="41,5"', page)
        self.assertNotIn("85,000", page)
