"""The reading pages cost the same number of queries for a small and a larger municipality."""

import pytest
from django.test import Client
from django.urls import reverse

from styr.testing.scale import biggest_committee, controller, queries, reporter, small_and_larger

pytestmark = pytest.mark.django_db


def addresses(world) -> list[str]:
    committee = biggest_committee(world)
    plan = world.plans[committee.pk]
    place = [world.municipality.slug, committee.slug, world.year]
    goal = world.goals[plan.pk][0]
    measure = world.measures[committee.pk][0].measure
    return [reverse("overview", args=place), reverse("goal", args=[*place, goal.slug]),
            reverse("measure", args=[*place, measure.slug])]


@pytest.mark.parametrize("who", ["anonymous", "controller", "reporter"])
def test_overview_goal_and_measure_pages_cost_the_same_queries_at_any_size(who):
    counts = []
    for world in small_and_larger():
        client = Client()
        if who != "anonymous":
            client.force_login({"controller": controller, "reporter": reporter}[who](world))
        counts.append([queries(client, address) for address in addresses(world)])
    assert counts[0] == counts[1]
