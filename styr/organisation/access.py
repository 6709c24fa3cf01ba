"""Answers to "may this user …?" for pages and services, all taken from the table in `permissions`."""

from django.contrib.auth.models import AnonymousUser, User

from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Action, State, Subject, allowed


def can(user: User | AnonymousUser, action: Action, subject: Subject, unit: OrganisationUnit, state: State) -> bool:
    return allowed(user, subject=subject, action=action, unit=unit, state=state)


def can_edit_followup(user: User | AnonymousUser, unit: OrganisationUnit, state: State = State.OPEN) -> bool:
    """Whether the user may fill in anything of the unit's follow-up in this state."""
    return any(
        allowed(user, subject=subject, action=action, unit=unit, state=state)
        for subject, action in ((Subject.FOLLOWUP, Action.EDIT), (Subject.ASSESSMENT, Action.EDIT),
                                (Subject.FOLLOWUP, Action.AMEND))
    )

