"""Starting plans: the units whose plans the user keeps, a new plan for a unit's year, the next year started
from this year (reviewed first), and publishing a plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.organisation.models import Membership, OrganisationUnit, vocabulary
from styr.planning.editor import crumbs, get_plan_for_keeper, plan_url
from styr.planning.forms import NewPlanForm
from styr.planning.outline import done_items
from styr.plans import rollover, services
from styr.plans.models import Plan


def _kept_units(user):
    """The units whose structure the user keeps: those where they hold such a role, and everything below."""
    ids: set[int] = set()
    for membership in Membership.objects.filter(user=user).select_related("unit"):
        if membership.unit_id not in ids and services.may_keep_structure(user, membership.unit):
            ids |= membership.unit.subtree_ids()
    return OrganisationUnit.objects.filter(pk__in=ids).select_related("municipality", "parent") \
        .order_by("municipality__name", "parent__name", "order", "name")


@login_required
def index(request):
    units = _kept_units(request.user)
    if not request.user.is_superuser and not units.exists():
        raise PermissionDenied
    form = NewPlanForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(user=request.user, unit=form.cleaned_data["unit"],
                                        year=form.cleaned_data["year"])
        except services.WriteRefused as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The plan %(plan)s is started as a draft.") % {"plan": plan})
            return redirect(plan_url(plan))
    plans: dict[int, list[Plan]] = {}
    for plan in Plan.objects.filter(unit__in=units).order_by("-year"):
        plans.setdefault(plan.unit_id, []).append(plan)
    rows = [(unit, plans.get(unit.pk, [])) for unit in units]
    return render(request, "planning/index.html", {"rows": rows, "form": form, "breadcrumbs": [(_("Plans"), "")]})


@login_required
def start_next_year(request, municipality: str, unit: str, year: int):
    """What the next year's plan would carry; on confirming, the draft is made and opened in the editor."""
    plan = get_plan_for_keeper(request, municipality, unit, year)
    found = rollover.preview(plan)
    done_commitments, done_activities = done_items(plan)
    commitments = list(plan.commitments.select_related("goal"))
    activities = list(plan.activities.select_related("goal", "commitment"))
    words = vocabulary(plan.unit.municipality)
    if request.method == "POST" and found.existing is None:
        chosen = set(request.POST.getlist("carry"))
        try:
            new = rollover.rollover(
                user=request.user, plan=plan,
                commitments=[item for item in commitments if f"commitment-{item.pk}" in chosen],
                activities=[item for item in activities if f"activity-{item.pk}" in chosen])
        except services.WriteRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The plan for %(year)s is started from %(from)s. %(targets)s for %(year)s "
                                        "are set in it; publish it when it is ready.")
                             % {"year": new.year, "from": plan.year, "targets": words["target_plural"]})
            return redirect(plan_url(new))
    context = {
        "plan": plan, "preview": found, "words": words,
        "commitments": [(item, item.pk not in done_commitments) for item in commitments],
        "activities": [(item, item.pk not in done_activities) for item in activities],
        "breadcrumbs": crumbs(plan, (_("Start %(year)s") % {"year": found.year}, "")),
    }
    return render(request, "planning/next_year.html", context)


@login_required
@require_POST
def publish(request, municipality: str, unit: str, year: int):
    plan = get_plan_for_keeper(request, municipality, unit, year)
    try:
        services.publish_plan(user=request.user, plan=plan)
    except services.WriteRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The plan %(plan)s is published.") % {"plan": plan})
    return redirect(plan_url(plan))
