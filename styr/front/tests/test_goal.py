from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.followup.models import (
    ActivityReport,
    AssessmentLevel,
    CommitmentReport,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    StatusOption,
)
from styr.front.tests.test_overview import add_goals
from styr.plans.models import Activity, Commitment, Goal, Plan, PlanStatus, Target, TargetKind
from styr.testing import BaseTestCase


class GoalPageTestCase(BaseTestCase):
    def url(self, slug="fler-upplever-god-vard") -> str:
        return reverse("goal", args=["testby", "socialnamnden", 2020, slug])

    def test_shows_assessment_measure_table_and_commitments(self):
        level = AssessmentLevel.objects.get(scale__municipality=self.municipality, key="mycket-god")
        GoalAssessment.objects.create(goal=self.goal, period=self.period, level=level, text="Utredningstiden har minskat.")
        for year, total, women, men in ((2018, 119, 119, 119), (2019, 115, 121, 111), (2020, 111, None, None)):
            MeasureOutcome.objects.create(
                measure=self.measure, year=year, total=total, women=women, men=men,
                rank=18 if year == 2020 else None, rank_of=24 if year == 2020 else None,
            )
        Target.objects.create(measure=self.measure, year=2020, kind=TargetKind.DECREASE)
        MeasureAnalysis.objects.create(measure=self.measure, period=self.period, analysis="Minskat något.",
                                       unjustified_differences=False)
        done = StatusOption.objects.get(municipality=self.municipality, key="klart")
        commitment = Commitment.objects.create(plan=self.plan, goal=self.goal, name="Korta utredningstiden")
        CommitmentReport.objects.create(commitment=commitment, period=self.period, status=done, comment="Ny metod.")
        activity = Activity.objects.create(plan=self.plan, goal=self.goal, commitment=commitment, name="Mölndalsmodellen")
        ActivityReport.objects.create(activity=activity, period=self.period, status=done)

        response = self.client.get(self.url())
        for text in (
            "Mycket god", "Utredningstiden har minskat.", "Utfall 2020: <strong>111 dagar</strong>",
            "Utfall 2018: <strong>119 dagar</strong>", "Trend: Positiv", "Etappmål 2020: <strong>Minska</strong>",
            "Förslag utifrån utfallet: nått", "Ranking 2020: 18/24", "Kvinnor 2019: 121 dagar", "Män 2019: 111 dagar", "Nej",
            "Minskat något.", "Korta utredningstiden", "Ny metod.", "Mölndalsmodellen", "Klart",
            "Omotiverade skillnader?",
        ):
            self.assertContains(response, text)

    def test_lists_the_unit_goals_of_a_draft_plan_only_to_those_who_may_read_it(self):
        unit_plan = Plan.objects.create(unit=self.unit, year=2020, status=PlanStatus.DRAFT)
        Goal.objects.create(plan=unit_plan, council_goal=self.council_goal, parent=self.goal, slug="snabbare",
                            name="Snabbare utredningar på Barnenheten")
        for user in (None, self.dave):
            if user:
                self.login(user)
            self.assertNotContains(self.client.get(self.url()), "Snabbare utredningar på Barnenheten")
        for user in (self.bob, self.charlie):
            self.login(user)
            self.assertContains(self.client.get(self.url()), "Snabbare utredningar på Barnenheten")
        unit_plan.status = PlanStatus.PUBLISHED
        unit_plan.save(update_fields=["status"])
        self.client.logout()
        self.assertContains(self.client.get(self.url()), "Barnenheten: Snabbare utredningar på Barnenheten")

    def test_lists_the_commitments_and_activities_shown_under_the_goal_as_the_documents_do(self):
        other = Goal.objects.create(plan=self.plan, council_goal=self.council_goal, slug="annat", name="Annat mål")
        borrowed = Commitment.objects.create(plan=self.plan, goal=other, also_under=self.goal, name="Lånat åtagande")
        Activity.objects.create(plan=self.plan, goal=other, commitment=borrowed, name="Dess aktivitet")
        Activity.objects.create(plan=self.plan, goal=other, also_under=self.goal, name="Lånad aktivitet")
        Commitment.objects.create(plan=self.plan, goal=other, name="Annat åtagande")
        page = self.client.get(self.url()).content.decode()
        for name in ("Lånat åtagande", "Dess aktivitet", "Lånad aktivitet"):
            self.assertIn(name, page)
        self.assertNotIn("Annat åtagande", page)
        self.assertIn("Annat åtagande", self.client.get(self.url("annat")).content.decode())

    def test_unknown_goal_is_404(self):
        self.assertEqual(self.client.get(self.url("finns-inte")).status_code, 404)

    def test_query_count_does_not_grow_with_measures(self):
        add_goals(self, 1, measures_per_goal=2)
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(self.client.get(self.url("mal-1")).status_code, 200)
        add_goals(self, 1, measures_per_goal=12)
        with CaptureQueriesContext(connection) as many:
            self.assertEqual(self.client.get(self.url("mal-2")).status_code, 200)
        self.assertEqual(len(few), len(many))


class MeasurePageTestCase(BaseTestCase):
    def test_lists_every_outcome_with_comparisons(self):
        MeasureOutcome.objects.create(measure=self.measure, year=2019, total=Decimal(115), county_average=Decimal("97.5"))
        MeasureOutcome.objects.create(measure=self.measure, year=2020, total=Decimal(111), rank=18, rank_of=24)
        response = self.client.get(reverse("measure", args=["testby", "socialnamnden", 2020, "utredningstid"]))
        self.assertContains(response, "Utredningstid barn &amp; unga, antal dagar")
        self.assertContains(response, "97,5 dagar")
        self.assertContains(response, "18/24")
        self.assertContains(response, "Kolada U33401")
        self.assertContains(response, "<svg", count=1)


def test_measure_page_compares_with_other_municipalities_from_kolada(client, db):
    from styr.demo.loader import load_demo
    from styr.plans.models import Measure

    load_demo()
    measure = Measure.objects.get(kolada_kpi="U35400")
    response = client.get(reverse("measure", args=["huddinge", "socialnamnden", 2020, measure.slug]))
    page = response.content.decode()
    assert "Jämförelse med andra kommuner" in page
    assert "19/24" in page and "Nacka" in page and "Genomsnitt länet" in page
    assert page.count("<svg") == 2  # the outcome chart and the comparison chart


def test_the_measure_page_and_the_annual_report_draw_the_same_outcome_chart(world, client):
    from styr.documents.builder import build_document

    for year, total in ((2018, 119), (2019, 115), (2020, 111)):
        MeasureOutcome.objects.create(measure=world.measure, year=year, total=Decimal(total),
                                      women=Decimal(total + 3), men=Decimal(total - 2))
    Target.objects.create(measure=world.measure, year=2020, kind=TargetKind.NUMBER, value=Decimal(100))
    response = client.get(reverse("measure", args=["testby", "socialnamnden", 2020, "utredningstid"]))
    (chart,) = build_document(unit=world.committee, year=2020, kind="annual_report").charts
    assert response.context["chart"].svg == chart.svg
    assert "100" in chart.alt and "Lägre är bättre." in chart.alt
