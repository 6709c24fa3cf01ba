"""Document pages: the web version, download buttons with background builds, and decided documents."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from styr.documents.builder import DocumentError, build_document
from styr.documents.formatters import FORMATS
from styr.documents.formatters.html import html_context
from styr.documents.model import DocumentKind
from styr.documents.models import DecidedDocument, DocumentBuild
from styr.documents.services import decide_document, decided_document
from styr.documents.tasks import build_document_file
from styr.organisation.access import can
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user, login_redirect

DOCUMENT_NAMES = {
    DocumentKind.PLAN: gettext_lazy("Operational plan"), DocumentKind.INTERIM_1: gettext_lazy("Interim report 1"),
    DocumentKind.INTERIM_2: gettext_lazy("Interim report 2"), DocumentKind.ANNUAL_REPORT: gettext_lazy("Annual report"),
    DocumentKind.MONTH: gettext_lazy("Month report"),
}
def _kind(kind: str) -> DocumentKind:
    try:
        return DocumentKind(kind)
    except ValueError:
        raise Http404("No such document") from None


def can_decide(user, unit) -> bool:
    return can(user, Action.DECIDE, Subject.DOCUMENT, unit, State.PUBLISHED)


def _crumbs(plan, *extra):
    args = [plan.unit.municipality.slug, plan.unit.slug, plan.year]
    return [(plan.unit.municipality.short_name, ""), (f"{plan.unit.name} {plan.year}", reverse("overview", args=args)),
            *extra]


@login_redirect
def index(request, municipality: str, unit: str, year: int):
    plan = get_plan_for_user(request, municipality, unit, year)
    decided = {item.kind: item for item in DecidedDocument.objects.filter(unit=plan.unit, year=year)}
    documents = [{"kind": kind.value, "name": DOCUMENT_NAMES[kind], "decided": decided.get(kind.value)}
                 for kind in DocumentKind]
    return render(request, "documents/index.html", {
        "plan": plan, "documents": documents, "formats": list(FORMATS), "can_decide": can_decide(request.user, plan.unit),
        "today": datetime.date.today(), "breadcrumbs": _crumbs(plan, (_("Documents"), "")),
    })


@login_redirect
def web(request, municipality: str, unit: str, year: int, kind: str):
    plan = get_plan_for_user(request, municipality, unit, year)
    kind = _kind(kind)
    decided = decided_document(unit=plan.unit, year=year, kind=kind)
    try:
        document = decided.document() if decided else build_document(unit=plan.unit, year=year, kind=kind)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect("documents:index", municipality, unit, year)
    context = html_context(document)
    context.update(plan=plan, decided=decided, breadcrumbs=_crumbs(
        plan, (_("Documents"), reverse("documents:index", args=[municipality, unit, year])), (document.title, "")))
    return render(request, "documents/web.html", context)


@login_redirect
@require_POST
def start_build(request, municipality: str, unit: str, year: int, kind: str, fmt: str):
    plan = get_plan_for_user(request, municipality, unit, year)
    if fmt not in FORMATS:
        raise Http404("No such format")
    if not request.session.session_key:
        request.session.save()
    build = DocumentBuild.objects.create(
        unit=plan.unit, year=year, kind=_kind(kind).value, format=fmt,
        requested_by=request.user if request.user.is_authenticated else None,
        session_key=request.session.session_key or "",
    )
    build_document_file.enqueue(str(build.pk))
    return _status_response(request, plan, build)


def _own_build(request, plan, build_id) -> DocumentBuild:
    build = get_object_or_404(DocumentBuild, pk=build_id, unit=plan.unit, year=plan.year)
    mine = (build.requested_by_id == request.user.pk) if request.user.is_authenticated else (
        build.session_key and build.session_key == request.session.session_key)
    if not mine:
        raise PermissionDenied
    return build


def _status_response(request, plan, build):
    build.refresh_from_db()
    context = {"plan": plan, "build": build, "breadcrumbs": _crumbs(plan, (_("Documents"), ""))}
    template = "documents/_build_status.html" if request.htmx else "documents/build.html"
    return render(request, template, context)


@login_redirect
def build_status(request, municipality: str, unit: str, year: int, build_id):
    plan = get_plan_for_user(request, municipality, unit, year)
    return _status_response(request, plan, _own_build(request, plan, build_id))


@login_redirect
def build_download(request, municipality: str, unit: str, year: int, build_id):
    plan = get_plan_for_user(request, municipality, unit, year)
    build = _own_build(request, plan, build_id)
    if build.data is None:
        raise Http404("The file is not ready")
    return _file(bytes(build.data), build.name, build.format)


@login_redirect
def decided_file(request, municipality: str, unit: str, year: int, pk: int, fmt: str):
    plan = get_plan_for_user(request, municipality, unit, year)
    decided = get_object_or_404(DecidedDocument, pk=pk, unit=plan.unit, year=year)
    stored = get_object_or_404(decided.files, format=fmt)
    return _file(bytes(stored.data), stored.name, fmt)


@login_redirect
@require_POST
def decide(request, municipality: str, unit: str, year: int, kind: str):
    plan = get_plan_for_user(request, municipality, unit, year)
    if not can_decide(request.user, plan.unit):
        raise PermissionDenied
    paragraph = request.POST.get("paragraph", "").strip()
    try:
        decided_on = datetime.date.fromisoformat(request.POST.get("decided_on", ""))
    except ValueError:
        decided_on = None
    if decided_on is None or not paragraph:
        messages.error(request, _("Give the date of the decision and its paragraph (§)."))
    else:
        try:
            decide_document(user=request.user, unit=plan.unit, year=year, kind=_kind(kind), decided_on=decided_on,
                            paragraph=paragraph)
            messages.success(request, _("The document is decided and frozen."))
        except DocumentError as error:
            messages.error(request, str(error))
    return redirect("documents:index", municipality, unit, year)


def _file(data: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt])
    disposition = "inline" if fmt in ("pdf", "html") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
