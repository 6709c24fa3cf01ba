from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "styr.core"
    label = "core"


class StyrAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Styr's site: entry follows the permission table."""

    default = False  # only used where INSTALLED_APPS names it
    default_site = "styr.core.admin_site.StyrAdminSite"
