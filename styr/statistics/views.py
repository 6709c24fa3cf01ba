"""A unit's activity statistics in a follow-up: read where its plan is readable (public where the
municipality publishes), filled in per table by the tables' reporters, imported from and downloaded as Excel."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.followup.models import FollowUpPeriod, PeriodKind
from styr.followup.services import amends
from styr.organisation.access import can
from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import LoginRequired, can_read_plan, login_redirect
from styr.plans.models import Plan
from styr.statistics import services
from styr.statistics.forms import CommentForm, StatisticsImportForm, TableForm
from styr.statistics.importing import COLUMNS, StatisticsRefused
from styr.statistics.models import StatisticsComment
from styr.statistics.tables import Line, TableView, build_tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_unit_and_period_for_user(request, municipality: str, unit: str, year: int,
                                  period: str) -> tuple[OrganisationUnit, FollowUpPeriod]:
    """The unit and follow-up, if the user may read the plan governing the unit (its own or the nearest above)."""
    unit_obj = get_object_or_404(OrganisationUnit.objects.select_related("municipality"),
                                 municipality__slug=municipality, slug=unit)
    period_obj = get_object_or_404(FollowUpPeriod.objects.exclude(kind=PeriodKind.PLAN),
                                   municipality=unit_obj.municipality, year=year, slug=period)
    chain = [unit_obj, *reversed(unit_obj.ancestors())]
    plans = {plan.unit_id: plan for plan in Plan.objects.select_related("unit__municipality")
             .filter(unit__in=chain, year=year)}
    plan = next((plans[node.pk] for node in chain if node.pk in plans), None)
    if plan is None:
        raise Http404("No plan governs the unit")
    if not can_read_plan(request.user, plan):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied
    return unit_obj, period_obj


class _Table:
    """A table on the page: its figures, the state governing its year, and its form if the user may write it."""

    def __init__(self, view: TableView, period: FollowUpPeriod, user, data=None):
        self.view = view
        self.state = services.table_state(table=view.table, year=period.year, month=period.as_of.month)
        amending = amends(user, view.table.unit, self.state)
        self.editable = amending or (self.state != State.DECIDED
                                     and can(user, Action.EDIT, Subject.FOLLOWUP, view.table.unit, self.state))
        self.form = TableForm(view, data, amending=amending) if self.editable else None

    def sections(self) -> list[tuple[str, list[tuple[Line, list]]]]:
        """Each section's lines with, per year, the value's field (editable) or the value."""
        form = self.form
        return [(section.name, [(line, [form.cell(line.row.pk, year) if form else value
                                        for year, value in zip(self.view.years, line.values, strict=True)])
                                for line in section.lines])
                for section in self.view.sections]

    def changed_cells(self) -> list[services.Cell]:
        """The cells whose value the writer changed (an unchanged year is not written, nor its lock asked)."""
        assert self.form is not None
        data = self.form.cleaned_data
        return [services.Cell(line.row, year, data[f"cell-{line.row.pk}-{year}"], data[f"version-{line.row.pk}-{year}"])
                for line in self.view.lines for year, saved in zip(self.view.years, line.values, strict=True)
                if data[f"cell-{line.row.pk}-{year}"] != saved]


class _Comment:
    """The committee's comment on its statistics, and its form if the user may write it."""

    def __init__(self, committee: OrganisationUnit, period: FollowUpPeriod, saved: StatisticsComment | None, user,
                 data=None):
        self.committee, self.period, self.saved = committee, period, saved
        state = services.table_state(table=services.committee_table(committee), year=period.year,
                                     month=period.as_of.month)
        amending = amends(user, committee, state)
        editable = amending or (state != State.DECIDED and can(user, Action.EDIT, Subject.FOLLOWUP, committee, state))
        initial = {"text": saved.text if saved else "", "version": saved.version if saved else 0}
        self.form = CommentForm(data, initial=initial, amending=amending) if editable else None

    def save(self, user) -> bool:
        assert self.form is not None
        if not self.form.is_valid():
            return False
        data = self.form.cleaned_data
        try:
            services.save_comment(user=user, committee=self.committee, period=self.period, text=data["text"],
                                  expected_version=data["version"], reason=data.get("amendment_reason", ""))
        except services.WriteRefused as refused:
            self.form.add_error(None, str(refused))
        except services.EditConflict:
            self.form.add_error(None, _("Someone else saved this table after you opened the page; "
                                        "reload the page to see their figures."))
        else:
            return True
        return False


def _crumbs(unit: OrganisationUnit, period: FollowUpPeriod) -> list[tuple[str, str]]:
    # The plan's overview, which every reader of the statistics may open (the follow-up form is not for readers).
    overview = reverse("overview", args=[unit.municipality.slug, unit.slug, period.year])
    return [(unit.municipality.short_name, ""), (f"{unit.name} {period.year}", overview),
            (_("Activity statistics: %(period)s") % {"period": period.name}, "")]


@login_redirect
def statistics_page(request, municipality: str, unit: str, year: int, period: str):
    unit_obj, period_obj = _get_unit_and_period_for_user(request, municipality, unit, year, period)
    views = build_tables(unit=unit_obj, year=year, month=period_obj.as_of.month)
    posted = request.POST.get("table", "") if request.method == "POST" else None
    tables = [_Table(view, period_obj, request.user, request.POST if posted == str(view.table.pk) else None)
              for view in views]
    comment = StatisticsComment.objects.filter(unit=unit_obj, period=period_obj).first()
    commenting = _Comment(unit_obj, period_obj, comment, request.user,
                          request.POST if request.POST.get("comment-version") is not None else None) \
        if any(view.table.committee_id == unit_obj.pk for view in views) else None
    if commenting is not None and commenting.form is not None and commenting.form.is_bound:
        if commenting.save(request.user):
            messages.success(request, _("Saved: %(table)s") % {"table": _("Comments on the statistics")})
            return redirect(f"{request.path}#comment")
    elif posted is not None:
        table = next((table for table in tables if str(table.view.table.pk) == posted and table.form), None)
        if table is None or table.form is None:  # a table outside the page, or one the user may not write
            raise PermissionDenied
        if table.form.is_valid():
            try:
                services.save_values(user=request.user, table=table.view.table, month=period_obj.as_of.month,
                                     cells=table.changed_cells(),
                                     reason=table.form.cleaned_data.get("amendment_reason", ""))
            except services.WriteRefused as refused:
                table.form.add_error(None, str(refused))
            except services.EditConflict:
                table.form.add_error(None, _("Someone else saved this table after you opened the page; "
                                             "reload the page to see their figures."))
            else:
                messages.success(request, _("Saved: %(table)s") % {"table": table.view.table.title})
                return redirect(f"{request.path}#table-{table.view.table.pk}")
    context = {
        "unit": unit_obj, "year": year, "period": period_obj, "tables": tables,
        "comment": comment, "commenting": commenting,
        "may_import": any(table.editable for table in tables), "import_form": StatisticsImportForm(),
        "breadcrumbs": _crumbs(unit_obj, period_obj),
    }
    return render(request, "statistics/page.html", context)


@login_required
def statistics_import(request, municipality: str, unit: str, year: int, period: str):
    unit_obj, period_obj = _get_unit_and_period_for_user(request, municipality, unit, year, period)
    if not can(request.user, Action.EDIT, Subject.FOLLOWUP, unit_obj, State.OPEN):
        raise PermissionDenied  # the services still check each table's own unit and lock
    form = StatisticsImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            changed = services.import_statistics(user=request.user, unit=unit_obj, period=period_obj,
                                                 name=upload.name, handle=upload, reason=form.cleaned_data["reason"])
        except StatisticsRefused as refused:
            errors = refused.errors
        except (services.WriteRefused, services.EditConflict) as refused:
            form.add_error(None, str(refused) or _("Someone else saved the statistics meanwhile; import again."))
        else:
            messages.success(request, _("Imported %(file)s: %(count)s values changed.")
                             % {"file": upload.name, "count": changed})
            return redirect("statistics:page", municipality, unit, year, period)
    context = {"unit": unit_obj, "period": period_obj, "form": form, "errors": errors,
               "breadcrumbs": [*_crumbs(unit_obj, period_obj)[:2], (_("Import activity statistics"), "")]}
    return render(request, "statistics/import.html", context)


@login_redirect
def statistics_download(request, municipality: str, unit: str, year: int, period: str):
    """The unit's tables as an Excel file in the shape the import reads."""
    from openpyxl import Workbook

    unit_obj, period_obj = _get_unit_and_period_for_user(request, municipality, unit, year, period)
    views = build_tables(unit=unit_obj, year=year, month=period_obj.as_of.month)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Statistics")[:31]
    columns = views[0].columns if views else []
    sheet.append([COLUMNS[key][0].capitalize() for key in COLUMNS] + columns)
    for view in views:
        for line in view.lines:
            sheet.append([view.table.title, line.row.section, line.row.name, *line.values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="statistik-{unit_obj.slug}-{year}-{period_obj.slug}.xlsx"'
    return response
