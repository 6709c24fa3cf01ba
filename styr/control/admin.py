"""The back office of internal control and quality: the municipality-wide configuration (the risk matrix, the
categories of control activities and of quality counts, the control activities common to every committee).

It is kept by superusers, as the services require (styr.control.services); the admin records every change like
Styr's own pages. The units' own registers are kept on the register pages, not here.
"""

from django.contrib import admin

from styr.control.models import ControlActivity, ControlCategory, QualityCategory, RiskMatrix
from styr.control.services import matrix_refusal
from styr.history.audited_admin import AuditedAdmin, LockedForm


class RiskMatrixForm(LockedForm):
    """A matrix that risks are already assessed beyond cannot shrink under them."""

    def refusal(self, user) -> str | None:
        municipality, size = self.cleaned_data.get("municipality"), self.cleaned_data.get("size")
        return matrix_refusal(municipality=municipality, size=size) if municipality and size else None


@admin.register(RiskMatrix)
class RiskMatrixAdmin(AuditedAdmin):
    form = RiskMatrixForm
    list_display = ["municipality", "size", "low_max", "medium_max"]
    list_select_related = ["municipality"]
    exclude = ["version"]


@admin.register(ControlCategory)
class ControlCategoryAdmin(AuditedAdmin):
    list_display = ["label", "key", "order", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]


@admin.register(QualityCategory)
class QualityCategoryAdmin(AuditedAdmin):
    list_display = ["label", "key", "order", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]


@admin.register(ControlActivity)
class ControlActivityAdmin(AuditedAdmin):
    """Every control activity; those without a unit are common to the municipality and followed up by each."""

    list_display = ["what", "year", "unit", "category", "municipality"]
    list_filter = ["municipality", "year", "category"]
    list_select_related = ["municipality", "unit", "category"]
    exclude = ["version"]
