"""The materialised path of the unit tree: kept by save when units are created and moved, and the
permission answers for whole lists (`unit_filter`, `readable_plan_filter`) agree with `allowed`."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.organisation.models import Membership, OrganisationUnit, Role, UnitKind
from styr.organisation.permissions import Relation, relations
from styr.plans.access import can_read_plan, readable_plans_query
from styr.plans.models import Plan, PlanStatus


def unit(world, name: str, parent: OrganisationUnit | None) -> OrganisationUnit:
    return OrganisationUnit.objects.create(municipality=world.municipality, parent=parent, kind=UnitKind.UNIT,
                                           name=name, slug=name.lower())


def test_paths_follow_units_created_and_moved(world):
    area = unit(world, "Omrade", world.committee)
    leaf = unit(world, "Blad", area)
    assert leaf.path == f"{world.committee.pk}/{area.pk}/{leaf.pk}/"
    assert [node.pk for node in leaf.ancestors()] == [world.committee.pk, area.pk]
    assert world.committee.subtree_ids() == {world.committee.pk, world.unit.pk, area.pk, leaf.pk}
    area.parent = world.unit
    area.save()
    leaf.refresh_from_db()
    assert leaf.path == f"{world.committee.pk}/{world.unit.pk}/{area.pk}/{leaf.pk}/"
    area.parent = None  # a root of its own: the units below follow
    area.save()
    leaf.refresh_from_db()
    assert leaf.path == f"{area.pk}/{leaf.pk}/"
    assert world.committee.subtree_ids() == {world.committee.pk, world.unit.pk}


def test_relations_cost_one_query_however_deep_the_tree(world):
    parent = world.unit
    for depth in range(6):
        parent = unit(world, f"Niva{depth}", parent)
    with CaptureQueriesContext(connection) as captured:
        assert relations(world.alice, parent) == {Role.CONTROLLER: {Relation.OWN}}
    assert len(captured) == 1
    # Bob reports for world.unit: the committee above him is BELOW for him, the deep unit his OWN.
    assert relations(world.bob, world.committee) == {Role.REPORTER: {Relation.BELOW}}
    assert relations(world.bob, parent) == {Role.REPORTER: {Relation.OWN}}


def test_readable_plans_in_the_database_agree_with_the_table(world):
    other = unit(world, "Annan", None)
    plans = [world.plan, Plan.objects.create(unit=world.unit, year=2020, status=PlanStatus.DRAFT),
             Plan.objects.create(unit=world.committee, year=2021, status=PlanStatus.DRAFT),
             Plan.objects.create(unit=other, year=2020, status=PlanStatus.DRAFT)]
    Membership.objects.create(user=world.dave, unit=other, role=Role.READER)
    for municipality_publishes in (True, False):
        world.municipality.publish_without_login = municipality_publishes
        world.municipality.save()
        for user in (AnonymousUser(), world.alice, world.bob, world.charlie, world.dave):
            expected = {plan.pk for plan in Plan.objects.filter(pk__in=[p.pk for p in plans])
                        .select_related("unit__municipality") if can_read_plan(user, plan)}
            assert set(readable_plans_query(user).filter(pk__in=[p.pk for p in plans])
                       .values_list("pk", flat=True)) == expected, (user, municipality_publishes)
