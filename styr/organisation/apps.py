from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class OrganisationConfig(AppConfig):
    name = "styr.organisation"
    label = "organisation"


class StyrAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Styr's site: entry follows the permission table, every object its unit's scope."""

    default = False  # only used where INSTALLED_APPS names it
    default_site = "styr.organisation.admin_site.StyrAdminSite"
