"""The municipality's measure table columns, set by its controller in the admin, on the goal page."""

from decimal import Decimal

from styr.followup.models import MeasureAnalysis, MeasureOutcome, MeasureTableLayout
from styr.organisation.tests.admin_world import staff_controller
from styr.plans.models import Target, TargetKind
from styr.testing import BaseTestCase


class MeasureLayoutTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        MeasureOutcome.objects.create(measure=cls.measure, year=2020, month=4, total=55)
        MeasureOutcome.objects.create(measure=cls.measure, year=2020, month=12, total=50, women=49, men=51,
                                      reference_value=Decimal("47.5"), reference_label="Liknande kommuner")
        Target.objects.create(measure=cls.measure, year=2020, kind=TargetKind.DECREASE, value=45)
        MeasureAnalysis.objects.create(measure=cls.measure, period=cls.period, target_met=True,
                                       unjustified_differences=False)

    def goal_page(self) -> str:
        return self.client.get(f"/testby/socialnamnden/2020/mal/{self.goal.slug}/?period=vb").content.decode()

    def test_the_default_columns_and_the_committees_judgement_beside_the_suggestion(self):
        page = self.goal_page()
        for text in ("Kön", "Omotiverade skillnader?", "Etappmål, ranking &amp; genomsnitt", "Minska till 45 dagar",
                     "Når etappmålet", "Förslag utifrån utfallet: ej nått"):
            self.assertIn(text, page)
        self.assertNotIn("Liknande kommuner", page)
        self.assertNotIn("Utfall 04-2020", page)

    def test_the_controller_sets_the_columns_in_the_admin(self):
        self.login(staff_controller("eva", self.committee))
        response = self.client.post("/admin/followup/measuretablelayout/add/", {
            "municipality": self.municipality.pk, "show_ranking": "on", "show_reference": "on",
            "show_earlier_months": "on",
        })
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        layout = MeasureTableLayout.objects.get(municipality=self.municipality)
        self.assertEqual(layout.columns, ["outcome", "target", "reference"])
        page = self.goal_page()
        self.assertNotIn("<th scope=\"col\">Kön</th>", page)
        self.assertNotIn("Omotiverade skillnader?", page)
        self.assertIn("Referensvärde", page)
        self.assertIn("Liknande kommuner 2020: 47,5 dagar", page)
        self.assertIn("Utfall 04-2020: 55 dagar", page)
        self.assertIn("Utfall 12-2020: <strong>50 dagar</strong>", page)

    def test_a_controller_of_a_unit_below_may_not_set_the_municipalitys_columns(self):
        self.login(staff_controller("ulla", self.unit))
        self.client.post("/admin/followup/measuretablelayout/add/", {"municipality": self.municipality.pk})
        self.assertFalse(MeasureTableLayout.objects.exists())
