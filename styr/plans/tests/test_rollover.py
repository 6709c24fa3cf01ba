"""Starting next year from this year: the demo's 2020 plan rolled over to 2021 in one recorded transaction."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.demo.loader import load_demo
from styr.followup.models import CommitmentReport, StatusOption
from styr.history.models import Change
from styr.organisation.models import OrganisationUnit
from styr.plans import rollover, services
from styr.plans.models import CouncilGoalChoice, Goal, GoalMeasure, Plan, PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    plan = Plan.objects.get(unit__slug="socialnamnden", year=2020)
    return plan, User.objects.get(username="controller")


def test_rolling_the_demo_2020_plan_carries_every_goal_measure_and_open_commitment(demo):
    plan, controller = demo
    done = StatusOption.objects.get(municipality=plan.unit.municipality, is_done=True, key="klart")
    closed = plan.commitments.order_by("pk").first()
    CommitmentReport.objects.filter(commitment=closed).update(status=done)
    open_commitments = list(plan.commitments.exclude(pk=closed.pk))
    assert len(open_commitments) > 3

    new = rollover.rollover(user=controller, plan=plan, commitments=open_commitments,
                            activities=list(plan.activities.filter(commitment__in=open_commitments)))

    assert (new.year, new.status, new.copied_from) == (2021, PlanStatus.DRAFT, plan)
    assert sorted(new.goals.values_list("slug", "name", "council_goal_id", "interpretation")) == sorted(
        plan.goals.values_list("slug", "name", "council_goal_id", "interpretation"))
    links = lambda p: sorted(GoalMeasure.objects.filter(goal__plan=p).values_list("goal__slug", "measure_id"))  # noqa: E731
    assert links(new) == links(plan) and len(links(new)) > 20  # the same Measure objects: the same series
    assert sorted(new.commitments.values_list("goal__slug", "name")) == sorted(
        (item.goal.slug, item.name) for item in open_commitments)
    assert not new.commitments.filter(name=closed.name).exists()
    assert sorted(CouncilGoalChoice.objects.filter(plan=new).values_list(
        "council_goal_id", "included", "exclusion_reason")) == sorted(plan.council_goal_choices.values_list(
            "council_goal_id", "included", "exclusion_reason"))
    assert not new.goals.filter(plan__year=2020).exists()
    recorded = Change.objects.filter(user=controller, content_type__model="goal")
    assert recorded.count() == new.goals.count()
    assert Change.objects.get(content_type__model="plan", object_id=str(new.pk)).after["copied_from"] == plan.pk

    # The 2021 plan reads the same series: its pages show the outcomes of 2018–2020.
    client = Client()
    client.force_login(controller)
    assert client.get("/huddinge/socialnamnden/2021/").status_code == 200
    measure = GoalMeasure.objects.filter(goal__plan=new, measure__outcomes__year=2018).first().measure
    page = client.get(f"/huddinge/socialnamnden/2021/matt/{measure.slug}/").content.decode()
    for year in (2018, 2019, 2020):
        assert re.search(rf'<th scope="row">[^<]*{year}', page), year


def test_a_second_rollover_and_a_stranger_are_refused_and_nothing_is_left_behind(demo):
    plan, controller = demo
    reader = User.objects.get(username="politiker")
    with pytest.raises(services.WriteRefused):
        rollover.rollover(user=reader, plan=plan, commitments=[], activities=[])
    assert not Plan.objects.filter(year=2021).exists()
    rollover.rollover(user=controller, plan=plan, commitments=[], activities=[])
    with pytest.raises(services.WriteRefused, match=r"redan en plan för 2021"):
        rollover.rollover(user=controller, plan=plan, commitments=[], activities=[])
    assert Plan.objects.filter(year=2021).count() == 1


def test_another_plans_commitments_are_not_carried(demo):
    plan, controller = demo
    unit = OrganisationUnit.objects.get(slug="barnenheten")
    other = services.create_plan(user=controller, unit=unit, year=2020)
    goal = services.save_goal(user=controller, plan=other, council_goal=plan.goals.first().council_goal, name="Trygga barn")
    foreign = services.save_commitment(user=controller, plan=other, goal=goal, name="Ny rutin")
    with pytest.raises(services.WriteRefused):
        rollover.rollover(user=controller, plan=plan, commitments=[foreign], activities=[])
    assert not Plan.objects.filter(year=2021).exists()


def test_a_units_goal_keeps_its_committee_goal_where_the_committee_has_started_the_year(demo):
    plan, controller = demo
    unit = OrganisationUnit.objects.get(slug="barnenheten")
    committee_goal = plan.goals.get(slug="fler-upplever-god-vard-och-omsorg")
    unit_plan = services.create_plan(user=controller, unit=unit, year=2020)
    services.save_goal(user=controller, plan=unit_plan, council_goal=committee_goal.council_goal, name="Trygga barn",
                       parent=committee_goal)
    unit_only = rollover.rollover(user=controller, plan=unit_plan, commitments=[], activities=[])
    assert unit_only.goals.get().parent is None  # the committee has no 2021 goal to contribute to yet
    unit_only.delete()
    committee_2021 = rollover.rollover(user=controller, plan=plan, commitments=[], activities=[])
    preview = rollover.preview(unit_plan)
    carried = preview.parents[unit_plan.goals.get().pk]
    assert carried == committee_2021.goals.get(slug=committee_goal.slug)
    new = rollover.rollover(user=controller, plan=unit_plan, commitments=[], activities=[])
    assert new.goals.get().parent == Goal.objects.get(plan=committee_2021, slug=committee_goal.slug)
