"""The read model of what is filled in: counts, the form's items built from it, queries that do not grow."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.followup.editing import Editor
from styr.followup.filling import PeriodRecords
from styr.followup.models import CommitmentReport, MeasureAnalysis, MeasureOutcome, StatusOption
from styr.plans.models import Commitment, Goal, GoalMeasure, Measure, Plan, UnitOfMeasure


def add_goal_with_measure(world, plan: Plan, number: int) -> tuple[Goal, Measure]:
    goal = Goal.objects.create(plan=plan, council_goal=world.council_goal, slug=f"mal-{number}", name=f"Mål {number}",
                               order=number + 1)
    measure = Measure.objects.create(unit=plan.unit, slug=f"matt-{plan.pk}-{number}", name=f"Mått {plan.pk}-{number}",
                                     unit_of_measure=UnitOfMeasure.PERCENT)
    GoalMeasure.objects.create(goal=goal, measure=measure)
    return goal, measure


@pytest.mark.django_db
def test_a_measure_counts_when_it_has_its_value_and_an_analysis_and_a_commitment_when_it_has_a_status(world):
    commitment = Commitment.objects.create(plan=world.plan, goal=world.goal, name="Kortare väntan")
    progress = PeriodRecords([world.plan], world.period).progress(world.plan)
    assert (progress.filled, progress.total, progress.percent) == (0, 2, 0)

    MeasureOutcome.objects.create(measure=world.measure, year=2020, month=12, total=Decimal(80))
    assert PeriodRecords([world.plan], world.period).progress(world.plan).filled == 0  # a value without an analysis
    MeasureAnalysis.objects.create(measure=world.measure, period=world.period, analysis="   ")
    assert PeriodRecords([world.plan], world.period).progress(world.plan).filled == 0  # blank is not written
    MeasureAnalysis.objects.filter(measure=world.measure).update(analysis="Kortare tider.")
    CommitmentReport.objects.create(commitment=commitment, period=world.period, comment="Pågår")
    progress = PeriodRecords([world.plan], world.period).progress(world.plan)
    assert (progress.filled, progress.total, [part.key for part in progress.empty]) == (1, 2, [f"commitment-{commitment.pk}"])

    CommitmentReport.objects.filter(commitment=commitment).update(status=StatusOption.objects.first())
    progress = PeriodRecords([world.plan], world.period).progress(world.plan)
    assert (progress.filled, progress.total, progress.percent, progress.empty) == (2, 2, 100, [])


@pytest.mark.django_db
def test_the_form_groups_items_by_goal_and_marks_them_from_the_same_read_model(world):
    second, other = add_goal_with_measure(world, world.plan, 1)
    # Ordered across goals, the second goal's measure would come first and the first goal's heading repeat.
    GoalMeasure.objects.filter(measure=world.measure).update(order=5)
    Commitment.objects.create(plan=world.plan, goal=world.goal, name="Kortare väntan")
    MeasureOutcome.objects.create(measure=other, year=2020, month=12, total=Decimal(80))
    MeasureAnalysis.objects.create(measure=other, period=world.period, analysis="Bra.")

    items = Editor(plan=world.plan, period=world.period, user=world.alice).items()
    goals = [item.goal.name for item in items if item.goal]
    assert goals == [world.goal.name] * 3 + [second.name] * 2  # assessment, measure, commitment; then the second goal
    filled = {item.key: item.filled for item in items if item.filled is not None}
    progress = PeriodRecords([world.plan], world.period).progress(world.plan)
    assert filled == {part.key: part.filled for part in progress.parts}
    assert filled[f"measure-{other.pk}"] and not filled[f"measure-{world.measure.pk}"]


@pytest.mark.django_db
def test_reading_many_plans_takes_as_many_queries_as_reading_one(world):
    def queries(plans) -> int:
        with CaptureQueriesContext(connection) as captured:
            records = PeriodRecords(plans, world.period)
            [records.progress(plan) for plan in plans]
        return len(captured)

    one = queries([world.plan])
    plans = [world.plan]
    for number in range(3):
        unit = world.unit if number == 0 else world.unit.__class__.objects.create(
            municipality=world.municipality, parent=world.committee, kind=world.unit.kind, name=f"Enhet {number}",
            slug=f"enhet-{number}")
        plan = Plan.objects.create(unit=unit, year=2020)
        add_goal_with_measure(world, plan, number)
        plans.append(plan)
    assert queries(plans) == one == 7


@pytest.mark.django_db
def test_a_save_builds_only_the_item_it_saves_whatever_the_plan_holds(world):
    def saving(count: int) -> tuple[int, list[str]]:
        for number in range(count):
            add_goal_with_measure(world, world.plan, 100 * count + number)
        editor = Editor(plan=world.plan, period=world.period, user=world.alice)
        key = f"measure-{world.measure.pk}"
        built: list[str] = []
        original = editor.items

        def items(*args, **kwargs):
            found = original(*args, **kwargs)
            built.extend(item.key for item in found)
            return found

        editor.items = items  # type: ignore[method-assign]  # recording what each call builds
        outcome = MeasureOutcome.objects.filter(measure=world.measure, year=2020, month=world.period.as_of.month).first()
        analysis = MeasureAnalysis.objects.filter(measure=world.measure, period=world.period).first()
        data = {"item": key, f"{key}-outcome_version": outcome.version if outcome else 0,
                f"{key}-analysis_version": analysis.version if analysis else 0, f"{key}-analysis": f"Bra {count}.",
                f"{key}-total": "12"}
        with CaptureQueriesContext(connection) as captured:
            item = editor.save(key, data)
        assert item is not None and item.saved and item.key == key
        assert MeasureAnalysis.objects.get(measure=world.measure, period=world.period).analysis == f"Bra {count}."
        return len(captured), built

    saving(0)  # the first save creates the rows; the ones compared update them
    few, built_few = saving(1)
    many, built_many = saving(8)
    assert built_few == built_many == [f"measure-{world.measure.pk}"] * 2  # validated, then read back fresh
    assert few == many
