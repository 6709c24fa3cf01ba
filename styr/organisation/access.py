"""Answers to "may this user …?" for pages and services, all taken from the table in `permissions`."""

from django.contrib.auth.models import AnonymousUser, User

from styr.organisation.models import OrganisationUnit, Role
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
