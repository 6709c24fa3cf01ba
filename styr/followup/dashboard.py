"""The politicians' overview of a committee's plan in a period: what the charts and tables show.

Goals by assessment level, measures on and off target, both over the last years, and the measures
against the county average from Kolada where the outcomes have one. Everything in a number of
queries that does not grow with the goals or measures (a few per year shown).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from styr.charts import Chart, Series, bar_chart, line_chart
from styr.followup.models import AssessmentLevel, FollowUpPeriod, GoalAssessment
from styr.followup.results import MeasureResult, TargetCounts, measure_results
from styr.followup.tree import PlanTree, build_tree
from styr.plans.models import Direction, Goal, GoalMeasure, Measure, Plan

YEARS_SHOWN = 5
WIDTH = 440  # narrow enough that the charts stay legible on a phone


class Comparison:
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"
    ORDER = (BETTER, SAME, WORSE)


@dataclass
class CountyRow:
    result: MeasureResult
    own: Decimal
    county: Decimal
    comparison: str | None  # None: the measure has no better direction


@dataclass
class YearRow:
    plan: Plan
    period: FollowUpPeriod | None
    levels: Counter = field(default_factory=Counter)  # level id (None: not assessed) → goals
    counts: TargetCounts = field(default_factory=TargetCounts)


@dataclass
class Dashboard:
    tree: PlanTree
    levels: list[AssessmentLevel]
    years: list[YearRow]  # oldest first, the plan's own year last
    county: list[CountyRow]

    @property
    def current(self) -> YearRow:
        return self.years[-1]

    def county_counts(self) -> dict[str, int]:
        counted = Counter(row.comparison for row in self.county)
        return {key: counted[key] for key in Comparison.ORDER}


def compare_with_county(direction: str, own: Decimal, county: Decimal) -> str | None:
    if own == county:
        return Comparison.SAME
    if direction == Direction.NONE:
        return None
    better = own > county if direction == Direction.HIGHER else own < county
    return Comparison.BETTER if better else Comparison.WORSE


def shown_period(periods: list[FollowUpPeriod], assessed: set[int]) -> FollowUpPeriod | None:
    """A year's latest period that has assessments, else its latest period (as the plan's overview)."""
    with_data = [period for period in periods if period.pk in assessed]
    chosen = with_data or periods
    return chosen[-1] if chosen else None


def _year_rows(plan: Plan, period: FollowUpPeriod | None) -> list[YearRow]:
    """The committee's plans of the last years, each in its shown period, with its goals' levels and measures' targets."""
    plans = list(Plan.objects.filter(unit_id=plan.unit_id, year__gt=plan.year - YEARS_SHOWN, year__lte=plan.year)
                 .order_by("year"))
    periods_by_year: dict[int, list[FollowUpPeriod]] = defaultdict(list)
    for shown in FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year__in=[one.year for one in plans]):
        periods_by_year[shown.year].append(shown)
    goals = list(Goal.objects.filter(plan__in=plans, parent__isnull=True).values_list("plan_id", "pk"))
    assessments = list(GoalAssessment.objects.filter(goal__plan__in=plans, goal__parent__isnull=True)
                       .values_list("goal__plan_id", "period_id", "goal_id", "level_id"))
    measures: dict[int, set[Measure]] = defaultdict(set)
    for link in GoalMeasure.objects.filter(goal__plan__in=plans, goal__parent__isnull=True).select_related("measure", "goal"):
        measures[link.goal.plan_id].add(link.measure)
    rows = []
    for one in plans:
        assessed = {period_id for plan_id, period_id, _goal, _level in assessments if plan_id == one.pk}
        chosen = period if one.pk == plan.pk else shown_period(periods_by_year[one.year], assessed)
        levels = {goal_id: level_id for plan_id, period_id, goal_id, level_id in assessments
                  if plan_id == one.pk and chosen is not None and period_id == chosen.pk}
        counted = Counter(levels.get(goal_id) for plan_id, goal_id in goals if plan_id == one.pk)
        results = measure_results(measures[one.pk], year=one.year, period=chosen)
        rows.append(YearRow(plan=one, period=chosen, levels=counted, counts=TargetCounts.of(results.values())))
    return rows


def _county_rows(tree: PlanTree) -> list[CountyRow]:
    """Each measure of the plan once, where this year's outcome has a county average."""
    rows, seen = [], set()
    for node in tree.goal_nodes:
        for result in node.results:
            current = result.current
            if result.measure.pk in seen or current is None or current.total is None or current.county_average is None:
                continue
            seen.add(result.measure.pk)
            rows.append(CountyRow(result=result, own=current.total, county=current.county_average,
                                  comparison=compare_with_county(result.measure.direction, current.total, current.county_average)))
    return rows


def dashboard(plan: Plan, period: FollowUpPeriod | None) -> Dashboard:
    tree = build_tree(plan, period)
    levels = list(AssessmentLevel.objects.filter(scale__municipality_id=plan.unit.municipality_id).order_by("order"))
    return Dashboard(tree=tree, levels=levels, years=_year_rows(plan, period), county=_county_rows(tree))


def dashboard_charts(dash: Dashboard, words: dict[str, str]) -> dict[str, Chart]:
    """The overview's charts in the municipality's words, each with its data in words for the alt text."""
    goals, measures = words["committee_goal_plural"], words["measure_plural"]
    target, assessment = words["target_definite"], words["assessment"].lower()
    levels = [(level.pk, level.label, level.colour) for level in dash.levels] + [(None, _("Not assessed"), "#6b6b6b")]
    current = dash.current
    years = [row.plan.year for row in dash.years]
    judged = [_("On %(target)s") % {"target": target}, _("Off %(target)s") % {"target": target}, _("Not judged")]
    county = dash.county_counts()
    return {
        "levels": bar_chart(
            title=_("%(goals)s by %(assessment)s") % {"goals": goals, "assessment": assessment},
            categories=[label for _pk, label, _colour in levels],
            series=[Series(goals, tuple(current.levels[pk] for pk, _label, _colour in levels))], unit="count", width=WIDTH,
        ),
        "targets": bar_chart(
            title=_("%(measures)s on and off %(target)s") % {"measures": measures, "target": target},
            categories=judged,
            series=[Series(measures, (current.counts.met, current.counts.missed, current.counts.not_judged))],
            unit="count", width=WIDTH,
        ),
        "level_trend": bar_chart(
            title=_("%(goals)s by %(assessment)s over the years") % {"goals": goals, "assessment": assessment},
            categories=years, unit="count", width=WIDTH,
            series=[Series(label, tuple(row.levels[pk] for row in dash.years), color=colour) for pk, label, colour in levels],
        ),
        "target_trend": line_chart(
            title=_("%(measures)s on and off %(target)s over the years") % {"measures": measures, "target": target},
            categories=years, unit="count", width=WIDTH,
            series=[Series(judged[0], tuple(row.counts.met for row in dash.years)),
                    Series(judged[1], tuple(row.counts.missed for row in dash.years))],
        ),
        "county": bar_chart(
            title=_("%(measures)s against the county average") % {"measures": measures}, unit="count", width=WIDTH,
            categories=[_("Better than the county"), _("Same as the county"), _("Worse than the county")],
            series=[Series(measures, tuple(county[key] for key in Comparison.ORDER))],
        ),
    }
