from django.contrib import admin

from styr.core.admin_site import AuditedAdmin, UnitScopedAdmin

from styr.organisation.models import ComparisonMunicipality, Membership, Municipality, OrganisationUnit, Term


class ComparisonMunicipalityInline(admin.TabularInline):
    model = ComparisonMunicipality
    extra = 0


class TermInline(admin.TabularInline):
    model = Term
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["name", "kolada_id", "publish_without_login"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [ComparisonMunicipalityInline, TermInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(UnitScopedAdmin):
    unit_path = "pk"
    list_display = ["name", "kind", "parent", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(UnitScopedAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role", "unit__municipality"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
