"""The reading pages: the start page, a plan's overview, a goal and a measure."""

import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.charts import Series as ChartSeries
from styr.charts import line_chart
from styr.economy.measures import ledger_values
from styr.followup.charts import measure_chart
from styr.followup.models import FollowUpPeriod, GoalAssessment, MeasureTableLayout
from styr.followup.results import column_headings, measure_results, target_label
from styr.followup.tree import NOT_ASSESSED, build_tree, goal_nodes
from styr.front.mywork import MyWork, my_work
from styr.kpis.comparisons import measure_comparison
from styr.organisation.access import can, can_edit_followup, may_create_municipality
from styr.organisation.models import vocabulary
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user, login_redirect, readable_plan_filter, readable_plans
from styr.plans.models import Goal, Measure, Plan, PlanStatus

HOME_PAGE_PLANS = 100  # plans on a page of the start page's list


def _period_for(request, plan: Plan) -> tuple[FollowUpPeriod | None, list[FollowUpPeriod]]:
    """The period asked for (?period=slug), else the year's latest period that has assessments."""
    periods = list(FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=plan.year))
    wanted = request.GET.get("period")
    if wanted:
        for period in periods:
            if period.slug == wanted:
                return period, periods
        raise Http404("No such period")
    assessed = set(
        GoalAssessment.objects.filter(goal__plan=plan).values_list("period_id", flat=True).distinct()
    )
    with_data = [period for period in periods if period.pk in assessed]
    chosen = with_data or periods
    return (chosen[-1] if chosen else None), periods


def _crumbs(plan: Plan, *extra) -> list[tuple[str, str]]:
    base = [
        (plan.unit.municipality.short_name, ""),
        (f"{plan.unit.name} {plan.year}", reverse("overview", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year])),
    ]
    return [*base, *extra]


def _get_goal_for_user(request: HttpRequest, municipality: str, unit: str, year: int, slug: str) -> tuple[Plan, Goal]:
    plan = get_plan_for_user(request, municipality, unit, year)
    goal = plan.goals.select_related("council_goal").filter(slug=slug).first()
    if goal is None:
        raise Http404("No such goal")
    return plan, goal


def _get_measure_for_user(
    request: HttpRequest, municipality: str, unit: str, year: int, slug: str
) -> tuple[Plan, Measure]:
    plan = get_plan_for_user(request, municipality, unit, year)
    measure = plan.unit.measures.filter(slug=slug).first()
    if measure is None:
        raise Http404("No such measure")
    return plan, measure


def _readable_unit_goals(user: User | AnonymousUser, goal: Goal) -> list[Goal]:
    """The units' goals under the goal, of the units' plans the user may read (a draft plan is not public)."""
    unit_goals = list(goal.unit_goals.select_related("plan__unit__municipality"))
    readable = {plan.pk for plan in readable_plans(user, {unit_goal.plan for unit_goal in unit_goals})}
    return [unit_goal for unit_goal in unit_goals if unit_goal.plan_id in readable]


def home(request):
    """"Mitt arbete" for a signed-in user with a role; the published plans for everyone else."""
    today = datetime.date.today()
    work = my_work(request.user, today=today) if request.user.is_authenticated else MyWork()
    sets_up = may_create_municipality(request.user)
    if not work.empty:
        return render(request, "front/my_work.html", {"work": work, "today": today, "sets_up": sets_up})
    plans = (
        Plan.objects.filter(readable_plan_filter(request.user), status=PlanStatus.PUBLISHED)
        .select_related("unit__municipality")
        .order_by("unit__municipality__name", "unit__name", "-year", "pk")
    )
    # A page at a time, asked of the database: a large municipality publishes thousands of plans.
    page = Paginator(plans, HOME_PAGE_PLANS).get_page(request.GET.get("sida"))
    return render(request, "front/home.html", {"plans": page.object_list, "page": page, "sets_up": sets_up})


@login_redirect
def overview(request, municipality: str, unit: str, year: int):
    plan = get_plan_for_user(request, municipality, unit, year)
    period, periods = _period_for(request, plan)
    tree = build_tree(plan, period)
    levels = tree.assessment_levels
    wanted = request.GET.get("bedomning", "")
    if wanted not in {NOT_ASSESSED, *(level.key for level in levels)}:
        wanted = ""
    shown = tree.assessed_at(wanted)
    context = {
        "plan": plan, "tree": tree, "period": period, "periods": periods,
        "levels": levels, "not_assessed": NOT_ASSESSED, "wanted": wanted, "shown": shown,
        "shown_goals": sum(len(goals) for _node, goals in shown), "all_goals": len(tree.goal_nodes),
        "can_edit": can_edit_followup(request.user, plan.unit),
        "can_keep_structure": can(request.user, Action.EDIT, Subject.STRUCTURE, plan.unit, State.ANY),
        "breadcrumbs": [(plan.unit.municipality.short_name, ""), (f"{plan.unit.name} {plan.year}", "")],
    }
    return render(request, "front/overview.html", context)


@login_redirect
def goal_detail(request, municipality: str, unit: str, year: int, goal_slug: str):
    plan, goal = _get_goal_for_user(request, municipality, unit, year, goal_slug)
    period, periods = _period_for(request, plan)
    [node] = goal_nodes(plan, [goal], period)
    words, layout = vocabulary(plan.unit.municipality), MeasureTableLayout.of(plan.unit.municipality_id)
    context = {
        "plan": plan, "goal": goal, "node": node, "period": period, "periods": periods,
        "unit_goals": _readable_unit_goals(request.user, goal),
        "layout": layout, "columns": column_headings(layout, words),
        "breadcrumbs": _crumbs(plan, (goal.name, "")),
    }
    return render(request, "front/goal.html", context)


def _kolada_comparison(measure: Measure, plan: Plan) -> dict:
    """The municipality against the county, similar and comparison municipalities, from Kolada."""
    comparison = measure_comparison(measure, plan.unit.municipality) if measure.kolada_kpi else None
    if comparison is None or not comparison.has_data:
        return {"comparison": None, "comparison_chart": None}
    chart = line_chart(
        title=_("%(measure)s compared with other municipalities") % {"measure": measure.name},
        categories=[item.year for item in comparison.years],
        series=[ChartSeries(line.label, tuple(line.values)) for line in comparison.series()],
        unit=measure.unit_of_measure, chart_id=f"comparison-{measure.pk}",
    )
    return {"comparison": comparison, "comparison_chart": chart}


@login_redirect
def measure_detail(request, municipality: str, unit: str, year: int, measure_slug: str):
    plan, measure = _get_measure_for_user(request, municipality, unit, year, measure_slug)
    period, _periods = _period_for(request, plan)
    words = vocabulary(plan.unit.municipality_id)
    result = measure_results([measure], year=plan.year, period=period, words=words)[measure.pk]
    outcomes = list(measure.outcomes.order_by("year", "month"))
    targets = list(measure.targets.order_by("year"))
    goals = list(measure.goals.filter(plan=plan))
    context = {
        "plan": plan, "measure": measure, "result": result, "outcomes": outcomes, "goals": goals,
        "period": period,
        "target_rows": [(target.year, target_label(target, measure.unit_of_measure, words)) for target in targets],
        "chart": measure_chart(measure, outcomes, targets, words),
        "may_link_kolada": can(request.user, Action.EDIT, Subject.STRUCTURE, plan.unit, State.ANY),
        **_kolada_comparison(measure, plan),
        "ledger": ledger_values([measure], period)[measure.pk] if measure.ledger_figure and period else None,
        "breadcrumbs": _crumbs(
            plan,
            *[(goal.name, reverse("goal", args=[municipality, unit, year, goal.slug])) for goal in goals[:1]],
            (measure.name, ""),
        ),
    }
    return render(request, "front/measure.html", context)
