from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.followup.models import AssessmentLevel, GoalAssessment, MeasureOutcome, PeriodReport
from styr.plans.models import (
    Direction,
    Goal,
    GoalMeasure,
    Measure,
    Plan,
    PlanStatus,
    Target,
    TargetKind,
    UnitOfMeasure,
)
from styr.testing import BaseTestCase


def add_goals(case, count: int, measures_per_goal: int = 3) -> None:
    """Goals with assessed measures that have targets and three years of outcomes."""
    level = AssessmentLevel.objects.get(scale__municipality=case.municipality, key="god")
    start = Goal.objects.filter(plan=case.plan).count()
    for number in range(start, start + count):
        goal = Goal.objects.create(
            plan=case.plan, council_goal=case.council_goal, slug=f"mal-{number}", name=f"Mål {number}", order=number
        )
        GoalAssessment.objects.create(goal=goal, period=case.period, level=level, text="Bra.")
        for index in range(measures_per_goal):
            measure = Measure.objects.create(
                unit=case.committee, slug=f"matt-{number}-{index}", name=f"Mått {number}.{index}",
                unit_of_measure=UnitOfMeasure.PERCENT, direction=Direction.HIGHER,
            )
            GoalMeasure.objects.create(goal=goal, measure=measure, order=index)
            Target.objects.create(measure=measure, year=2020, kind=TargetKind.INCREASE)
            for year, value in ((2018, 70), (2019, 75), (2020, 80 - index * 5)):
                MeasureOutcome.objects.create(measure=measure, year=year, total=Decimal(value))


class OverviewTestCase(BaseTestCase):
    def url(self, **kwargs) -> str:
        return reverse("overview", args=["testby", "socialnamnden", 2020]) + (
            f"?period={kwargs['period']}" if kwargs else ""
        )

    def test_anonymous_reads_a_published_plan(self):
        god = AssessmentLevel.objects.get(scale__municipality=self.municipality, key="god")
        GoalAssessment.objects.create(goal=self.goal, period=self.period, level=god, text="")
        response = self.client.get(self.url())
        self.assertContains(response, "Fler upplever god vård och omsorg")
        self.assertContains(response, "God omsorg för individen")
        self.assertContains(response, '<span class="icon" aria-hidden="true">●</span>God</span>', html=False)
        self.assertNotContains(response, "Fyll i uppföljningen")

    def test_counts_measures_on_and_off_target_and_rolls_them_up(self):
        add_goals(self, 1, measures_per_goal=3)  # outcomes 80, 75, 70 against 75 last year: met, not, not
        response = self.client.get(self.url())
        tree = response.context["tree"]
        counts = tree.counts
        self.assertEqual((counts.met, counts.missed), (1, 2))
        self.assertEqual(tree.council_goals[0].counts.met, 1)
        self.assertContains(response, "<strong>1</strong> når etappmålet, <strong>2</strong> når inte etappmålet", count=3)

    def test_filters_the_goals_by_their_assessment_in_the_period(self):
        add_goals(self, 2, measures_per_goal=1)  # assessed "God"; the plan's own goal is not assessed
        url = self.url(period=self.period.slug)

        def shown(query: str) -> list[str]:
            response = self.client.get(f"{url}&bedomning={query}")
            return [node.goal.name for _choice, goals in response.context["shown"] for node in goals]

        response = self.client.get(f"{url}&bedomning=god")
        self.assertEqual(shown("god"), ["Mål 1", "Mål 2"])
        self.assertContains(response, '<option value="god" selected>God</option>', html=False)
        self.assertContains(response, "Visar 2 av 3")
        self.assertEqual(shown("ej-bedomd"), [self.goal.name])
        self.assertEqual(shown("okand"), [self.goal.name, "Mål 1", "Mål 2"])  # an unknown level filters nothing
        self.assertNotContains(self.client.get(f"{url}&bedomning=okand"), "Visar")

    def test_shows_the_combined_assessment_range_of_the_period_report(self):
        levels = {level.key: level for level in AssessmentLevel.objects.filter(scale__municipality=self.municipality)}
        PeriodReport.objects.create(
            plan=self.plan, period=self.period, level=levels["god"], upper_level=levels["mycket-god"],
            summary="Ett år präglat av pandemin.",
        )
        response = self.client.get(self.url())
        self.assertContains(response, "God till mycket god")
        self.assertContains(response, "Ett år präglat av pandemin.")

    def test_unpublished_municipality_requires_login(self):
        self.municipality.publish_without_login = False
        self.municipality.save(update_fields=["publish_without_login"])
        response = self.client.get(self.url())
        self.assertRedirects(response, reverse("login") + "?next=" + self.url(), fetch_redirect_response=False)
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.url()).status_code, 200)
        self.login(self.dave)
        self.assertEqual(self.client.get(self.url()).status_code, 403)

    def test_draft_plan_is_not_public(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=PlanStatus.DRAFT)
        self.assertEqual(self.client.get(self.url()).status_code, 302)
        self.login(self.alice)
        self.assertEqual(self.client.get(self.url()).status_code, 200)

    def test_controller_gets_the_follow_up_link(self):
        self.login(self.alice)
        response = self.client.get(self.url())
        self.assertContains(response, reverse("followup_edit", args=["testby", "socialnamnden", 2020, "vb"]))

    def test_unknown_plan_and_period_are_404(self):
        self.assertEqual(self.client.get(reverse("overview", args=["testby", "socialnamnden", 1999])).status_code, 404)
        self.assertEqual(self.client.get(self.url(period="nope")).status_code, 404)

    def test_query_count_does_not_grow_with_goals_and_measures(self):
        add_goals(self, 2)
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(self.client.get(self.url()).status_code, 200)
        add_goals(self, 8, measures_per_goal=5)
        with CaptureQueriesContext(connection) as many:
            self.assertEqual(self.client.get(self.url()).status_code, 200)
        self.assertEqual(len(few), len(many))
