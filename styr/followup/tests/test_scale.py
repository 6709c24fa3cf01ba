"""The follow-up pages and "who is done" cost the same number of queries for a small and a larger
municipality, and "who is done" answers when the one who marked a unit ready is gone."""

import pytest
from django.test import Client
from django.urls import reverse

from styr.followup.models import PeriodProgress, ProgressState
from styr.testing.scale import biggest_committee, controller, queries, reporter, reporter_unit, small_and_larger

pytestmark = pytest.mark.django_db


def address(name: str, world, unit) -> str:
    return reverse(name, args=[world.municipality.slug, unit.slug, world.year, "d2"])


def test_followup_pages_and_who_is_done_cost_the_same_queries_at_any_size():
    counts = []
    for world in small_and_larger():
        committee, unit = biggest_committee(world), reporter_unit(world)
        # The same state in both: the page shows what the state allows, whatever the size.
        PeriodProgress.objects.filter(plan__in=[world.plans[unit.pk], world.plans[committee.pk]],
                                      period=world.periods["d2"]).update(
            state=ProgressState.OPEN, ready_by=None, ready_at=None, approved_at=None)
        managers, controllers = Client(), Client()
        managers.force_login(reporter(world))
        controllers.force_login(controller(world))
        counts.append([
            queries(managers, address("followup_edit", world, unit)),
            queries(controllers, address("followup_edit", world, unit)),
            queries(controllers, address("followup_edit", world, committee)),
            queries(controllers, address("followup_progress", world, committee)),
            queries(controllers, address("followup_progress_csv", world, committee)),
        ])
    assert counts[0] == counts[1]


def test_who_is_done_answers_when_the_one_who_marked_ready_is_gone():
    small, _larger = small_and_larger()
    committee, unit = biggest_committee(small), reporter_unit(small)
    PeriodProgress.objects.filter(plan=small.plans[unit.pk], period=small.periods["d2"]).update(
        state=ProgressState.READY, ready_by=None)
    client = Client()
    client.force_login(controller(small))
    page = client.get(address("followup_progress", small, committee))
    assert page.status_code == 200
    assert unit.name in page.content.decode()
    assert client.get(address("followup_progress_csv", small, committee)).status_code == 200
