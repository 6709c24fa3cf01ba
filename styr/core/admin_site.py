"""The admin site, entered by the roles the permission table lets keep the structure."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from styr.organisation.models import Membership
from styr.organisation.permissions import Action, Subject, State, allowed


class StyrAdminSite(admin.AdminSite):
    site_header = _("Styr – administration")
    site_title = _("Styr")
    index_title = _("Structure, scales and periods")

    def has_permission(self, request) -> bool:
        user = request.user
        if not user.is_active or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        units = {membership.unit for membership in Membership.objects.filter(user=user).select_related("unit")}
        return any(
            allowed(user, subject=Subject.STRUCTURE, action=Action.VIEW, unit=unit, state=State.ANY) for unit in units
        )
