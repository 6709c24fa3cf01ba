"""The internal-control summary and verdict of a period in Excel: GET downloads the sheet, POST imports it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.control.editing import ControlEditor
from styr.control.report_sheets import export_control_report, import_control_report
from styr.followup.spreadsheets.forms import XLSX_MIME, WorkbookUploadForm
from styr.followup.views import _get_plan_and_period_for_user


@login_required
def report_excel(request, municipality: str, unit: str, year: int, period: str):
    plan, followup_period, _state = _get_plan_and_period_for_user(request, municipality, unit, year, period)
    editor = ControlEditor(plan=plan, period=followup_period, user=request.user)
    if not editor.may_edit_committee_texts or editor.amending:
        raise PermissionDenied  # a decided period is amended on the page, with its reason
    edit_url = reverse("control:edit", args=[municipality, unit, year, period])
    form, problems = WorkbookUploadForm(), []
    if request.method == "POST":
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            problems = import_control_report(form.cleaned_data["file"], user=request.user, plan=plan,
                                             period=followup_period)
            if not problems:
                messages.success(request, _("The internal control's texts were imported."))
                return redirect(edit_url)
    else:
        response = HttpResponse(export_control_report(plan=plan, period=followup_period), content_type=XLSX_MIME)
        response["Content-Disposition"] = (f'attachment; filename="intern-kontroll-{plan.unit.slug}-{plan.year}-'
                                           f'{followup_period.slug}.xlsx"')
        return response
    return render(request, "control/report_excel.html", {
        "plan": plan, "period": followup_period, "form": form, "problems": problems, "edit_url": edit_url,
        "breadcrumbs": [(plan.unit.municipality.short_name, ""),
                        (_("Follow-up: %(period)s") % {"period": followup_period.name}, edit_url),
                        (_("Import from Excel"), "")],
    })
