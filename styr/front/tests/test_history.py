from django.db import connection
from django.urls import reverse

from styr.followup import services
from styr.followup.models import AssessmentLevel
from styr.history.services import record_change
from styr.testing import BaseTestCase


class ObjectHistoryTestCase(BaseTestCase):
    def test_shows_who_changed_what_before_and_after_with_readable_values(self):
        god = AssessmentLevel.objects.get(scale__municipality=self.municipality, key="god")
        first = services.assess_goal(user=self.alice, goal=self.goal, period=self.period, level=None,
                                     text="Första texten.", expected_version=0)
        services.assess_goal(user=self.alice, goal=self.goal, period=self.period, level=god,
                             text="Andra texten.", expected_version=1, reason="Rättat efter beslut.")
        url = reverse("object_history", args=["testby", "socialnamnden", 2020, "goalassessment", first.pk])
        self.login(self.alice)
        response = self.client.get(url)
        self.assertContains(response, "Första texten.", count=2)  # after the create, before the update
        self.assertContains(response, "Andra texten.")
        self.assertContains(response, "<td>God</td>", html=True)
        self.assertContains(response, "Rättat efter beslut.")
        self.assertContains(response, "Alice")
        if connection.vendor == "postgresql":  # the triggers' log is shown too
            self.assertContains(response, "Databasens egen logg")
            self.assertEqual(len(response.context["database_log"]), 2)

    def test_readers_and_strangers_see_no_history(self):
        assessment = services.assess_goal(user=self.alice, goal=self.goal, period=self.period, level=None,
                                          text="Text.", expected_version=0)
        url = reverse("object_history", args=["testby", "socialnamnden", 2020, "goalassessment", assessment.pk])
        self.login(self.charlie)
        self.assertEqual(self.client.get(url).status_code, 403)
        other = reverse("object_history", args=["testby", "socialnamnden", 2020, "goalassessment", assessment.pk + 99])
        self.login(self.alice)
        self.assertEqual(self.client.get(other).status_code, 404)
        self.assertEqual(self.client.get(url.replace("goalassessment", "user")).status_code, 404)

    def test_a_change_made_outside_a_sign_in_is_the_systems(self):
        """An import or the demo loader writes with no user: the page names the system, it does not fail."""
        assessment = services.assess_goal(user=self.alice, goal=self.goal, period=self.period, level=None,
                                          text="Text.", expected_version=0)
        record_change(user=None, instance=assessment, before={"text": "Text."}, after={"text": "Importerad."})
        self.login(self.alice)
        response = self.client.get(
            reverse("object_history", args=["testby", "socialnamnden", 2020, "goalassessment", assessment.pk]))
        self.assertContains(response, "systemet")
        self.assertContains(response, "Importerad.")
