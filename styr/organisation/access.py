"""Answers to "may this user …?" for pages and services, all taken from the table in `permissions`."""

from django.contrib.auth.models import AnonymousUser, User

from styr.organisation.models import Municipality, OrganisationUnit, Role
from styr.organisation.permissions import Action, Relation, State, Subject, allowed, relations


def can(user: User | AnonymousUser, action: Action, subject: Subject, unit: OrganisationUnit, state: State) -> bool:
    return allowed(user, subject=subject, action=action, unit=unit, state=state)


def can_edit_followup(user: User | AnonymousUser, unit: OrganisationUnit, state: State = State.OPEN) -> bool:
    """Whether the user may fill in anything of the unit's follow-up in this state."""
    return any(
        allowed(user, subject=subject, action=action, unit=unit, state=state)
        for subject, action in ((Subject.FOLLOWUP, Action.EDIT), (Subject.ASSESSMENT, Action.EDIT),
                                (Subject.FOLLOWUP, Action.AMEND))
    )



def may_grant(user: User | AnonymousUser, *, unit: OrganisationUnit, role: str) -> bool:
    """Whether the user may give (or take away) `role` at `unit`: never a role above their own there."""
    if user.is_authenticated and user.is_superuser:
        return True
    ranks = list(Role)
    own = [ranks.index(Role(held)) for held, found in relations(user, unit).items() if Relation.OWN in found]
    return bool(own) and ranks.index(Role(role)) <= max(own)


def keeps_municipality(user: User | AnonymousUser, municipality: Municipality) -> bool:
    """Whether the user keeps the municipality's configuration: a superuser, or one who keeps a top-level unit."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    tops = OrganisationUnit.objects.filter(municipality=municipality, parent=None, memberships__user=user).distinct()
    return any(allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=top, state=State.ANY) for top in tops)


def kept_municipalities(user: User | AnonymousUser) -> list[Municipality]:
    """The municipalities whose configuration the user keeps (every one for a superuser)."""
    if not user.is_authenticated:
        return []
    candidates = Municipality.objects.all() if user.is_superuser else Municipality.objects.filter(
        units__parent=None, units__memberships__user=user).distinct()
    return [municipality for municipality in candidates if keeps_municipality(user, municipality)]


def may_create_municipality(user: User | AnonymousUser) -> bool:
    """A superuser, or a controller who keeps a municipality, may set up another one."""
    return bool(user.is_authenticated and (user.is_superuser or kept_municipalities(user)))
