"""Shared test fixtures: a small municipality and a named cast of users (kept out of the wheel).

The cast: Alice is the committee's controller, Bob manages a unit and reports for it,
Charlie is a politician who reads, and Dave belongs nowhere.
"""

import datetime

from django.contrib.auth.models import User
from django.test import TestCase

from styr.followup.models import FollowUpPeriod, PeriodKind
from styr.followup.presets import install_presets
from styr.organisation.models import Membership, Municipality, OrganisationUnit, Role, UnitKind
from styr.plans.models import (
    CouncilGoal,
    CouncilGoalChoice,
    CouncilGoalGroup,
    Direction,
    Goal,
    GoalMeasure,
    Measure,
    Plan,
    PlanStatus,
    UnitOfMeasure,
)

PASSWORD = "correct horse battery staple"


def make_user(username: str, first_name: str) -> User:
    return User.objects.create_user(username, f"{username}@example.org", PASSWORD, first_name=first_name)


class Members:
    """Who and what the shared world holds, as `Cast.build` sets them."""

    municipality: Municipality
    committee: OrganisationUnit
    unit: OrganisationUnit
    council_goal: CouncilGoal
    plan: Plan
    choice: CouncilGoalChoice
    goal: Goal
    measure: Measure
    period: FollowUpPeriod
    alice: User
    bob: User
    charlie: User
    dave: User


class Cast:
    """Builds the shared test world; usable from TestCase.setUpTestData and from pytest fixtures."""

    @classmethod
    def build(cls, target) -> None:
        target.municipality = Municipality.objects.create(
            name="Testby kommun", short_name="Testby", slug="testby", kolada_id="0127",
            publish_without_login=True,
        )
        install_presets(target.municipality)
        target.committee = OrganisationUnit.objects.create(
            municipality=target.municipality, kind=UnitKind.COMMITTEE, name="Socialnämnden", slug="socialnamnden",
        )
        target.unit = OrganisationUnit.objects.create(
            municipality=target.municipality, parent=target.committee, kind=UnitKind.UNIT,
            name="Barnenheten", slug="barnenheten",
        )
        target.council_goal = CouncilGoal.objects.create(
            municipality=target.municipality, key="god-omsorg", name="God omsorg för individen",
            group=CouncilGoalGroup.objects.create(municipality=target.municipality, name="Övergripande mål", order=1),
            order=1,
        )
        target.plan = Plan.objects.create(unit=target.committee, year=2020, status=PlanStatus.PUBLISHED)
        target.choice = CouncilGoalChoice.objects.create(plan=target.plan, council_goal=target.council_goal)
        target.goal = Goal.objects.create(
            plan=target.plan, council_goal=target.council_goal, slug="fler-upplever-god-vard",
            name="Fler upplever god vård och omsorg", order=1,
        )
        target.measure = Measure.objects.create(
            unit=target.committee, slug="utredningstid", name="Utredningstid barn & unga, antal dagar",
            unit_of_measure=UnitOfMeasure.DAYS, direction=Direction.LOWER, source="Kolada U33401",
            kolada_kpi="U33401",
        )
        GoalMeasure.objects.create(goal=target.goal, measure=target.measure)
        target.period = FollowUpPeriod.objects.create(
            municipality=target.municipality, year=2020, kind=PeriodKind.ANNUAL_REPORT, slug="vb",
            name="Verksamhetsberättelse", as_of=datetime.date(2020, 12, 31),
        )
        target.alice = make_user("alice", "Alice")
        target.bob = make_user("bob", "Bob")
        target.charlie = make_user("charlie", "Charlie")
        target.dave = make_user("dave", "Dave")
        Membership.objects.create(user=target.alice, unit=target.committee, role=Role.CONTROLLER)
        Membership.objects.create(user=target.bob, unit=target.unit, role=Role.REPORTER)
        Membership.objects.create(user=target.charlie, unit=target.committee, role=Role.READER)


class World(Members):
    """The shared test world as a plain object, for pytest-style tests (see the `world` fixture)."""

    @classmethod
    def build(cls) -> "World":
        world = cls()
        Cast.build(world)
        return world


class BaseTestCase(Members, TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        Cast.build(cls)

    def login(self, user: User) -> None:
        self.client.force_login(user)
