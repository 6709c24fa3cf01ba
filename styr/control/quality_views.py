"""The quality counts' page of a unit and period: the counts saved, the Excel file to fill in, and its import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.control.models import QualityCategory, QualityCount, QualityKind
from styr.control.quality_sheets import export_counts, import_counts
from styr.followup.spreadsheets.forms import XLSX_MIME, WorkbookUploadForm
from styr.followup.views import _get_plan_and_period_for_user
from styr.organisation.access import can, can_edit_followup
from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Action, Subject


def _reporting_units(user, unit: OrganisationUnit) -> list[OrganisationUnit]:
    """The unit and those below it whose counts the user may report."""
    units = OrganisationUnit.objects.filter(pk__in=unit.subtree_ids()).order_by("parent_id", "name")
    return [candidate for candidate in units if can_edit_followup(user, candidate)]


@login_required
def quality(request, municipality: str, unit: str, year: int, period: str):
    plan, followup_period, _state = _get_plan_and_period_for_user(request, municipality, unit, year, period)
    units = _reporting_units(request.user, plan.unit)
    form, problems = WorkbookUploadForm(), []
    if request.method == "POST":
        if not units:
            raise PermissionDenied
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            problems = import_counts(form.cleaned_data["file"], user=request.user, units=units, year=plan.year)
            if not problems:
                messages.success(request, _("The quality counts were imported."))
                return redirect(request.path)
    counts = QualityCount.objects.filter(unit_id__in=plan.unit.subtree_ids(), period=followup_period).select_related(
        "unit", "category")
    categories = list(QualityCategory.objects.filter(municipality_id=plan.unit.municipality_id))
    args = [municipality, unit, year]
    context = {
        "plan": plan, "period": followup_period, "form": form, "problems": problems, "may_import": bool(units),
        "counts": counts, "kinds": QualityKind.choices, "categories": categories,
        "export_url": reverse("control:quality_export", args=[*args, period]),
        "breadcrumbs": [(plan.unit.municipality.short_name, ""),
                        (f"{plan.unit.name} {plan.year}", reverse("overview", args=args)),
                        (_("Internal control"), reverse("control:overview", args=args)),
                        (_("Quality counts: %(period)s") % {"period": followup_period.name}, "")],
    }
    return render(request, "control/quality.html", context)


@login_required
def quality_export(request, municipality: str, unit: str, year: int, period: str):
    plan, followup_period, state = _get_plan_and_period_for_user(request, municipality, unit, year, period)
    if not can(request.user, Action.EDIT, Subject.FOLLOWUP, plan.unit, state):
        raise PermissionDenied
    workbook = export_counts(units=_reporting_units(request.user, plan.unit), period=followup_period)
    response = HttpResponse(workbook, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="kvalitet-{plan.unit.slug}-{followup_period.slug}.xlsx"'
    return response
