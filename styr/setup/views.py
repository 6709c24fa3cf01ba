"""The municipality setup pages: create a municipality from a preset, then keep its settings, vocabulary, scale,
statuses, council goals, organisation and the year's calendar. Only those who keep the municipality (a superuser
or a controller of one of its top-level units) see them; every write goes through the owning app's services."""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.followup import configuration as followup_setup
from styr.followup.models import AssessmentLevel, AssessmentScale, FollowUpPeriod, MeasureTableLayout, StatusOption
from styr.followup.presets import CALENDARS, SCALES
from styr.organisation import configuration as organisation_setup
from styr.organisation.access import keeps_municipality, kept_municipalities, may_create_municipality
from styr.organisation.admin_site import scope_of
from styr.organisation.models import Municipality, OrganisationUnit, vocabulary
from styr.plans import council_goals
from styr.plans.models import CouncilGoal, CouncilGoalGroup
from styr.setup import forms as setup_forms
from styr.setup.presets import set_up_municipality


def _get_municipality_for_user(request, slug: str) -> Municipality:
    municipality = get_object_or_404(Municipality, slug=slug)
    if not keeps_municipality(request.user, municipality):
        raise PermissionDenied
    return municipality


def _crumbs(municipality: Municipality | None, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    crumbs = [(_("Municipalities"), reverse("setup:index"))]
    if municipality is not None:
        crumbs.append((municipality.short_name, reverse("setup:municipality", args=[municipality.slug])))
    crumbs.extend(extra)
    crumbs[-1] = (crumbs[-1][0], "")
    return crumbs


def _refused(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: at the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def index(request):
    if not may_create_municipality(request.user):
        raise PermissionDenied
    form = setup_forms.NewMunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            municipality = set_up_municipality(
                user=request.user, preset=data["preset"], year=data["year"], name=data["name"],
                short_name=data["short_name"], slug=data["slug"], kolada_id=data["kolada_id"],
                committee=data["committee"], committee_slug=slugify(data["committee"]))
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(municipality)s is set up.") % {"municipality": municipality})
            return redirect("setup:municipality", municipality.slug)
    return render(request, "setup/index.html", {
        "municipalities": kept_municipalities(request.user), "form": form, "breadcrumbs": _crumbs(None)})


@login_required
def municipality_page(request, municipality: str):
    kept = _get_municipality_for_user(request, municipality)
    form = setup_forms.MunicipalityForm(request.POST or None, instance=kept)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_setup.update_municipality(user=request.user, municipality=kept, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": kept})
            return redirect(request.path)
    years = sorted(set(kept.periods.values_list("year", flat=True))) or [datetime.date.today().year]
    return render(request, "setup/municipality.html", {
        "municipality": kept, "form": form, "years": years, "breadcrumbs": _crumbs(kept)})


@login_required
def vocabulary_page(request, municipality: str):
    kept = _get_municipality_for_user(request, municipality)
    form = setup_forms.VocabularyForm(request.POST or None, words=vocabulary(kept))
    if request.method == "POST" and form.is_valid():
        organisation_setup.save_vocabulary(user=request.user, municipality=kept, words=form.words())
        messages.success(request, _("The vocabulary is saved."))
        return redirect(request.path)
    return render(request, "setup/form_page.html", {
        "municipality": kept, "form": form, "title": _("Vocabulary"),
        "intro": _("The words the municipality uses on its pages and in its documents."),
        "breadcrumbs": _crumbs(kept, (_("Vocabulary"), ""))})


@login_required
def layout_page(request, municipality: str):
    kept = _get_municipality_for_user(request, municipality)
    table = MeasureTableLayout.of(kept.pk)
    spec = setup_forms.LayoutForm
    initial = {**{name: getattr(table, name) for name in spec.TABLE}, **{name: getattr(kept, name) for name in spec.DOCUMENTS}}
    form = spec(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            followup_setup.save_measure_table_layout(user=request.user, municipality=kept,
                                                     values={name: data[name] for name in spec.TABLE})
            organisation_setup.update_municipality(user=request.user, municipality=kept,
                                                   **{name: data[name] for name in spec.DOCUMENTS})
        messages.success(request, _("The layout is saved."))
        return redirect(request.path)
    return render(request, "setup/form_page.html", {
        "municipality": kept, "form": form, "title": _("Layout"),
        "intro": _("What the measure tables show, and what the documents print, on the municipality's pages and in "
                   "its documents."),
        "breadcrumbs": _crumbs(kept, (_("Layout"), ""))})


@login_required
def scale_page(request, municipality: str):
    kept = _get_municipality_for_user(request, municipality)
    scale = AssessmentScale.objects.filter(municipality=kept).first()
    form = setup_forms.ScaleForm(request.POST or None, initial={"name": scale.name if scale else ""})
    if request.method == "POST" and "preset" in request.POST:
        try:
            followup_setup.install_preset(user=request.user, municipality=kept, scale=_preset(request, SCALES),
                                          statuses=None, calendar=None)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The scale is replaced."))
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        followup_setup.save_scale(user=request.user, municipality=kept, name=form.cleaned_data["name"])
        messages.success(request, _("Saved: %(item)s") % {"item": form.cleaned_data["name"]})
        return redirect(request.path)
    levels = list(scale.levels.all()) if scale else []
    return render(request, "setup/scale.html", {
        "municipality": kept, "form": form, "scale": scale, "levels": levels, "presets": SCALES,
        "breadcrumbs": _crumbs(kept, (_("Assessment scale"), ""))})


def _preset(request, presets: dict) -> str:
    chosen = request.POST.get("preset", "")
    if chosen not in presets:
        raise Http404("No such preset")
    return chosen


@login_required
def statuses_page(request, municipality: str):
    kept = _get_municipality_for_user(request, municipality)
    return render(request, "setup/statuses.html", {
        "municipality": kept, "statuses": StatusOption.objects.filter(municipality=kept),
        "breadcrumbs": _crumbs(kept, (_("Statuses"), ""))})


@login_required
def council_goals_page(request, municipality: str):
    kept = _get_municipality_for_user(request, municipality)
    groups = kept.council_goal_groups.prefetch_related(models.Prefetch("goals", CouncilGoal.objects.order_by("order")))
    return render(request, "setup/council_goals.html", {
        "municipality": kept, "groups": groups, "breadcrumbs": _crumbs(kept, (_("Council goals"), ""))})


def _tree(units: list[OrganisationUnit]) -> list[tuple[OrganisationUnit, int]]:
    """The units in tree order with their depth."""
    children: dict[int | None, list[OrganisationUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[OrganisationUnit, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


@login_required
def units_page(request, municipality: str):
    kept = _get_municipality_for_user(request, municipality)
    units = kept.units.all()
    parents = units if request.user.is_superuser else units.filter(pk__in=scope_of(request.user).units)
    form = setup_forms.UnitForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = organisation_setup.create_unit(user=request.user, municipality=kept, parent=data["parent"],
                                                  kind=data["kind"], name=data["name"], slug=data["slug"])
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": unit})
            return redirect(request.path)
    return render(request, "setup/units.html", {
        "municipality": kept, "form": form, "tree": _tree(list(units)),
        "breadcrumbs": _crumbs(kept, (_("Organisation"), ""))})


@login_required
def calendar_page(request, municipality: str, year: int):
    kept = _get_municipality_for_user(request, municipality)
    levels = followup_setup.levels_in_use(kept)
    periods = list(FollowUpPeriod.objects.filter(municipality=kept, year=year).prefetch_related("deadlines"))
    posted = request.POST.get("period") if request.method == "POST" else None
    if posted == "preset":
        followup_setup.install_preset(user=request.user, municipality=kept, scale=None, statuses=None,
                                      calendar=_preset(request, CALENDARS), year=year)
        messages.success(request, _("The periods of %(year)s are set up.") % {"year": year})
        return redirect(request.path)
    forms_by_key = {}
    for period in [*periods, None]:
        key = str(period.pk) if period else "new"
        data = request.POST if posted == key else None
        forms_by_key[key] = setup_forms.PeriodForm(data, instance=period, prefix=f"period-{key}", levels=levels)
    form = forms_by_key.get(posted or "")
    if form is not None and form.is_valid():
        saved = next((period for period in periods if str(period.pk) == posted), None)
        values = form.values() if saved else {**form.values(), "year": year}
        try:
            period = followup_setup.save_period(user=request.user, municipality=kept, period=saved, values=values,
                                                per_level=form.per_level())
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": period})
            return redirect(f"{request.path}#period-{period.pk}")
    return render(request, "setup/calendar.html", {
        "municipality": kept, "year": year, "levels": levels, "calendars": CALENDARS,
        "period_forms": [(period, forms_by_key[str(period.pk)]) for period in periods], "new_form": forms_by_key["new"],
        "breadcrumbs": _crumbs(kept, (_("Calendar %(year)s") % {"year": year}, ""))})


@dataclass(frozen=True)
class Item:
    """A kind of configuration item edited on its own page."""

    model: type[models.Model]
    title: Any
    back: str
    form: Any
    municipality_path: str

    def find(self, municipality: Municipality, item_id: int) -> models.Model:
        found = self.model._default_manager.filter(**{self.municipality_path: municipality}, pk=item_id).first()
        if found is None:
            raise Http404("No such item of the municipality")
        return found


ITEMS = {
    "niva": Item(AssessmentLevel, gettext_lazy("Assessment level"), "setup:scale", setup_forms.LevelForm,
                 "scale__municipality"),
    "status": Item(StatusOption, gettext_lazy("Status"), "setup:statuses", setup_forms.StatusForm, "municipality"),
    "grupp": Item(CouncilGoalGroup, gettext_lazy("Group of council goals"), "setup:council_goals",
                  setup_forms.GroupForm, "municipality"),
    "mal": Item(CouncilGoal, gettext_lazy("Council goal"), "setup:council_goals", setup_forms.CouncilGoalForm,
                "municipality"),
}


def _save_item(kind: str, user, municipality: Municipality, item, values: dict):
    if kind == "niva":
        return followup_setup.save_level(user=user, municipality=municipality, level=item, values=values)
    if kind == "status":
        return followup_setup.save_status(user=user, municipality=municipality, status=item, values=values)
    if values.get("order") is None:  # placed last (a new one) or where it is
        values = {key: value for key, value in values.items() if key != "order"}
    if kind == "grupp":
        return council_goals.save_group(user=user, municipality=municipality, group=item, values=values)
    return council_goals.save_council_goal(user=user, municipality=municipality, goal=item, values=values)


def _delete_item(kind: str, user, item) -> None:
    {"niva": lambda: followup_setup.delete_level(user=user, level=item),
     "status": lambda: followup_setup.delete_status(user=user, status=item),
     "grupp": lambda: council_goals.delete_group(user=user, group=item),
     "mal": lambda: council_goals.delete_council_goal(user=user, goal=item)}[kind]()


@login_required
def item_page(request, municipality: str, kind: str, item_id: int):
    """Item 0 is a new one."""
    kept = _get_municipality_for_user(request, municipality)
    spec = ITEMS.get(kind)
    if spec is None:
        raise Http404("No such kind of item")
    item = spec.find(kept, item_id) if item_id else None
    back = reverse(spec.back, args=[kept.slug])
    if request.method == "POST" and item is not None and "delete" in request.POST:
        try:
            _delete_item(kind, request.user, item)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(request.path)
        messages.success(request, _("Deleted: %(item)s") % {"item": item})
        return redirect(back)
    extra = {"municipality": kept} if kind == "mal" else {}
    form = spec.form(request.POST or None, instance=item, **extra)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            saved = _save_item(kind, request.user, kept, item, values)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": saved})
            return redirect(f"{back}#{kind}-{saved.pk}")
    title = str(spec.title) if item else _("New: %(kind)s") % {"kind": spec.title}
    return render(request, "setup/item.html", {
        "municipality": kept, "form": form, "item": item, "title": title,
        "breadcrumbs": _crumbs(kept, (str(spec.title), back), (title, ""))})
