"""The politicians' overview of the demo committee: its counts against the seed, its charts and tables."""

from collections import Counter

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.demo.loader import load_demo
from styr.followup.dashboard import Comparison, compare_with_county, dashboard
from styr.followup.models import FollowUpPeriod, MeasureOutcome
from styr.followup.tree import build_tree
from styr.plans.models import Direction, Goal, GoalMeasure, Measure, Plan

pytestmark = pytest.mark.django_db
URL = reverse("dashboard", args=["huddinge", "socialnamnden", 2020])
SEED = "styr/demo/data/socialnamnden-2020.yaml"


@pytest.fixture
def demo():
    load_demo()
    plan = Plan.objects.select_related("unit__municipality").get(unit__slug="socialnamnden", year=2020)
    return plan, FollowUpPeriod.objects.get(municipality=plan.unit.municipality, year=2020, slug="vb")


def seed_goals() -> list[dict]:
    with open(SEED, encoding="utf-8") as seed:
        data = yaml.safe_load(seed)
    return [goal for council_goal in data["council_goals"] for goal in council_goal.get("committee_goals") or []]


def test_the_goals_by_level_are_the_seeds(demo):
    plan, period = demo
    dash = dashboard(plan, period)
    seeded = Counter((goal.get("assessment") or {}).get("level") for goal in seed_goals())
    by_key = {level.pk: level.key for level in dash.levels}
    assert {by_key.get(pk): count for pk, count in dash.current.levels.items() if count} == dict(seeded)
    assert seeded == {"mycket-god": 7, "god": 6, "godtagbar": 3}


def test_the_measures_on_target_are_the_overviews_and_the_county_rows_the_seeds(demo):
    plan, period = demo
    dash = dashboard(plan, period)
    assert dash.current.counts == build_tree(plan, period).counts
    assert dash.current.counts.met + dash.current.counts.missed > 0
    with_county = set(MeasureOutcome.objects.filter(measure__goals__plan=plan, year=2020, total__isnull=False,
                                                    county_average__isnull=False).values_list("measure__name", flat=True))
    assert len(with_county) >= 4  # the demo's Kolada comparisons
    assert {row.result.measure.name for row in dash.county} == with_county
    assert sum(dash.county_counts().values()) == len(dash.county) - sum(row.comparison is None for row in dash.county)


def test_compared_with_the_county_by_the_measures_direction():
    assert compare_with_county(Direction.HIGHER, 80, 70) == Comparison.BETTER
    assert compare_with_county(Direction.LOWER, 80, 70) == Comparison.WORSE
    assert compare_with_county(Direction.NONE, 80, 70) is None
    assert compare_with_county(Direction.NONE, 70, 70) == Comparison.SAME


def test_the_page_has_charts_with_words_and_tables(client, demo):
    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200  # the demo publishes without login
    assert html.count('role="img"') >= 3
    assert "Nämndmål efter måluppfyllelse" in html or "Nämndmål by måluppfyllelse" in html
    assert html.count("<table") >= 3 and "<caption" in html
    assert URL in client.get(reverse("overview", args=["huddinge", "socialnamnden", 2020])).content.decode()


def test_a_constant_number_of_queries_as_goals_and_measures_grow(client, demo):
    plan, _period = demo

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    before = queries()
    template = plan.goals.filter(parent__isnull=True).first()
    for number in range(5):
        goal = Goal.objects.create(plan=plan, council_goal=template.council_goal, slug=f"extra-{number}", name=f"Extra {number}")
        measure = Measure.objects.create(unit=plan.unit, slug=f"extra-{number}", name=f"Extra {number}",
                                         unit_of_measure="percent", direction="higher")
        GoalMeasure.objects.create(goal=goal, measure=measure)
        MeasureOutcome.objects.create(measure=measure, year=2020, total=50, county_average=40)
    assert queries() == before


def test_the_years_before_are_read_in_their_own_latest_assessed_period(client, demo):
    import datetime

    from styr.followup.models import AssessmentLevel, GoalAssessment, PeriodKind

    plan, period = demo
    earlier = Plan.objects.create(unit=plan.unit, year=2019, status=plan.status)
    template = plan.goals.filter(parent__isnull=True).first()
    goals = [Goal.objects.create(plan=earlier, council_goal=template.council_goal, slug=f"g{n}", name=f"G{n}")
             for n in range(3)]
    first, second = (FollowUpPeriod.objects.create(municipality=plan.unit.municipality, year=2019, kind=kind, slug=slug,
                                                   name=slug, as_of=datetime.date(2019, month, 28))
                     for kind, slug, month in ((PeriodKind.INTERIM_2, "d2", 8), (PeriodKind.ANNUAL_REPORT, "vb", 12)))
    good = AssessmentLevel.objects.get(scale__municipality=plan.unit.municipality, key="god")
    GoalAssessment.objects.create(goal=goals[0], period=first, level=good)
    GoalAssessment.objects.create(goal=goals[1], period=second, level=good)
    measure = Measure.objects.create(unit=plan.unit, slug="m2019", name="M", unit_of_measure="percent", direction="higher")
    GoalMeasure.objects.create(goal=goals[0], measure=measure)
    dash = dashboard(plan, period)
    assert [row.plan.year for row in dash.years] == [2019, 2020]
    assert dash.years[0].period == second
    assert dash.years[0].levels == Counter({good.pk: 1, None: 2})
    assert dash.years[0].counts.not_judged == 1
    html = client.get(URL).content.decode()
    assert "år för år" in html or "over the years" in html
