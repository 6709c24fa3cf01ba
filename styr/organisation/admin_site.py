"""The admin site, entered by the roles the permission table lets keep the structure, and its scoping.

Every object belongs to a unit or to a municipality, found by following its required foreign keys
(a goal by `plan__unit`, an assessment level by `scale__municipality`). A user keeps the structure of
the units below the ones where the table lets them edit it; a municipality-level object (its scale,
statuses, periods, council goals) is kept by whoever keeps the structure of a top-level unit of it.

The same scope limits what an admin lists and what every foreign key of its forms and inlines may
point at, so an id posted from outside it is refused by the form like any unknown id. A foreign key
that places the object (a goal's plan, a measure's unit) must be within what the user keeps; other
references (a unit's parent, a unit goal's committee goal, a goal's council goal) may also point at
what the user works under: the units above theirs and their municipality's objects.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from styr.core.text import clean_text
from styr.history.audited_admin import AuditedAdmin, AuditedInline, TabularInlineFormSet
from styr.organisation.memberships import people_in_scope
from styr.organisation.models import Membership, Municipality, OrganisationUnit
from styr.organisation.permissions import Action, State, Subject, allowed


def picker_label(obj) -> str:
    """How a choice is named in a picker: with its context where the model gives one (a goal with its plan)."""
    return getattr(obj, "picker_label", str(obj))


def with_picker_context(queryset: models.QuerySet) -> models.QuerySet:
    """The objects a picker names with their context, loaded with that context (PICKER_RELATED)."""
    related = getattr(queryset.model, "PICKER_RELATED", ())
    return queryset.select_related(*related) if related else queryset


class PickerAutocompleteView(AutocompleteJsonView):
    """The admin's search-as-you-type pickers name each choice as the plain pickers do."""

    def get_queryset(self):
        return with_picker_context(super().get_queryset())

    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "text": picker_label(obj)}


class StyrAdminSite(admin.AdminSite):
    site_header = _("Styr – administration")
    site_title = _("Styr")
    index_title = _("Structure, scales and periods")

    def autocomplete_view(self, request):
        return PickerAutocompleteView.as_view(admin_site=self)(request)

    def has_permission(self, request) -> bool:
        user = request.user
        if not user.is_active or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        units = {membership.unit for membership in Membership.objects.filter(user=user).select_related("unit")}
        return any(
            allowed(user, subject=Subject.STRUCTURE, action=Action.VIEW, unit=unit, state=State.ANY) for unit in units
        )

    def register(self, model_or_iterable, admin_class=None, **options):
        """Admins that are not scoped to units (users, tokens, tasks, the logs) are for superusers only."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ScopedAdmin):
            admin_class = type(admin_class.__name__, (SuperusersOnly, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)


class CleanSearch:
    """A search term is users' text too: a NUL in it cannot even be sent to PostgreSQL."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, clean_text(search_term))


class SuperusersOnly(CleanSearch):
    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@dataclass(frozen=True)
class Scope:
    units: frozenset[int]              # units whose structure the user keeps
    units_and_above: frozenset[int]    # those and the units above them
    municipalities: frozenset[int]     # municipalities of those units
    kept_municipalities: frozenset[int]  # municipalities where the user keeps a top-level unit


def scope_of(user) -> Scope:
    """The user's scope, computed once per request (kept on the request's user object)."""
    cached = getattr(user, "_styr_admin_scope", None)
    if cached is not None:
        return cached
    units: set[int] = set()
    above: set[int] = set()
    for membership in Membership.objects.filter(user=user).select_related("unit"):
        if allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=membership.unit, state=State.ANY):
            units |= membership.unit.subtree_ids()
            above |= {ancestor.pk for ancestor in membership.unit.ancestors()}
    kept = OrganisationUnit.objects.filter(pk__in=units)
    scope = Scope(
        units=frozenset(units), units_and_above=frozenset(units | above),
        municipalities=frozenset(kept.values_list("municipality_id", flat=True)),
        kept_municipalities=frozenset(kept.filter(parent=None).values_list("municipality_id", flat=True)),
    )
    user._styr_admin_scope = scope
    return scope


def scope_path(model: type[models.Model]) -> tuple[str, type[models.Model]] | None:
    """The lookup from the model to the unit it belongs to, else to its municipality (None: neither).

    Only required foreign keys are followed, nearest first: a goal's `plan__unit`, a target's
    `measure__unit`, a deadline's `period__municipality`.
    """
    if model in (OrganisationUnit, Municipality):
        return "pk", model
    found: dict[type[models.Model], str] = {}
    queue, seen = [(model, "")], {model}
    while queue:
        current, prefix = queue.pop(0)
        for field in current._meta.concrete_fields:
            target, path = field.related_model, prefix + field.name
            if target is None or field.null:
                continue
            if target in (OrganisationUnit, Municipality):
                found.setdefault(target, path)
            elif target not in seen:
                seen.add(target)
                queue.append((target, path + "__"))
    for target in (OrganisationUnit, Municipality):
        if target in found:
            return found[target], target
    return None


def placing_fields(model: type[models.Model]) -> set[str]:
    """The foreign key that places an object under what it belongs to (a goal's plan, a level's scale).

    A unit's parent is a reference: a unit may be placed under any unit the user works under, which
    keeps it within the subtree of those who kept it before.
    """
    found = scope_path(model)
    return set() if found is None or found[0] == "pk" else {found[0].split("__")[0]}


def scoped(queryset: models.QuerySet, user, *, placing: bool) -> models.QuerySet:
    """The objects of the queryset within the user's scope: what they keep (`placing`), or may refer to."""
    if user.is_superuser:
        return queryset
    scope = scope_of(user)
    if queryset.model is get_user_model():
        return queryset.filter(pk__in=people_in_scope(user).values("pk"))
    found = scope_path(queryset.model)
    if found is None:
        return queryset.none()
    path, target = found
    if target is OrganisationUnit:
        ids = scope.units if placing else scope.units_and_above
    else:
        ids = scope.kept_municipalities if placing else scope.municipalities
    return queryset.filter(**{f"{path}__in": ids})


class ScopedFields:
    """Every foreign key and many-to-many field of the form offers, and accepts, only objects in scope."""

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(db)
        return with_picker_context(scoped(queryset, request.user, placing=db_field.name in placing_fields(self.model)))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.ModelChoiceField):
            field.label_from_instance = picker_label
        return field

    def get_autocomplete_fields(self, request):
        """Optional fields are plain selects: an empty select2 box has no accessible name (axe
        aria-input-field-name), and the scope keeps the choices few."""
        return [name for name in super().get_autocomplete_fields(request) if not self.model._meta.get_field(name).null]


class ScopedAdmin(CleanSearch, ScopedFields, AuditedAdmin):
    """A model admin that lists, shows and changes only objects in the user's scope (others are 404)."""

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user, placing=True)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("No such object."))
        return obj

    def get_list_filter(self, request):
        """Filters on related objects offer only those the listed objects refer to."""
        return [
            (name, admin.RelatedOnlyFieldListFilter)
            if isinstance(name, str) and get_fields_from_path(self.model, name)[-1].is_relation else name
            for name in super().get_list_filter(request)
        ]


class ScopedTabularInline(ScopedFields, AuditedInline):
    template = admin.TabularInline.template
    formset = TabularInlineFormSet


class ScopedStackedInline(ScopedFields, AuditedInline):
    template = admin.StackedInline.template
