"""Two generated municipalities, a small and a larger one, to show that a page or an API list costs the
same number of queries whatever the size (`styr generate`'s shape, scaled down to stay quick in tests)."""

import dataclasses

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.generate.builder import generate_municipality
from styr.generate.shape import SIZES
from styr.generate.structure import World
from styr.organisation.models import OrganisationUnit, UnitKind

LARGER = dataclasses.replace(SIZES["small"], committees=4, areas_per_committee=(3, 3), units_per_area=(4, 5),
                             committee_measures=12, unit_measures=(4, 6), unit_goals=(2, 3), committee_commitments=6,
                             unit_commitments=(1, 2))


def small_and_larger() -> tuple[World, World]:
    small = generate_municipality(size=SIZES["small"], seed=1, slug="lilleby", kolada_id="0001")
    larger = generate_municipality(size=LARGER, seed=2, slug="storby", kolada_id="0002")
    return small, larger


def biggest_committee(world: World) -> OrganisationUnit:
    """The committee with the most units below it."""
    return max(world.committees, key=lambda committee: len(committee.subtree_ids()))


def controller(world: World) -> User:
    """The controller of the biggest committee (as `styr generate` names the accounts)."""
    return User.objects.get(username=f"{world.municipality.slug}-controller-{biggest_committee(world).slug}")


def reporter_unit(world: World) -> OrganisationUnit:
    """A unit at the bottom of the biggest committee."""
    unit = OrganisationUnit.objects.filter(path__startswith=biggest_committee(world).path, kind=UnitKind.UNIT).first()
    assert unit is not None
    return unit


def reporter(world: World) -> User:
    """The manager who reports for `reporter_unit`."""
    return User.objects.get(username=f"{world.municipality.slug}-chef-{reporter_unit(world).slug}")


def queries(client: Client, address: str, method: str = "get", **data) -> int:
    """How many queries answering the address costs (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(address, data) if data else getattr(client, method)(address)
    assert response.status_code == 200, (address, response.status_code)
    return len(captured)
