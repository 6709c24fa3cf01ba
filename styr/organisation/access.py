"""Who may read and edit what, by organisational unit and role.

A role held at a unit applies to that unit and every unit below it.
"""

from django.contrib.auth.models import AnonymousUser, User

from styr.organisation.models import Membership, OrganisationUnit, Role
from styr.plans.models import Plan

EDIT_FOLLOWUP_ROLES = {Role.REPORTER, Role.CONTROLLER, Role.ADMINISTRATOR}


def roles_at(user: User | AnonymousUser, unit: OrganisationUnit) -> set[str]:
    """The roles the user holds at the unit or any unit above it."""
    if not user.is_authenticated:
        return set()
    unit_ids = [unit.pk, *(ancestor.pk for ancestor in unit.ancestors())]
    return set(Membership.objects.filter(user=user, unit_id__in=unit_ids).values_list("role", flat=True))


def can_read_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    """Published plans are public where the municipality publishes without login; all else needs a role."""
    if plan.is_published and plan.unit.municipality.publish_without_login:
        return True
    if user.is_authenticated and user.is_superuser:
        return True
    return bool(roles_at(user, plan.unit))


def can_edit_followup(user: User | AnonymousUser, unit: OrganisationUnit) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return bool(roles_at(user, unit) & EDIT_FOLLOWUP_ROLES)
