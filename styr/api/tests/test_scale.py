"""The API's lists and reads cost the same number of queries for a small and a larger municipality."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from styr.testing.scale import biggest_committee, controller, queries, reporter, small_and_larger

pytestmark = pytest.mark.django_db


def addresses(world) -> list[str]:
    committee = biggest_committee(world)
    plan = world.plans[committee.pk]
    measure = world.measures[committee.pk][0].measure
    slug = world.municipality.slug
    return [
        reverse("api:municipalities"), reverse("api:municipality", args=[slug]), reverse("api:units", args=[slug]),
        reverse("api:periods", args=[slug]), reverse("api:unit_plans", args=[committee.pk]),
        reverse("api:plan", args=[plan.pk]), reverse("api:plan_followup", args=[plan.pk, world.periods["d2"].pk]),
        reverse("api:measure", args=[measure.pk]),
    ]


@pytest.mark.parametrize("who", ["anonymous", "controller", "reporter"])
def test_api_reads_cost_the_same_queries_at_any_size(who):
    small, larger = small_and_larger()
    counts = []
    for world in (small, larger):
        client = APIClient()
        if who != "anonymous":
            client.force_authenticate({"controller": controller, "reporter": reporter}[who](world))
        counts.append([queries(client, address) for address in addresses(world)])
    assert counts[0] == counts[1]
    assert max(counts[0]) <= 25


def test_lists_come_in_pages():
    _small, larger = small_and_larger()
    client = APIClient()
    address = reverse("api:units", args=[larger.municipality.slug])
    first = client.get(address, {"page_size": 10}).json()
    assert first["count"] == len(larger.units) and len(first["results"]) == 10
    rest = client.get(address, {"page_size": 10, "page": 2}).json()["results"]
    assert not {unit["id"] for unit in first["results"]} & {unit["id"] for unit in rest}
