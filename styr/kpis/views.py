"""Linking a measure to a Kolada KPI: search the catalogue, link, and fill the outcomes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styr.followup import services as followup_services
from styr.kpis import services
from styr.kpis.comparisons import measure_comparison
from styr.kpis.models import Kpi
from styr.kpis.parsing import KoladaDataError
from styr.kpis.search import search_kpis
from styr.organisation.access import can
from styr.organisation.permissions import Action, State, Subject
from styr.plans.access import LoginRequired, get_plan_for_user, login_redirect


def can_link(user, unit) -> bool:
    """Linking changes the plan's structure (see the permission table)."""
    return can(user, Action.EDIT, Subject.STRUCTURE, unit, State.ANY)


def _plan_and_measure(request, municipality: str, unit: str, year: int, slug: str):
    plan = get_plan_for_user(request, municipality, unit, year)
    found = plan.unit.measures.filter(slug=slug).first()
    if found is None:
        raise Http404("No such measure")
    if not can_link(request.user, plan.unit):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied
    return plan, found


def _measure_url(plan, measure) -> str:
    args = [plan.unit.municipality.slug, plan.unit.slug, plan.year, measure.slug]
    try:
        return reverse("measure", args=args)
    except NoReverseMatch:
        return reverse("kpis:link", args=args)


@login_redirect
@require_http_methods(["GET", "POST"])
def link_measure(request, municipality: str, unit: str, year: int, measure_slug: str):
    plan, measure = _plan_and_measure(request, municipality, unit, year, measure_slug)
    error = ""
    if request.method == "POST":
        try:
            services.link_measure(user=request.user, measure=measure, kpi_id=request.POST.get("kpi", ""))
            changes = services.update_measure_outcomes(user=request.user, measure=measure)
        except KoladaDataError as problem:
            error = str(problem)
        else:
            if measure.kolada_kpi:
                messages.success(request, _("Linked to Kolada %(kpi)s; %(created)d outcomes added, %(updated)d updated.")
                                 % {"kpi": measure.kolada_kpi, "created": changes.created, "updated": changes.updated})
            else:
                messages.success(request, _("The link to Kolada was removed; the outcomes are kept."))
            return redirect(_measure_url(plan, measure))
    query = request.GET.get("q", "").strip()
    context = {
        "plan": plan, "measure": measure, "query": query, "results": search_kpis(query) if query else [],
        "error": error, "kpi": Kpi.objects.filter(id=measure.kolada_kpi).first() if measure.kolada_kpi else None,
        "comparison": measure_comparison(measure, plan.unit.municipality),
        "revisions": _revisions(measure),
        "measure_url": _measure_url(plan, measure),
        "breadcrumbs": [
            (plan.unit.municipality.short_name, ""),
            (measure.name, _measure_url(plan, measure)),
            (_("Link to Kolada"), ""),
        ],
    }
    if request.htmx and request.htmx.target == "kpi-results":
        return render(request, "kpis/_search_results.html", context)
    return render(request, "kpis/link.html", context)


@login_redirect
@require_POST
def refresh_outcomes(request, municipality: str, unit: str, year: int, measure_slug: str):
    """Fill the outcomes again from the stored Kolada values (after an import or a sync)."""
    plan, measure = _plan_and_measure(request, municipality, unit, year, measure_slug)
    changes = services.update_measure_outcomes(user=request.user, measure=measure)
    messages.success(request, _("Outcomes from Kolada: %(created)d added, %(updated)d updated, %(unchanged)d unchanged.")
                     % {"created": changes.created, "updated": changes.updated, "unchanged": changes.unchanged})
    if changes.held:
        messages.warning(request, _("Kolada has revised %(held)d decided figures; they are kept until you decide below.")
                         % {"held": changes.held})
        return redirect("kpis:link", plan.unit.municipality.slug, plan.unit.slug, plan.year, measure.slug)
    return redirect(_measure_url(plan, measure))


def _revisions(measure) -> list[dict]:
    """Held Kolada revisions beside the decided figures they would replace."""
    decided = {(outcome.year, outcome.month): outcome for outcome in measure.outcomes.all()}
    return [{"revision": revision, "decided": decided.get((revision.year, revision.month))}
            for revision in measure.revisions.all()]


@login_redirect
@require_POST
def decide_revision(request, municipality: str, unit: str, year: int, measure_slug: str, revision: int):
    """Apply a held Kolada revision as an amendment, or keep the decided figure."""
    plan, measure = _plan_and_measure(request, municipality, unit, year, measure_slug)
    found = get_object_or_404(measure.revisions, pk=revision)
    try:
        if request.POST.get("choice") == "apply":
            followup_services.apply_outcome_revision(
                user=request.user, revision=found, reason=request.POST.get("reason", "").strip())
            messages.success(request, _("Kolada's figures for %(year)s are applied as an amendment.") % {"year": found.year})
        else:
            followup_services.leave_outcome_revision(user=request.user, revision=found)
            messages.success(request, _("The decided figures for %(year)s are kept.") % {"year": found.year})
    except followup_services.WriteRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("kpis:link", plan.unit.municipality.slug, plan.unit.slug, plan.year, measure.slug)
