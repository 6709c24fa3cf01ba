from django.contrib import admin

from styr.history.models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    """The audit trail is read-only: no one edits or deletes history."""

    list_display = ["at", "user", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "user__username"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in Change._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
