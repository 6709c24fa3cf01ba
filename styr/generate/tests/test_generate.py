import io

import pytest
from django.core.management import CommandError, call_command

from styr.followup.models import (
    CommitmentReport,
    GoalAssessment,
    MeasureOutcome,
    OutcomeBreakdown,
    PeriodProgress,
    ProgressState,
)
from styr.generate.builder import PASSWORD, generate_municipality
from styr.generate.shape import SIZES
from styr.organisation.models import Membership, Municipality, OrganisationUnit, Role, UnitKind
from styr.plans.models import Goal, Measure

pytestmark = pytest.mark.django_db


def fingerprint(municipality: Municipality) -> list:
    """What a municipality consists of, without its database ids."""
    units = OrganisationUnit.objects.filter(municipality=municipality)
    return [
        list(units.order_by("slug").values_list("slug", "kind", "name", "parent__slug")),
        list(Goal.objects.filter(plan__unit__municipality=municipality)
             .order_by("plan__unit__slug", "slug").values_list("plan__unit__slug", "slug", "name", "parent__slug")),
        list(Measure.objects.filter(unit__municipality=municipality)
             .order_by("unit__slug", "slug").values_list("unit__slug", "slug", "name", "kind", "period_type")),
        list(MeasureOutcome.objects.filter(measure__unit__municipality=municipality)
             .order_by("measure__unit__slug", "measure__slug", "year", "month")
             .values_list("measure__slug", "year", "month", "total", "women", "men", "rank")),
        list(PeriodProgress.objects.filter(plan__unit__municipality=municipality)
             .order_by("plan__unit__slug", "period__as_of").values_list("plan__unit__slug", "period__slug", "state")),
    ]


def test_one_seed_gives_one_municipality_and_another_seed_another():
    first = generate_municipality(size=SIZES["small"], seed=7, slug="forsta", kolada_id="0001").municipality
    again = generate_municipality(size=SIZES["small"], seed=7, slug="andra", kolada_id="0002").municipality
    other = generate_municipality(size=SIZES["small"], seed=8, slug="tredje", kolada_id="0003").municipality
    assert fingerprint(first) == fingerprint(again)
    assert fingerprint(first) != fingerprint(other)


def test_the_municipality_has_the_shape_of_a_real_one():
    world = generate_municipality(size=SIZES["small"], seed=1)
    municipality = world.municipality
    units = OrganisationUnit.objects.filter(municipality=municipality)
    assert units.filter(kind=UnitKind.COMMITTEE, parent=None).count() == SIZES["small"].committees
    assert set(units.values_list("kind", flat=True)) == set(UnitKind.values)
    # Every goal of a unit below a committee serves a goal of its own committee's plan of the same year.
    for goal in Goal.objects.filter(plan__unit__municipality=municipality).exclude(plan__unit__kind=UnitKind.COMMITTEE):
        assert goal.parent.plan.unit == goal.plan.unit.committee()
        assert goal.parent.council_goal_id == goal.council_goal_id
    assert not Goal.objects.filter(plan__unit__kind=UnitKind.COMMITTEE, parent__isnull=False).exists()
    # Ten years of outcomes per measure, some broken down by age group.
    measure = Measure.objects.filter(unit__municipality=municipality).first()
    assert measure.outcomes.filter(month=12).count() == 10
    assert OutcomeBreakdown.objects.filter(outcome__measure__unit__municipality=municipality).exists()
    # Deadline day of delårsrapport 2: the first follow-up decided and reported, the second under way.
    d1, d2 = world.periods["d1"], world.periods["d2"]
    assert set(PeriodProgress.objects.filter(period=d1).values_list("state", flat=True)) == {
        ProgressState.DECIDED, ProgressState.APPROVED}
    assert PeriodProgress.objects.filter(period=d2).count() == units.count()
    assert GoalAssessment.objects.filter(period=d1).count() == Goal.objects.filter(
        plan__unit__municipality=municipality).count()
    assert CommitmentReport.objects.filter(period=d2).exists()
    # Everyone below a committee has a manager who reports; every committee a controller and a reader.
    for unit in units:
        roles = set(Membership.objects.filter(unit=unit).values_list("role", flat=True))
        expected = {Role.CONTROLLER, Role.READER} if unit.kind == UnitKind.COMMITTEE else {Role.REPORTER}
        assert roles == expected


def test_the_command_generates_into_the_database_and_refuses_a_second_of_the_same_name(client):
    output = io.StringIO()
    call_command("generate", "--size", "small", "--seed", "3", stdout=output)
    assert "Generated Storstad kommun (small, seed 3, 2026)" in output.getvalue()
    manager = Membership.objects.filter(role=Role.REPORTER).select_related("user").first().user
    assert client.login(username=manager.username, password=PASSWORD)
    with pytest.raises(CommandError, match="exists already"):
        call_command("generate", "--size", "small", stdout=io.StringIO())


def test_its_controllers_keep_the_back_office_as_the_demos_do():
    generate_municipality(size=SIZES["small"], seed=1)
    controller = Membership.objects.filter(role=Role.CONTROLLER).select_related("user").first().user
    assert controller.is_staff
    assert controller.has_perm("plans.change_goal")
    assert controller.has_perm("documents.change_coverlogo")  # the cover logo of the municipality's documents
