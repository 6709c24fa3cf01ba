"""The admin's lists cost the same number of queries for a small and a larger municipality, and their
filters name only what the user keeps: a controller of one municipality sees no unit of another."""

import pytest
from django.test import Client

from styr.organisation.models import Municipality, OrganisationUnit
from styr.testing.scale import controller, queries, small_and_larger

pytestmark = pytest.mark.django_db


LISTS = ["plans/plan", "plans/goal", "plans/commitment", "plans/activity", "plans/councilgoal", "plans/measure",
         "followup/followupperiod", "organisation/organisationunit", "organisation/membership"]


def test_every_scoped_list_costs_the_same_queries_at_any_size():
    counts = []
    for world in small_and_larger():
        client = Client()
        client.force_login(controller(world))
        counts.append({name: queries(client, f"/admin/{name}/") for name in LISTS})
    assert counts[0] == counts[1]


def test_a_list_filter_names_no_unit_of_another_municipality():
    small, larger = small_and_larger()
    client = Client()
    client.force_login(controller(small))
    own = {OrganisationUnit: set(OrganisationUnit.objects.filter(municipality=small.municipality).values_list("pk", flat=True)),
           Municipality: {small.municipality.pk}}
    offered: dict = {OrganisationUnit: set(), Municipality: set()}
    for model in LISTS:
        for spec in client.get(f"/admin/{model}/").context["cl"].filter_specs:
            related = getattr(getattr(spec, "field", None), "related_model", None)
            if related in offered:
                offered[related] |= {pk for pk, _label in spec.lookup_choices}
    assert offered[OrganisationUnit] and offered[OrganisationUnit] <= own[OrganisationUnit]
    assert offered[Municipality] <= own[Municipality]  # (a filter of one choice is not shown)
    assert larger.municipality.pk not in offered[Municipality]
