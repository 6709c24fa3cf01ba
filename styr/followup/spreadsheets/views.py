from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.followup.editing import Editor
from styr.followup.models import FollowUpPeriod
from styr.followup.spreadsheets.export import export_workbook, file_name
from styr.followup.spreadsheets.forms import XLSX_MIME, WorkbookUploadForm
from styr.followup.spreadsheets.importing import SheetEditor, import_workbook
from styr.plans.access import get_plan_for_user


def _editor_for_user[E: Editor](
    request, municipality: str, unit: str, year: int, period: str, editor_class: type[E]
) -> E:
    """The editor of the period for a user who may fill in something of it in its current state."""
    plan = get_plan_for_user(request, municipality, unit, year)
    found = FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=year, slug=period).first()
    if found is None:
        raise Http404("No such period")
    editor = editor_class(plan=plan, period=found, user=request.user)
    if not (editor.may_report or editor.may_edit_committee_texts):
        raise PermissionDenied
    return editor


@login_required
def followup_excel_export(request, municipality: str, unit: str, year: int, period: str):
    editor = _editor_for_user(request, municipality, unit, year, period, Editor)
    if editor.amending:
        raise PermissionDenied  # a decided period is amended item by item, each with its reason
    try:
        workbook = export_workbook(editor)
    except ValidationError as refused:  # a text saved before the limit, too long to export whole
        messages.error(request, refused.messages[0])
        return redirect("followup_edit", municipality, unit, year, period)
    response = HttpResponse(workbook, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{file_name(editor)}"'
    return response


@login_required
def followup_excel_import(request, municipality: str, unit: str, year: int, period: str):
    editor = _editor_for_user(request, municipality, unit, year, period, editor_class=SheetEditor)
    args = [municipality, unit, year, period]
    edit_url = reverse("followup_edit", args=args)
    form, result = WorkbookUploadForm(), None
    if request.method == "POST" and not editor.amending:
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = import_workbook(form.cleaned_data["file"], editor=editor)
            if result.ok:
                messages.success(request, _success_message(result))
                return redirect(edit_url)
        _mark_invalid(form, has_problems=result is not None)
    plan = editor.plan
    context = {
        "plan": plan, "period": editor.period, "form": form, "amending": editor.amending, "result": result, "edit_url": edit_url,
        "export_url": reverse("followup_excel_export", args=args),
        "breadcrumbs": [
            (plan.unit.municipality.short_name, ""),
            (f"{plan.unit.name} {plan.year}", reverse("overview", args=args[:3])),
            (_("Follow-up: %(period)s") % {"period": editor.period.name}, edit_url),
            (_("Excel"), ""),
        ],
    }
    return render(request, "followup/spreadsheets/import.html", context)


def _mark_invalid(form: WorkbookUploadForm, *, has_problems: bool) -> None:
    """Ties the file field to the message that explains what is wrong, for screen readers."""
    if form.errors or has_problems:
        described_by = f"{'id_file_errors' if form.errors else 'error-summary'} id_file_helptext"
        form.fields["file"].widget.attrs.update({"aria-invalid": "true", "aria-describedby": described_by})


def _success_message(result) -> str:
    message = _("The file was imported. Rows saved: %(saved)s. Rows unchanged: %(unchanged)s.") % {
        "saved": len(result.saved), "unchanged": result.unchanged,
    }
    if result.kept_newer:
        message += " " + _("Saved in Styr after the download and left as they were in the file, so the saved "
                           "values were kept: %(titles)s.") % {"titles": ", ".join(result.kept_newer)}
    return message
