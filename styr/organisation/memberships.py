"""Who holds which role where: granting, changing and revoking roles, and inviting people by e-mail.

Every write is checked inside its transaction against the acting user's scope, with the objects
read again there (never as posted): the actor keeps the structure of the unit (the permission
table's STRUCTURE/EDIT), gives no role above their own at it and never changes their own roles.
Every write is recorded in the history.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.db import models, transaction
from django.utils.translation import gettext as _

from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_change, record_deletion, snapshot
from styr.organisation.access import may_grant
from styr.organisation.models import Membership, OrganisationUnit, Role
from styr.organisation.permissions import Action, State, Subject, allowed

MEMBERSHIP_FIELDS = ["user", "unit", "role"]
USER_FIELDS = ["username", "email", "first_name", "last_name", "is_active"]


class MembershipRefused(Exception):
    """The actor may not make this change; the message says why, for the page."""


@dataclass(frozen=True)
class Invitation:
    membership: Membership
    user_created: bool  # a new account, which still needs a password (or a first sign-in by SSO)


def managed_unit_ids(actor) -> set[int]:
    """The units whose people the actor manages: those below every unit where they keep the structure."""
    if not actor.is_authenticated:
        return set()
    if actor.is_superuser:
        return set(OrganisationUnit.objects.values_list("pk", flat=True))
    found: set[int] = set()
    for membership in Membership.objects.filter(user=actor).select_related("unit"):
        if membership.unit_id not in found and _keeps(actor, membership.unit):
            found |= membership.unit.subtree_ids()
    return found


def people_in_scope(actor) -> models.QuerySet:
    """The people the actor may give a role: those without a role anywhere yet (e.g. signed in by SSO
    for the first time) and the people of the actor's municipalities."""
    users = get_user_model().objects.filter(is_active=True)
    if actor.is_superuser:
        return users
    municipalities = OrganisationUnit.objects.filter(pk__in=managed_unit_ids(actor)).values("municipality_id")
    return users.filter(
        models.Q(memberships__isnull=True) | models.Q(memberships__unit__municipality__in=municipalities)
    ).distinct()


def grantable_roles(actor, unit: OrganisationUnit) -> list[Role]:
    """The roles the actor may give at the unit, lowest first."""
    if not _keeps(actor, unit):
        return []
    return [role for role in Role if may_grant(actor, unit=unit, role=role)]


def _keeps(actor: User | AnonymousUser, unit: OrganisationUnit) -> bool:
    return allowed(actor, subject=Subject.STRUCTURE, action=Action.EDIT, unit=unit, state=State.ANY)


def _check(actor, *, unit: OrganisationUnit, member, role: str) -> None:
    """Refuses unless the actor keeps the unit, may give the role there, and `member` (None: a new account)
    is someone else."""
    if not _keeps(actor, unit):
        raise MembershipRefused(_("You do not keep the people of %(unit)s.") % {"unit": unit})
    if member is not None and member.pk == actor.pk and not actor.is_superuser:
        raise MembershipRefused(
            _("You cannot give yourself a role or change your own membership; ask another controller."))
    if role not in Role.values:
        raise MembershipRefused(_("There is no such role."))
    if not may_grant(actor, unit=unit, role=role):
        raise MembershipRefused(_("You cannot give a role above your own at %(unit)s.") % {"unit": unit})


def _unit_for_update(unit_id: int) -> OrganisationUnit:
    unit = OrganisationUnit.objects.select_for_update().filter(pk=unit_id).first()
    if unit is None:
        raise MembershipRefused(_("The unit no longer exists."))
    return unit


def _create(actor, *, unit: OrganisationUnit, member, role: str, event: ChangeEvent) -> Membership:
    _check(actor, unit=unit, member=member, role=role)
    if Membership.objects.filter(user=member, unit=unit, role=role).exists():
        raise MembershipRefused(_("%(person)s already has that role at %(unit)s.") % {"person": _name(member), "unit": unit})
    membership = Membership.objects.create(user=member, unit=unit, role=role)
    record_change(user=actor, instance=membership, before={}, after=snapshot(membership, MEMBERSHIP_FIELDS),
                  event=event, source=ChangeSource.PAGE)
    return membership


def grant(*, actor, unit_id: int, user_id: int, role: str) -> Membership:
    """Give a person in the actor's scope a role at a unit the actor keeps."""
    with transaction.atomic():
        unit = _unit_for_update(unit_id)
        member = people_in_scope(actor).filter(pk=user_id).first()
        if member is None:
            raise MembershipRefused(_("That person cannot be given a role here."))
        return _create(actor, unit=unit, member=member, role=role, event=ChangeEvent.CREATED)


def _membership_for_update(actor, *, unit_id: int, membership_id: int) -> Membership:
    """The membership at the unit, locked, if the actor manages the unit's people."""
    membership = (Membership.objects.select_for_update().select_related("unit", "user")
                  .filter(pk=membership_id, unit_id=unit_id, unit_id__in=managed_unit_ids(actor)).first())
    if membership is None:
        raise MembershipRefused(_("The role no longer exists, or is not yours to change."))
    return membership


def change(*, actor, unit_id: int, membership_id: int, role: str) -> Membership:
    """Give a membership at the unit another role; both the old and the new role must be within the actor's own."""
    with transaction.atomic():
        membership = _membership_for_update(actor, unit_id=unit_id, membership_id=membership_id)
        _check(actor, unit=membership.unit, member=membership.user, role=membership.role)
        _check(actor, unit=membership.unit, member=membership.user, role=role)
        if role == membership.role:
            return membership
        if Membership.objects.filter(user=membership.user, unit=membership.unit, role=role).exists():
            raise MembershipRefused(_("%(person)s already has that role at %(unit)s.")
                                    % {"person": _name(membership.user), "unit": membership.unit})
        before = snapshot(membership, MEMBERSHIP_FIELDS)
        membership.role = role
        membership.save(update_fields=["role"])
        record_change(user=actor, instance=membership, before=before, after=snapshot(membership, MEMBERSHIP_FIELDS),
                      source=ChangeSource.PAGE)
        return membership


def revoke(*, actor, unit_id: int, membership_id: int) -> Membership:
    """Take a role at the unit away; returns the membership as it was."""
    with transaction.atomic():
        membership = _membership_for_update(actor, unit_id=unit_id, membership_id=membership_id)
        _check(actor, unit=membership.unit, member=membership.user, role=membership.role)
        record_deletion(user=actor, instance=membership, source=ChangeSource.PAGE)
        membership.delete()
        return membership


def invite(*, actor, unit_id: int, email: str, first_name: str, last_name: str, role: str) -> Invitation:
    """Give the person with this e-mail address a role at the unit, creating their account if there is none.

    An existing account is found by its e-mail address or its username (SSO users are named by
    their e-mail or UPN); it must be in the actor's scope. A new account has the e-mail address as
    username and no usable password: the person sets one from the invitation, or signs in by SSO.
    """
    email = get_user_model().objects.normalize_email(email.strip())
    with transaction.atomic():
        unit = _unit_for_update(unit_id)
        users = get_user_model().objects.filter(models.Q(email__iexact=email) | models.Q(username__iexact=email))
        found = list(users.order_by("pk")[:2])
        if len(found) > 1:
            raise MembershipRefused(_("More than one account has the address %(email)s; give the role by choosing "
                                      "the person instead.") % {"email": email})
        member = found[0] if found else None
        created = member is None
        if member is None:
            _check(actor, unit=unit, member=None, role=role)  # before the account is made
            member = get_user_model()(username=email, email=email, first_name=first_name.strip(),
                                      last_name=last_name.strip())
            member.set_unusable_password()
            member.save()
            record_change(user=actor, instance=member, before={}, after=snapshot(member, USER_FIELDS),
                          source=ChangeSource.PAGE)
        elif not member.is_active or not people_in_scope(actor).filter(pk=member.pk).exists():
            raise MembershipRefused(_("The account with the address %(email)s cannot be given a role here.")
                                    % {"email": email})
        return Invitation(_create(actor, unit=unit, member=member, role=role, event=ChangeEvent.CREATED), created)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class Holder:
    """A role that applies at a unit: held there, or inherited from the unit above that holds it."""

    membership: Membership
    inherited: bool


def holders(unit: OrganisationUnit) -> list[Holder]:
    """Who has access at the unit: the roles held here, then those held above it (nearest first)."""
    chain = [unit, *reversed(unit.ancestors())]
    depth = {node.pk: index for index, node in enumerate(chain)}
    memberships = Membership.objects.filter(unit__in=chain).select_related("user", "unit")
    rows = sorted(memberships, key=lambda m: (depth[m.unit_id], _name(m.user).casefold(), Role.values.index(m.role)))
    return [Holder(membership, membership.unit_id != unit.pk) for membership in rows]


CONTROLLER_ADMIN_APPS = ("organisation", "plans", "followup", "documents")


def controller_group() -> Group:
    """The back office's group of controllers: they keep the structure (units, goals, measures, periods, scales)
    and the cover logo in the admin. The same for the demo and a generated municipality."""
    group, _ = Group.objects.get_or_create(name="Controller")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=CONTROLLER_ADMIN_APPS))
    return group
