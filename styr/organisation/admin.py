from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext as _

from styr.history.audited_admin import AdminForm, LockedForm
from styr.history.models import ChangeSource
from styr.organisation.access import may_grant
from styr.organisation.admin_site import ScopedAdmin, ScopedTabularInline
from styr.organisation.configuration import keep_in_scope
from styr.organisation.models import ComparisonMunicipality, Membership, Municipality, OrganisationUnit, Term


class ComparisonMunicipalityInline(ScopedTabularInline):
    model = ComparisonMunicipality


class TermInline(ScopedTabularInline):
    model = Term


@admin.register(Municipality)
class MunicipalityAdmin(ScopedAdmin):
    list_display = ["name", "kolada_id", "publish_without_login"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [ComparisonMunicipalityInline, TermInline]

    def has_add_permission(self, request):
        return request.user.is_superuser  # a controller keeps their own municipality, not new ones

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class MembershipRules(AdminForm):
    """Nobody gives a role above their own at the unit, or changes their own membership."""

    def refusal(self, user) -> str | None:
        if user.is_superuser:
            return None
        member, role = self.cleaned_data.get("user"), self.cleaned_data.get("role")
        unit = self.cleaned_data.get("unit") or (self.instance.unit if self.instance.unit_id else None)
        if user in (member, self.instance.user if self.instance.user_id else None):
            return _("You cannot give yourself a role or change your own membership; ask another controller.")
        if unit is not None and role and not may_grant(user, unit=unit, role=role):
            return _("You cannot give a role above your own at %(unit)s.") % {"unit": unit}
        return self.deletion_refusal(user) if self.instance.pk else None

    def deletion_refusal(self, user) -> str | None:
        if user.is_superuser:
            return None
        if self.instance.user_id == user.pk:
            return _("You cannot give yourself a role or change your own membership; ask another controller.")
        if not may_grant(user, unit=self.instance.unit, role=self.instance.role):
            return _("You cannot change a role above your own at %(unit)s.") % {"unit": self.instance.unit}
        return None


class MembershipForm(MembershipRules, LockedForm):
    pass


# People are chosen from a plain list: the people of the user's municipalities and those without a
# role yet. (An autocomplete would search all users, through the superusers' user admin.)


class MembershipInline(ScopedTabularInline):
    model = Membership
    form = MembershipRules


class OrganisationUnitForm(LockedForm):
    def refusal(self, user) -> str | None:
        became_top = self.cleaned_data.get("parent") is None and (not self.instance.pk or self.instance.parent_id)
        if became_top and not user.is_superuser:
            return _("Choose the unit it belongs under; only a superuser places a unit at the top of the tree.")
        return None


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(ScopedAdmin):
    form = OrganisationUnitForm
    list_display = ["name", "kind", "parent", "municipality"]
    list_select_related = ["parent", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change:  # the unit stays in the scope of whoever created it
                keep_in_scope(user=request.user, unit=obj, source=ChangeSource.ADMIN)


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    form = MembershipForm
    list_display = ["user", "role", "unit"]
    list_select_related = ["user", "unit"]
    list_filter = ["role", "unit__municipality"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["unit"]
