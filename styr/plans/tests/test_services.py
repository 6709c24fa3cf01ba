"""The plan's services: the table's answer for the written object's own unit, the models' rules on every
reference (same plan, same year, same municipality), and a recorded change for every write."""

import pytest
from django.core.exceptions import ValidationError

from styr.history.models import Change, ChangeSource
from styr.organisation.models import Municipality, OrganisationUnit, UnitKind
from styr.plans import services
from styr.plans.models import CouncilGoal, CouncilGoalGroup, Direction, Goal, Measure, Plan, UnitOfMeasure

pytestmark = pytest.mark.django_db


def test_a_controller_writes_only_below_their_own_unit(world):
    other = OrganisationUnit.objects.create(municipality=world.municipality, kind=UnitKind.COMMITTEE,
                                            name="Kulturnämnden", slug="kulturnamnden")
    other_plan = Plan.objects.create(unit=other, year=2020)
    with pytest.raises(services.WriteRefused):
        services.save_goal(user=world.alice, plan=other_plan, council_goal=world.council_goal, name="Fler besökare")
    with pytest.raises(services.WriteRefused):  # a reporter reports, never builds
        services.save_goal(user=world.bob, plan=world.plan, council_goal=world.council_goal, name="Nytt")
    with pytest.raises(services.WriteRefused):
        services.create_plan(user=world.alice, unit=other, year=2021)
    assert not Goal.objects.filter(name__in=["Fler besökare", "Nytt"]).exists()
    assert services.create_plan(user=world.alice, unit=world.unit, year=2020).unit == world.unit


def test_references_stay_within_the_plans_year_and_municipality(world):
    later = services.create_plan(user=world.alice, unit=world.committee, year=2021)
    later_goal = services.save_goal(user=world.alice, plan=later, council_goal=world.council_goal, name="Senare")
    unit_plan = services.create_plan(user=world.alice, unit=world.unit, year=2020)
    with pytest.raises(ValidationError, match="samma år"):
        services.save_goal(user=world.alice, plan=unit_plan, council_goal=world.council_goal, name="Fel år",
                           parent=later_goal)
    with pytest.raises(ValidationError, match="samma plan"):
        services.save_commitment(user=world.alice, plan=world.plan, goal=later_goal, name="Fel plan")
    other = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby")
    group = CouncilGoalGroup.objects.create(municipality=other, name="Målområden")
    foreign = CouncilGoal.objects.create(municipality=other, group=group, key="x", name="Främmande")
    with pytest.raises(ValidationError, match="planens kommun"):
        services.save_goal(user=world.alice, plan=world.plan, goal=world.goal, council_goal=foreign, name="Flyttat")
    with pytest.raises(services.WriteRefused):  # a goal of another plan is not changed through this plan
        services.save_goal(user=world.alice, plan=world.plan, goal=later_goal, council_goal=world.council_goal,
                           name="Kapat")
    world.goal.refresh_from_db()
    later_goal.refresh_from_db()
    assert (world.goal.council_goal, later_goal.name) == (world.council_goal, "Senare")


def test_every_write_is_recorded_with_its_source_and_texts_are_cleaned(world):
    goal = services.save_goal(user=world.alice, plan=world.plan, council_goal=world.council_goal,
                              name="  Trygga barn\x07 ", interpretation="\uf0b7 Först", source=ChangeSource.API)
    assert (goal.name, goal.interpretation, goal.slug) == ("Trygga barn", "• Först", "trygga-barn")
    measure = services.save_measure(user=world.alice, unit=world.committee, name="Trygga barn", description="",
                                    unit_of_measure=UnitOfMeasure.PERCENT, direction=Direction.HIGHER,
                                    kind="measure", period_type="year")
    services.link_measure(user=world.alice, goal=goal, measure=measure)
    with pytest.raises(ValidationError):
        services.link_measure(user=world.alice, goal=goal, measure=measure)
    services.save_goal(user=world.alice, plan=world.plan, goal=goal, council_goal=world.council_goal, name="Tryggare barn",
                       interpretation="• Först")
    changes = Change.objects.filter(content_type__model="goal", object_id=str(goal.pk)).order_by("pk")
    assert [(change.action, change.source, change.user) for change in changes] == [
        ("create", ChangeSource.API, world.alice), ("update", ChangeSource.PAGE, world.alice)]
    assert changes[1].before == {"name": "Trygga barn"} and changes[1].after == {"name": "Tryggare barn"}
    assert Measure.objects.get(pk=measure.pk).goals.get() == goal
