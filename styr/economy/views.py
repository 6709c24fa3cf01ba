"""The committee's economy: the Driftredovisning page (public where the municipality publishes), the
forecast page of a unit's reporter, and the controller's ledger import."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.economy import services
from styr.economy.charts import economy_charts
from styr.economy.forms import AreaReportForm, LedgerImportForm
from styr.economy.importing import LedgerRefused
from styr.economy.measures import economy_measures
from styr.economy.models import ActivityArea, AreaReport, LedgerImport
from styr.economy.statements import build_statement
from styr.followup import services as followup_services
from styr.followup.models import FollowUpPeriod, PeriodKind
from styr.organisation.access import can, can_edit_followup
from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user, login_redirect

THOUSAND = Decimal(1000)


def _crumbs(unit: OrganisationUnit, year: int, *extra) -> list[tuple[str, str]]:
    overview = reverse("overview", args=[unit.municipality.slug, unit.slug, year])
    return [(unit.municipality.short_name, ""), (f"{unit.name} {year}", overview),
            (_("Economy"), reverse("economy:overview", args=[unit.municipality.slug, unit.slug, year])), *extra]


@login_redirect
def economy_overview(request, municipality: str, unit: str, year: int):
    plan = get_plan_for_user(request, municipality, unit, year)
    periods = list(FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=year)
                   .exclude(kind=PeriodKind.PLAN))
    wanted = request.GET.get("period")
    period = next((item for item in periods if item.slug == wanted), None) if wanted else (periods[-1] if periods else None)
    if wanted and period is None:
        raise Http404("No such period")
    statement = build_statement(unit=plan.unit, year=year, period=period)
    context = {
        "plan": plan, "period": period, "periods": periods,
        "statement": statement, "measures": economy_measures(statement),
        "charts": economy_charts(unit=plan.unit, year=year, period=period),
        "can_import": can(request.user, Action.EDIT, Subject.STRUCTURE, plan.unit, State.ANY),
        "can_forecast": can_edit_followup(request.user, plan.unit),
        "breadcrumbs": [*_crumbs(plan.unit, year)[:2], (_("Economy"), "")],
    }
    return render(request, "economy/overview.html", context)


def _unit(municipality: str, unit: str) -> OrganisationUnit:
    return get_object_or_404(OrganisationUnit.objects.select_related("municipality"), municipality__slug=municipality,
                             slug=unit)


class _Area:
    """An activity area on the forecast page: its saved report, its form and whether the user may save it."""

    def __init__(self, area: ActivityArea, period: FollowUpPeriod, user, data=None):
        self.area = area
        self.state = services.report_state(units=[area.unit, area.committee], period=period)
        self.amending = followup_services.amends(user, area.unit, self.state)
        self.editable = self.amending or (self.state != State.DECIDED
                                          and can(user, Action.EDIT, Subject.FOLLOWUP, area.unit, self.state))
        self.saved = AreaReport.objects.filter(area=area, period=period).first()
        initial: dict[str, Any] = {"version": self.saved.version if self.saved else 0}
        if self.saved:
            initial.update({"comment": self.saved.comment,
                            "forecast": None if self.saved.forecast is None else self.saved.forecast / THOUSAND})
        self.form = AreaReportForm(data, prefix=f"area-{area.pk}", initial=initial, amending=self.amending,
                                   takes_forecast=period.kind != PeriodKind.ANNUAL_REPORT)


@login_required
def economy_forecast(request, municipality: str, unit: str, year: int, period: str):
    """The forecast and comment of each activity area of the unit and the units under it."""
    unit_obj = _unit(municipality, unit)
    period_obj = get_object_or_404(FollowUpPeriod, municipality=unit_obj.municipality, year=year, slug=period)
    if not can(request.user, Action.VIEW, Subject.FOLLOWUP, unit_obj,
               services.report_state(units=[unit_obj], period=period_obj)):
        raise PermissionDenied
    areas = ActivityArea.objects.filter(unit_id__in=unit_obj.subtree_ids()).select_related("unit", "committee")
    posted = request.POST.get("area", "") if request.method == "POST" else None
    rows = [_Area(area, period_obj, request.user, request.POST if posted == str(area.pk) else None) for area in areas]
    if posted is not None:
        row = next((row for row in rows if str(row.area.pk) == posted and row.editable), None)
        if row is None:  # an area outside the page, or one the user may not write
            raise PermissionDenied
        if row.form.is_valid():
            data = row.form.cleaned_data
            forecast = data.get("forecast")
            try:
                services.report_area(user=request.user, area=row.area, period=period_obj,
                                     forecast=None if forecast is None else forecast * THOUSAND,
                                     comment=data["comment"], expected_version=data["version"],
                                     reason=data.get("amendment_reason", ""))
            except services.WriteRefused as refused:
                row.form.add_error(None, str(refused))
            except services.EditConflict:
                row.form.add_error(None, _("Someone else saved this area after you opened the page; "
                                           "reload the page to see their figures."))
            else:
                messages.success(request, _("Saved: %(area)s") % {"area": row.area.name})
                return redirect(f"{request.path}#area-{row.area.pk}")
    context = {"unit": unit_obj, "year": year, "period": period_obj, "rows": rows,
               "breadcrumbs": _crumbs(unit_obj, year, (_("Forecast: %(period)s") % {"period": period_obj.name}, ""))}
    return render(request, "economy/forecast.html", context)


@login_required
def economy_import(request, municipality: str, unit: str, year: int):
    unit_obj = _unit(municipality, unit)
    if not can(request.user, Action.EDIT, Subject.STRUCTURE, unit_obj, State.ANY):
        raise PermissionDenied
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            done = services.import_ledger(user=request.user, unit=unit_obj, year=year, name=upload.name, handle=upload,
                                          scale=form.cleaned_data["scale"], kind=form.cleaned_data["kind"],
                                          reason=form.cleaned_data["reason"])
        except LedgerRefused as refused:
            errors = refused.errors
        except services.WriteRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Imported %(lines)s lines of %(file)s.") % {"lines": done.lines,
                                                                                    "file": done.file_name})
            return redirect("economy:import", municipality, unit, year)
    context = {"unit": unit_obj, "year": year, "form": form, "errors": errors,
               "imports": LedgerImport.objects.filter(unit=unit_obj, year=year).select_related("imported_by")[:10],
               "breadcrumbs": _crumbs(unit_obj, year, (_("Import the ledger"), ""))}
    return render(request, "economy/import.html", context)
