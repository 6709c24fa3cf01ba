"""Document pages: the web version, download buttons with background builds, and decided documents."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.documents import services
from styr.documents.builder import build_document
from styr.documents.formatters import FORMATS
from styr.documents.formatters.html import html_context
from styr.documents.model import DocumentError
from styr.documents.models import DecidedDocument, DocumentBuild, DocumentKind
from styr.documents.tasks import build_document_file
from styr.followup.models import FollowUpPeriod
from styr.followup.services import TransitionRefused, WriteRefused
from styr.organisation.access import can
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import get_plan_for_user, login_redirect


def _period(plan, slug: str) -> FollowUpPeriod:
    period = FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=plan.year, slug=slug).first()
    if period is None:
        raise Http404("No such period")
    return period


def can_decide(user, unit) -> bool:
    return can(user, Action.DECIDE, Subject.DOCUMENT, unit, State.PUBLISHED)


def _crumbs(plan, *extra):
    args = [plan.unit.municipality.slug, plan.unit.slug, plan.year]
    return [(plan.unit.municipality.short_name, ""), (f"{plan.unit.name} {plan.year}", reverse("overview", args=args)),
            *extra]


@login_redirect
def index(request, municipality: str, unit: str, year: int):
    """One document per follow-up period of the year, each decided (and frozen) with its period, and after the
    plan's and the annual report's their documents of their own (the internal-control plan, the quality report)."""
    plan = get_plan_for_user(request, municipality, unit, year)
    periods = FollowUpPeriod.objects.filter(municipality_id=plan.unit.municipality_id, year=year).order_by("as_of", "pk")
    decided = {(item.period_id, item.document_kind): item for item in
               DecidedDocument.objects.filter(unit=plan.unit, period__in=periods).prefetch_related("files")}
    documents = [
        {"period": period, "document": kind, "own": kind != DocumentKind.REPORT,
         "name": period.name if kind == DocumentKind.REPORT else f"{kind.label.capitalize()} {year}",
         "id": period.slug if kind == DocumentKind.REPORT else f"{period.slug}-{kind.value}",
         "decided": decided.get((period.pk, kind.value))}
        for period in periods for kind in DocumentKind.of_period(period.kind)
    ]
    return render(request, "documents/index.html", {
        "plan": plan, "documents": documents, "formats": list(FORMATS),
        "may_decide": can_decide(request.user, plan.unit), "breadcrumbs": _crumbs(plan, (_("Documents"), "")),
    })


@login_redirect
def web(request, municipality: str, unit: str, year: int, period: str, document: str = DocumentKind.REPORT):
    plan = get_plan_for_user(request, municipality, unit, year)
    followup_period = _period(plan, period)
    decided = services.decided_document(unit=plan.unit, period=followup_period, document=document)
    try:
        built = decided.document() if decided else build_document(unit=plan.unit, year=year, period=followup_period,
                                                                  document=document)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect("documents:index", municipality, unit, year)
    context = html_context(built)
    context.update(plan=plan, decided=decided, breadcrumbs=_crumbs(
        plan, (_("Documents"), reverse("documents:index", args=[municipality, unit, year])), (built.title, "")))
    return render(request, "documents/web.html", context)


@login_redirect
@require_POST
def start_build(request, municipality: str, unit: str, year: int, period: str, fmt: str,
                document: str = DocumentKind.REPORT):
    plan = get_plan_for_user(request, municipality, unit, year)
    followup_period = _period(plan, period)
    if fmt not in FORMATS:
        raise Http404("No such format")
    try:
        build, new = services.start_build(user=request.user, unit=plan.unit, period=followup_period, fmt=fmt,
                                          document=document)
    except services.BuildRefused as refusal:
        # htmx swaps only 2xx answers into the page; a plain form post gets the real status.
        return _status_response(request, plan, None, refusal=str(refusal), status=200 if request.htmx else 429)
    if new:
        build_document_file.enqueue(str(build.pk))
    return _status_response(request, plan, build)


def _own_build(request, plan, build_id) -> DocumentBuild:
    """A signed-in user's own build, or an anonymous build (public content, shared by anonymous visitors)."""
    build = get_object_or_404(DocumentBuild, pk=build_id, unit=plan.unit, period__year=plan.year)
    if build.requested_by_id != (request.user.pk if request.user.is_authenticated else None):
        raise PermissionDenied
    return build


def _status_response(request, plan, build, *, refusal: str = "", status: int = 200):
    if build is not None:
        build.refresh_from_db()
    context = {"plan": plan, "build": build, "refusal": refusal, "breadcrumbs": _crumbs(plan, (_("Documents"), ""))}
    template = "documents/_build_status.html" if request.htmx else "documents/build.html"
    return render(request, template, context, status=status)


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
    decided = get_object_or_404(DecidedDocument, pk=pk, unit=plan.unit, period__year=year)
    stored = get_object_or_404(decided.files, format=fmt)
    return _file(bytes(stored.data), stored.name, fmt)


@login_redirect
@require_POST
def decide(request, municipality: str, unit: str, year: int, period: str):
    """The committee's decision on the unit's period, posted from the follow-up page: one act that
    locks the period and freezes its document (services.decide)."""
    plan = get_plan_for_user(request, municipality, unit, year)
    followup_period = _period(plan, period)
    if not can_decide(request.user, plan.unit):
        raise PermissionDenied
    try:
        decided_on = datetime.date.fromisoformat(request.POST.get("decided_on", ""))
    except ValueError:
        decided_on = None
    paragraph = request.POST.get("paragraph", "")
    if decided_on is None or not paragraph.strip():
        messages.error(request, _("Give the date of the decision and its paragraph (§)."))
    else:
        try:
            services.decide(user=request.user, plan=plan, period=followup_period, decided_on=decided_on,
                            paragraph=paragraph)
        except WriteRefused:
            raise PermissionDenied from None
        except TransitionRefused:
            messages.error(request, _("Only an approved follow-up can be decided; the page shows its state now."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except DocumentError as error:  # AlreadyDecided, or a document that cannot be made: nothing is saved
            messages.error(request, str(error))
        else:
            messages.success(request, _("The decision is recorded: the follow-up is locked and its documents are frozen."))
    return redirect("followup_edit", municipality, unit, year, period)


def _file(data: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt])
    disposition = "inline" if fmt in ("pdf", "html") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
