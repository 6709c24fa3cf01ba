import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.followup import series, services
from styr.followup.editing import Editor, add_results, sections
from styr.followup.filling import PeriodRecords, unit_rows
from styr.followup.models import FollowUpPeriod, PeriodProgress, ProgressState
from styr.followup.reminders import ReminderRefused, send_reminder
from styr.organisation.access import can
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user
from styr.plans.models import Measure, Plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ONLY_EMPTY = "ej-ifyllda"  # ?visa=ej-ifyllda: only what is not filled in
CYCLE_STEPS = {
    # step: (permission, service)
    "mark_ready": (Action.MARK_READY, services.mark_ready),
    "reopen": (Action.APPROVE, services.reopen),
    "approve": (Action.APPROVE, services.approve),
}


def _get_plan_and_period_for_user(
    request, municipality: str, unit: str, year: int, slug: str
) -> tuple[Plan, FollowUpPeriod, State]:
    plan = get_plan_for_user(request, municipality, unit, year)
    period = FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=year, slug=slug).first()
    if period is None:
        raise Http404("No such period")
    state = State(services.progress_state(plan, period))
    if not can(request.user, Action.VIEW, Subject.FOLLOWUP, plan.unit, state):
        raise PermissionDenied
    return plan, period, state


def _crumbs(plan: Plan, period: FollowUpPeriod, *extra):
    return [
        (plan.unit.municipality.short_name, ""),
        (f"{plan.unit.name} {plan.year}", reverse("overview", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year])),
        *extra,
    ]


@login_required
def followup_edit(request, municipality: str, unit: str, year: int, period_slug: str):
    plan, period, state = _get_plan_and_period_for_user(request, municipality, unit, year, period_slug)
    editor = Editor(plan=plan, period=period, user=request.user)
    items = None
    if request.method == "POST":
        key = request.POST.get("item", "")
        item = editor.save(key, request.POST)
        if item is None:
            raise PermissionDenied
        if request.htmx:
            add_results([item], year=plan.year, period=period)
            return render(request, "followup/_saved.html",
                          {"item": item, "editor": editor, "plan": plan, "filling": editor.progress()})
        if item.saved:
            messages.success(request, _("Saved: %(title)s") % {"title": item.title})
            return redirect(f"{request.path}#item-{item.key}")
        items = [item if other.key == item.key else other for other in editor.items()]
    items = items if items is not None else editor.items()
    only_empty = request.GET.get("visa") == ONLY_EMPTY
    if only_empty:
        items = [item for item in items if item.filled is not True]
    add_results(items, year=plan.year, period=period)
    unit_ = plan.unit
    context = {
        "editor": editor, "plan": plan, "period": period, "state": ProgressState(state.value),
        "items": items, "sections": sections(items), "filling": editor.progress(), "only_empty": only_empty,
        "only_empty_value": ONLY_EMPTY,
        # After "ready" the unit sees what it submitted, read only.
        "submitted": None if editor.may_report else PeriodRecords([plan], period).progress(plan),
        "deadline": period.deadline_for(plan.unit.kind),
        "progress": PeriodProgress.objects.filter(plan=plan, period=period).first(),
        "step_labels": [("mark_ready", _("Mark as ready")), ("approve", _("Approve")), ("reopen", _("Send back to the unit"))],
        "steps": {step for step, (action, _) in CYCLE_STEPS.items() if can(request.user, action, Subject.FOLLOWUP, unit_, state)},
        "may_decide": can(request.user, Action.DECIDE, Subject.FOLLOWUP, unit_, state),
        "may_see_progress": can(request.user, Action.APPROVE, Subject.FOLLOWUP, unit_, State.READY),
        "breadcrumbs": _crumbs(plan, period, (_("Follow-up: %(period)s") % {"period": period.name}, "")),
    }
    return render(request, "followup/edit.html", context)


@require_POST
@login_required
def followup_step(request, municipality: str, unit: str, year: int, period_slug: str):
    """Move the unit's period along the cycle: ready, reopened, approved (the decision is documents:decide)."""
    plan, period, state = _get_plan_and_period_for_user(request, municipality, unit, year, period_slug)
    step = request.POST.get("step", "")
    try:
        if step in CYCLE_STEPS:
            action, service = CYCLE_STEPS[step]
            if not can(request.user, action, Subject.FOLLOWUP, plan.unit, state):
                raise PermissionDenied
            if step == "mark_ready" and not request.POST.get("confirmed"):
                empty = PeriodRecords([plan], period).progress(plan).empty
                if empty:  # Ask first, listing what is not filled in.
                    return render(request, "followup/confirm_ready.html", {
                        "plan": plan, "period": period, "empty": empty, "only_empty_value": ONLY_EMPTY,
                        "breadcrumbs": _crumbs(plan, period, (_("Mark as ready"), "")),
                    })
            service(user=request.user, plan=plan, period=period)
        else:
            raise Http404("No such step")
    except services.WriteRefused:
        raise PermissionDenied from None
    except services.TransitionRefused:
        messages.error(request, _("That step is not possible now; the page shows the current state."))
    else:
        messages.success(request, _("The follow-up is now: %(state)s") % {
            "state": ProgressState(services.progress_state(plan, period)).label})
    return redirect("followup_edit", municipality, unit, year, period.slug)


def _subtree_rows(request, municipality: str, unit: str, year: int, period_slug: str):
    """Who is done: every unit at and below this one with a plan for the year, for its controllers."""
    plan, period, _state = _get_plan_and_period_for_user(request, municipality, unit, year, period_slug)
    if not can(request.user, Action.APPROVE, Subject.FOLLOWUP, plan.unit, State.READY):
        raise PermissionDenied
    plans = list(
        Plan.objects.filter(unit_id__in=plan.unit.subtree_ids(), year=year).select_related("unit__municipality").order_by("unit__name")
    )
    period = FollowUpPeriod.objects.prefetch_related("deadlines").get(pk=period.pk)
    return plan, period, unit_rows(plans, period, today=datetime.date.today())


@login_required
def followup_progress(request, municipality: str, unit: str, year: int, period_slug: str):
    plan, period, rows = _subtree_rows(request, municipality, unit, year, period_slug)
    context = {
        "plan": plan, "period": period, "rows": rows, "done": sum(1 for row in rows if row.state != ProgressState.OPEN),
        "breadcrumbs": _crumbs(plan, period, (_("Progress: %(period)s") % {"period": period.name}, "")),
    }
    return render(request, "followup/progress.html", context)


@login_required
def followup_progress_csv(request, municipality: str, unit: str, year: int, period_slug: str):
    """The same rows as a CSV file (semicolons and a BOM, so Excel opens it in Swedish)."""
    plan, period, rows = _subtree_rows(request, municipality, unit, year, period_slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan.unit.slug}-{period.slug}-{year}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Unit"), _("State"), _("Deadline"), _("Filled in"), _("Of"), _("Percent"), _("Late"), _("Marked ready")])
    for row in rows:
        writer.writerow([
            row.plan.unit.name, row.state.label, row.deadline.isoformat() if row.deadline else "",
            row.filling.filled, row.filling.total, row.filling.percent, _("yes") if row.late else "",
            row.progress.ready_at.date().isoformat() if row.progress and row.progress.ready_at else "",
        ])
    return response


@require_POST
@login_required
def followup_remind(request, municipality: str, unit: str, year: int, period_slug: str):
    """A controller reminds the unit by e-mail to fill in the period; back to where they came from."""
    plan, period, _state = _get_plan_and_period_for_user(request, municipality, unit, year, period_slug)
    try:
        send_reminder(user=request.user, plan=plan, period=period, today=datetime.date.today())
    except services.WriteRefused:
        raise PermissionDenied from None
    except ReminderRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("A reminder was sent to %(unit)s.") % {"unit": plan.unit.name})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("home")
    return redirect(back)


def _get_measure_for_user(request, municipality: str, unit: str, measure_slug: str) -> Measure:
    """The measure, for those who keep the structure of its unit (the series is the controller's)."""
    measure = (Measure.objects.select_related("unit__municipality")
               .filter(unit__municipality__slug=municipality, unit__slug=unit, slug=measure_slug).first())
    if measure is None:
        raise Http404("No such measure")
    if not can(request.user, Action.EDIT, Subject.STRUCTURE, measure.unit, State.ANY):
        raise PermissionDenied
    return measure


def _series_page(request, measure: Measure, page: series.SeriesPage, *, import_form=None, problems=(), status=200):
    plan_years = set(Plan.objects.filter(unit=measure.unit).values_list("year", flat=True))
    context = {
        "measure": measure, "page": page, "plan_years": plan_years, "latest_plan_year": max(plan_years, default=None),
        "import_form": import_form or series.SeriesImportForm(), "problems": problems,
        "breadcrumbs": [(measure.unit.municipality.short_name, ""), (measure.unit.name, ""),
                        (_("Series: %(measure)s") % {"measure": measure.name}, "")],
    }
    return render(request, "followup/series.html", context, status=status)


@login_required
def measure_series(request, municipality: str, unit: str, measure_slug: str):
    """The measure's values by year and month, each saved on its own (any year, with or without a plan)."""
    measure = _get_measure_for_user(request, municipality, unit, measure_slug)
    if request.method != "POST":
        return _series_page(request, measure, series.SeriesPage.load(measure))
    key = request.POST.get("item", "")
    try:
        page, saved = series.save_value(user=request.user, measure=measure, key=key, data=request.POST)
    except KeyError:
        raise Http404("No such value") from None
    if saved:
        messages.success(request, _("Saved."))
        return redirect(request.path)
    return _series_page(request, measure, page, status=400)


@login_required
def measure_series_excel(request, municipality: str, unit: str, measure_slug: str):
    """The series as an Excel file in the shape the import reads."""
    measure = _get_measure_for_user(request, municipality, unit, measure_slug)
    response = HttpResponse(series.export_series(measure), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{measure.slug}-utfall.xlsx"'
    return response


@login_required
def measure_series_import(request, municipality: str, unit: str, measure_slug: str):
    """Import the series from Excel: every row or none."""
    measure = _get_measure_for_user(request, municipality, unit, measure_slug)
    if request.method != "POST":
        return redirect("measure_series", municipality, unit, measure_slug)
    form = series.SeriesImportForm(request.POST, request.FILES)
    problems: list = []
    if form.is_valid():
        changed, problems = series.import_series(user=request.user, measure=measure, uploaded=form.cleaned_data["file"],
                                                 reason=form.cleaned_data["reason"])
        if not problems:
            messages.success(request, _("Imported: %(count)s values changed.") % {"count": changed})
            return redirect("measure_series", municipality, unit, measure_slug)
    return _series_page(request, measure, series.SeriesPage.load(measure), import_form=form, problems=problems,
                        status=400)
