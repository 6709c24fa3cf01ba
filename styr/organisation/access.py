"""Answers to "may this user …?" for pages and services, all taken from the table in `permissions`."""

from django.contrib.auth.models import AnonymousUser, User

from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Action, State, Subject, allowed
from styr.plans.models import Plan


def plan_state(plan: Plan) -> State:
    return State.PUBLISHED if plan.is_published else State.DRAFT


def can_read_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    """Published plans are public where the municipality publishes without login; all else needs a role."""
    return allowed(
        user, subject=Subject.PLAN, action=Action.VIEW, unit=plan.unit, state=plan_state(plan),
        published_without_login=plan.is_published and plan.unit.municipality.publish_without_login,
    )


def can(user: User | AnonymousUser, action: Action, subject: Subject, unit: OrganisationUnit, state: State) -> bool:
    return allowed(user, subject=subject, action=action, unit=unit, state=state)


def can_edit_followup(user: User | AnonymousUser, unit: OrganisationUnit, state: State = State.OPEN) -> bool:
    """Whether the user may fill in anything of the unit's follow-up in this state."""
    return any(
        allowed(user, subject=subject, action=action, unit=unit, state=state)
        for subject, action in ((Subject.FOLLOWUP, Action.EDIT), (Subject.ASSESSMENT, Action.EDIT),
                                (Subject.FOLLOWUP, Action.AMEND))
    )

