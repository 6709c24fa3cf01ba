from django.urls import reverse

from styr.organisation.models import Municipality, OrganisationUnit, UnitKind
from styr.plans.models import Plan, PlanStatus
from styr.testing import BaseTestCase


class HomePageTestCase(BaseTestCase):
    def test_lists_published_plans_to_anonymous_visitors(self):
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Socialnämnden 2020")

    def test_hides_the_plans_of_a_municipality_that_requires_login_from_anonymous_visitors(self):
        open_town = Municipality.objects.create(name="Öppenby kommun", short_name="Öppenby", slug="oppenby", kolada_id="0128",
                                                publish_without_login=True)
        board = OrganisationUnit.objects.create(municipality=open_town, kind=UnitKind.COMMITTEE,
                                                name="Kulturnämnden", slug="kulturnamnden")
        Plan.objects.create(unit=board, year=2020, status=PlanStatus.PUBLISHED)
        self.municipality.publish_without_login = False
        self.municipality.save(update_fields=["publish_without_login"])

        response = self.client.get(reverse("home"))
        self.assertNotContains(response, "Socialnämnden 2020")
        self.assertNotContains(response, "Testby kommun")
        self.assertContains(response, "Kulturnämnden 2020")

        self.login(self.charlie)
        self.assertContains(self.client.get(reverse("home")), "Socialnämnden 2020")
        self.login(self.dave)
        self.assertNotContains(self.client.get(reverse("home")), "Socialnämnden 2020")

    def test_never_lists_a_draft_plan(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=PlanStatus.DRAFT)
        self.login(self.alice)
        self.assertNotContains(self.client.get(reverse("home")), "Socialnämnden 2020")
