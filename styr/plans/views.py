from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.charts import Series as ChartSeries
from styr.charts import line_chart, measure_line_chart
from styr.followup.models import (
    ActivityReport,
    CommitmentReport,
    FollowUpPeriod,
    GoalAssessment,
    MeasureOutcome,
)
from styr.followup.results import measure_results, target_label
from styr.followup.tree import build_tree, goal_results
from styr.kpis.comparisons import measure_comparison
from styr.organisation.access import can, can_edit_followup
from styr.organisation.models import vocabulary
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user, login_redirect
from styr.plans.models import (
    Activity,
    Commitment,
    Measure,
    Plan,
    PlanStatus,
    TargetKind,
)


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
    return (with_data or periods or [None])[-1], periods


def _crumbs(plan: Plan, *extra) -> list[tuple[str, str]]:
    base = [
        (plan.unit.municipality.short_name, ""),
        (f"{plan.unit.name} {plan.year}", reverse("overview", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year])),
    ]
    return [*base, *extra]


def home(request):
    plans = (
        Plan.objects.filter(status=PlanStatus.PUBLISHED)
        .select_related("unit__municipality")
        .order_by("unit__municipality__name", "unit__name", "-year")
    )
    return render(request, "plans/home.html", {"plans": plans})


@login_redirect
def overview(request, municipality: str, unit: str, year: int):
    plan = get_plan_for_user(request, municipality, unit, year)
    period, periods = _period_for(request, plan)
    tree = build_tree(plan, period)
    context = {
        "plan": plan, "tree": tree, "period": period, "periods": periods,
        "words": vocabulary(plan.unit.municipality),
        "can_edit": can_edit_followup(request.user, plan.unit),
        "breadcrumbs": [(plan.unit.municipality.short_name, ""), (f"{plan.unit.name} {plan.year}", "")],
    }
    return render(request, "plans/overview.html", context)


@login_redirect
def goal_detail(request, municipality: str, unit: str, year: int, goal: str):
    plan = get_plan_for_user(request, municipality, unit, year)
    goal = plan.goals.select_related("council_goal").filter(slug=goal).first()
    if goal is None:
        raise Http404("No such goal")
    period, periods = _period_for(request, plan)
    results = goal_results([goal], year=plan.year, period=period).get(goal.pk, [])
    assessment = None
    commitments = Commitment.objects.filter(goal=goal).order_by("order", "pk")
    activities = Activity.objects.filter(goal=goal, commitment__isnull=True).order_by("order", "pk")
    if period is not None:
        assessment = goal.assessments.filter(period=period).select_related("level", "upper_level").first()
        activity_reports = Prefetch(
            "reports", queryset=ActivityReport.objects.filter(period=period).select_related("status"), to_attr="period_reports"
        )
        commitments = commitments.prefetch_related(
            Prefetch("reports", queryset=CommitmentReport.objects.filter(period=period).select_related("status"), to_attr="period_reports"),
            Prefetch("activities", queryset=Activity.objects.order_by("order", "pk").prefetch_related(activity_reports)),
        )
        activities = activities.prefetch_related(activity_reports)
    context = {
        "plan": plan, "goal": goal, "period": period, "periods": periods, "assessment": assessment,
        "results": results, "commitments": commitments, "activities": activities,
        "unit_goals": goal.unit_goals.select_related("plan__unit"),
        "words": vocabulary(plan.unit.municipality),
        "breadcrumbs": _crumbs(plan, (goal.name, "")),
    }
    return render(request, "plans/goal.html", context)


def _outcome_chart(measure: Measure, outcomes: list[MeasureOutcome]):
    """The measure's yearly outcomes (latest month of each year) with women, men, numeric targets and county average."""
    latest = {outcome.year: outcome for outcome in outcomes}  # outcomes come ordered by year and month
    if not latest:
        return None
    targets = {target.year: target.value for target in measure.targets.filter(kind=TargetKind.NUMBER)}
    return measure_line_chart(
        title=measure.name, years=sorted(latest), unit=measure.unit_of_measure,
        total={year: row.total for year, row in latest.items()},
        women={year: row.women for year, row in latest.items()},
        men={year: row.men for year, row in latest.items()},
        target=targets,
        county_average={year: row.county_average for year, row in latest.items()},
        description=measure.get_direction_display(),
    )


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
def measure_detail(request, municipality: str, unit: str, year: int, measure: str):
    plan = get_plan_for_user(request, municipality, unit, year)
    measure = plan.unit.measures.filter(slug=measure).first()
    if measure is None:
        raise Http404("No such measure")
    period, periods = _period_for(request, plan)
    result = measure_results([measure], year=plan.year, period=period)[measure.pk]
    outcomes = list(measure.outcomes.order_by("year", "month"))
    goals = list(measure.goals.filter(plan=plan))
    context = {
        "plan": plan, "measure": measure, "result": result, "outcomes": outcomes, "goals": goals,
        "period": period, "words": vocabulary(plan.unit.municipality),
        "target_rows": [(target.year, target_label(target, measure.unit_of_measure)) for target in measure.targets.order_by("year")],
        "chart": _outcome_chart(measure, outcomes),
        "may_link_kolada": can(request.user, Action.EDIT, Subject.STRUCTURE, plan.unit, State.ANY),
        **_kolada_comparison(measure, plan),
        "breadcrumbs": _crumbs(
            plan,
            *[(goal.name, reverse("goal", args=[municipality, unit, year, goal.slug])) for goal in goals[:1]],
            (measure.name, ""),
        ),
    }
    return render(request, "plans/measure.html", context)
