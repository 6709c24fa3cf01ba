import datetime

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from styr.accounts.models import ExternalIdentity, SignInEvent


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    """The sign-in log, read-only: rows are evidence and are never edited or removed here."""

    list_display = ["at_utc", "kind", "method", "username", "ip_address", "path"]
    list_filter = ["kind", "method", "at"]
    search_fields = ["username", "ip_address", "path", "reason"]
    date_hierarchy = "at"
    readonly_fields = ("at_utc", "kind", "method", "user", "username", "ip_address", "user_agent", "path", "reason")
    fields = readonly_fields

    @admin.display(description=_("time (UTC)"), ordering="at")
    def at_utc(self, event: SignInEvent) -> str:
        return event.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ["user", "protocol", "subject", "issuer", "last_login_at"]
    list_filter = ["protocol"]
    search_fields = ["user__username", "subject", "issuer"]
    readonly_fields = ["protocol", "issuer", "subject", "groups", "created_at", "last_login_at"]
    raw_id_fields = ["user"]
