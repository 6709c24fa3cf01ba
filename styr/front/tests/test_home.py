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

    def test_lists_the_plans_a_page_at_a_time_in_the_same_queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from styr.front.views import HOME_PAGE_PLANS

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.client.get(reverse("home"))
            return len(captured)

        few = queries()
        units = OrganisationUnit.objects.bulk_create([
            OrganisationUnit(municipality=self.municipality, kind=UnitKind.COMMITTEE, name=f"Nämnd {index:03d}",
                             slug=f"namnd-{index:03d}") for index in range(HOME_PAGE_PLANS + 5)])
        OrganisationUnit.set_paths(units)
        Plan.objects.bulk_create([Plan(unit=unit, year=2020, status=PlanStatus.PUBLISHED) for unit in units])
        assert queries() == few
        first = self.client.get(reverse("home")).content.decode()
        second = self.client.get(reverse("home"), {"sida": 2}).content.decode()
        assert "Nämnd 000 2020" in first and "Nämnd 000 2020" not in second
        assert "Nämnd 104 2020" in second and "Nämnd 104 2020" not in first
        assert 'rel="next"' in first and 'rel="prev"' in second
