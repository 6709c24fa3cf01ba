"""Granting, changing, revoking and inviting through the services: scope, ranks and history."""

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from styr.history.models import Change, ChangeAction
from styr.organisation import memberships
from styr.organisation.memberships import MembershipRefused
from styr.organisation.models import Membership, Municipality, OrganisationUnit, Role, UnitKind
from styr.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The refusals are matched by their msgids."""
    with translation.override("en"):
        yield


def changes_of(instance) -> list[Change]:
    return list(Change.objects.filter(object_id=str(instance.pk), content_type__model=instance._meta.model_name)
                .order_by("pk"))


@pytest.fixture
def elsewhere(world):
    """Another municipality with its own controller Eve and a person Frida there."""
    municipality = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby",
                                               kolada_id="0128")
    committee = OrganisationUnit.objects.create(municipality=municipality, kind=UnitKind.COMMITTEE,
                                                name="Omsorgsnämnden", slug="omsorgsnamnden")
    eve, frida = make_user("eve", "Eve"), make_user("frida", "Frida")
    Membership.objects.create(user=eve, unit=committee, role=Role.CONTROLLER)
    Membership.objects.create(user=frida, unit=committee, role=Role.READER)
    return committee, eve, frida


def test_a_controller_grants_a_role_below_them_and_it_is_recorded(world):
    membership = memberships.grant(actor=world.alice, unit_id=world.unit.pk, user_id=world.dave.pk, role=Role.REPORTER)
    assert (membership.user, membership.unit, membership.role) == (world.dave, world.unit, Role.REPORTER)
    [change] = changes_of(membership)
    assert (change.user, change.action, change.after["role"]) == (world.alice, ChangeAction.CREATE, "reporter")


def test_nobody_grants_above_their_own_role_or_to_themselves_or_without_keeping_the_unit(world):
    with pytest.raises(MembershipRefused, match="above your own"):
        memberships.grant(actor=world.alice, unit_id=world.unit.pk, user_id=world.dave.pk, role=Role.ADMINISTRATOR)
    with pytest.raises(MembershipRefused, match="yourself"):
        memberships.grant(actor=world.alice, unit_id=world.unit.pk, user_id=world.alice.pk, role=Role.READER)
    with pytest.raises(MembershipRefused, match="do not keep"):
        memberships.grant(actor=world.bob, unit_id=world.unit.pk, user_id=world.dave.pk, role=Role.READER)
    with pytest.raises(MembershipRefused, match="already has"):
        memberships.grant(actor=world.alice, unit_id=world.unit.pk, user_id=world.bob.pk, role=Role.REPORTER)
    assert not Membership.objects.filter(user=world.dave).exists()


def test_posted_ids_outside_the_controllers_scope_are_refused(world, elsewhere):
    committee, eve, frida = elsewhere
    with pytest.raises(MembershipRefused, match="do not keep"):  # a unit of another municipality
        memberships.grant(actor=eve, unit_id=world.unit.pk, user_id=world.dave.pk, role=Role.READER)
    with pytest.raises(MembershipRefused, match="cannot be given a role here"):  # a person of another municipality
        memberships.grant(actor=world.alice, unit_id=world.unit.pk, user_id=frida.pk, role=Role.READER)
    frida_role = frida.memberships.get()
    with pytest.raises(MembershipRefused, match="no longer exists"):
        memberships.revoke(actor=world.alice, unit_id=committee.pk, membership_id=frida_role.pk)
    bobs = world.bob.memberships.get()
    with pytest.raises(MembershipRefused, match="no longer exists"):  # bob's role is not at the committee
        memberships.change(actor=world.alice, unit_id=world.committee.pk, membership_id=bobs.pk, role=Role.READER)
    assert frida.memberships.exists() and world.bob.memberships.get().role == Role.REPORTER


def test_people_in_scope_are_those_of_the_municipality_and_those_without_a_role(world, elsewhere):
    _committee, _eve, frida = elsewhere
    assert set(memberships.people_in_scope(world.alice)) == {world.alice, world.bob, world.charlie, world.dave}
    assert frida not in memberships.people_in_scope(world.alice)
    assert set(memberships.people_in_scope(world.bob)) == {world.dave}  # keeps no unit: only the roleless


def test_a_unit_created_under_the_controllers_committee_is_theirs_at_once(world):
    created = OrganisationUnit.objects.create(municipality=world.municipality, parent=world.committee,
                                              kind=UnitKind.ADMINISTRATION, name="Ny förvaltning", slug="ny")
    assert created.pk in memberships.managed_unit_ids(world.alice)
    membership = memberships.grant(actor=world.alice, unit_id=created.pk, user_id=world.dave.pk, role=Role.CONTROLLER)
    assert membership.unit == created


def test_change_and_revoke_are_recorded_with_before_and_after(world):
    bobs = world.bob.memberships.get()
    memberships.change(actor=world.alice, unit_id=world.unit.pk, membership_id=bobs.pk, role=Role.READER)
    bobs.refresh_from_db()
    assert bobs.role == Role.READER
    memberships.revoke(actor=world.alice, unit_id=world.unit.pk, membership_id=bobs.pk)
    assert not Membership.objects.filter(pk=bobs.pk).exists()
    changed, deleted = changes_of(bobs)
    assert (changed.before, changed.after) == ({"role": "reporter"}, {"role": "reader"})
    assert (deleted.action, deleted.before["user"], deleted.user) == (ChangeAction.DELETE, world.bob.pk, world.alice)


def test_a_controller_cannot_change_or_revoke_their_own_role_or_a_higher_one(world):
    alices = world.alice.memberships.get()
    with pytest.raises(MembershipRefused, match="yourself"):
        memberships.revoke(actor=world.alice, unit_id=world.committee.pk, membership_id=alices.pk)
    ada = make_user("ada", "Ada")
    adas = Membership.objects.create(user=ada, unit=world.committee, role=Role.ADMINISTRATOR)
    with pytest.raises(MembershipRefused, match="above your own"):
        memberships.change(actor=world.alice, unit_id=world.committee.pk, membership_id=adas.pk, role=Role.READER)
    assert Membership.objects.filter(pk__in=[alices.pk, adas.pk]).count() == 2


def test_inviting_creates_an_account_without_a_password_or_finds_the_existing_one(world):
    invitation = memberships.invite(actor=world.alice, unit_id=world.unit.pk, email="Greta@Example.org",
                                    first_name="Greta", last_name="Gran", role=Role.REPORTER)
    greta = invitation.membership.user
    assert invitation.user_created and (greta.username, greta.email) == ("Greta@example.org", "Greta@example.org")
    assert not greta.has_usable_password()
    assert changes_of(greta)[0].user == world.alice
    again = memberships.invite(actor=world.alice, unit_id=world.committee.pk, email="DAVE@example.org",
                               first_name="", last_name="", role=Role.READER)
    assert (again.user_created, again.membership.user) == (False, world.dave)
    assert User.objects.count() == 5


def test_an_invitation_above_the_controllers_role_creates_no_account(world):
    with pytest.raises(MembershipRefused, match="above your own"):
        memberships.invite(actor=world.alice, unit_id=world.unit.pk, email="h@example.org", first_name="",
                           last_name="", role=Role.ADMINISTRATOR)
    assert not User.objects.filter(email="h@example.org").exists()


def test_who_has_access_lists_the_roles_held_here_then_those_inherited_from_above(world):
    rows = memberships.holders(world.unit)
    assert [(row.membership.user.username, row.membership.role, row.inherited) for row in rows] == [
        ("bob", "reporter", False), ("alice", "controller", True), ("charlie", "reader", True)]
