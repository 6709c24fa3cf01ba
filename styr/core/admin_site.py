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


def structure_unit_ids(user) -> set[int] | None:
    """Units whose structure the user may keep (None: all, for superusers)."""
    if user.is_superuser:
        return None
    ids: set[int] = set()
    for membership in Membership.objects.filter(user=user).select_related("unit"):
        if allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=membership.unit, state=State.ANY):
            ids |= membership.unit.subtree_ids()
    return ids


class UnitScopedAdmin(admin.ModelAdmin):
    """A model admin that shows and changes only objects of the units the user keeps the structure of.

    `unit_path` is the lookup from the model to its organisational unit, e.g. "plan__unit".
    """

    unit_path = "unit"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = structure_unit_ids(request.user)
        return queryset if ids is None else queryset.filter(**{f"{self.unit_path}__in": ids})

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def _in_scope(self, request, obj) -> bool:
        if obj is None:
            return True
        ids = structure_unit_ids(request.user)
        return ids is None or self.get_queryset(request).filter(pk=obj.pk).exists()
