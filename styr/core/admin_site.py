"""The admin site, entered by the roles the permission table lets keep the structure."""

import hashlib
import json

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from styr.history.services import record_change, record_deletion, snapshot
from styr.organisation.models import Membership
from styr.organisation.permissions import Action, State, Subject, allowed


class StyrAdminSite(admin.AdminSite):
    site_header = _("Styr – administration")
    site_title = _("Styr")
    index_title = _("Structure, scales and periods")

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


def structure_unit_ids(user) -> set[int] | None:
    """Units whose structure the user may keep (None: all, for superusers)."""
    if user.is_superuser:
        return None
    ids: set[int] = set()
    for membership in Membership.objects.filter(user=user).select_related("unit"):
        if allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=membership.unit, state=State.ANY):
            ids |= membership.unit.subtree_ids()
    return ids


def _fingerprint(instance) -> str:
    """A digest of the saved values, to notice that someone else saved while a form was open."""
    values = snapshot(instance, [field.name for field in instance._meta.concrete_fields])
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


class LockedAuditedForm(forms.ModelForm):
    """Carries the object's fingerprint from opening to saving; a changed fingerprint refuses the save."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["fingerprint"].initial = _fingerprint(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            saved = type(self.instance).objects.filter(pk=self.instance.pk).first()
            if saved is not None and _fingerprint(saved) != cleaned.get("fingerprint"):
                raise forms.ValidationError(_(
                    "Someone else saved this after you opened it. Your changes are still in the form; "
                    "open the object in a new tab to see the saved version, combine them and save again."
                ))
        return cleaned


def _fields(instance) -> list[str]:
    return [field.name for field in instance._meta.concrete_fields]


def _audited_save(user, obj, save) -> None:
    saved = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    before = snapshot(saved, _fields(obj)) if saved else {}
    save()
    record_change(user=user, instance=obj, before=before, after=snapshot(obj, _fields(obj)))


class AuditedAdmin(admin.ModelAdmin):
    """Admin writes get the same history as Styr's own (who, when, before, after) and optimistic locking."""

    form = LockedAuditedForm

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            _audited_save(request.user, obj, lambda: super(AuditedAdmin, self).save_model(request, obj, form, change))

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_deletion(user=request.user, instance=obj)
            super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows (targets, activities, …) are audited one by one too."""
        with transaction.atomic():
            for deleted in [inline.instance for inline in formset.deleted_forms if inline.instance.pk]:
                record_deletion(user=request.user, instance=deleted)
            befores = {
                inline.instance.pk: snapshot(inline.instance.__class__.objects.get(pk=inline.instance.pk), _fields(inline.instance))
                for inline in formset.forms if inline.instance.pk and inline.has_changed()
            }
            super().save_formset(request, form, formset, change)
            for inline in formset.forms:
                instance = inline.instance
                if instance.pk and inline.has_changed() and inline not in formset.deleted_forms:
                    record_change(user=request.user, instance=instance, before=befores.get(instance.pk, {}),
                                  after=snapshot(instance, _fields(instance)))


class UnitScopedAdmin(AuditedAdmin):
    """A model admin that shows and changes only objects of the units the user keeps the structure of.

    `unit_path` is the lookup from the model to its organisational unit, e.g. "plan__unit".
    """

    unit_path = "unit"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = structure_unit_ids(request.user)
        return queryset if ids is None else queryset.filter(**{f"{self.unit_path}__in": ids})

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def _in_scope(self, request, obj) -> bool:
        if obj is None:
            return True
        ids = structure_unit_ids(request.user)
        return ids is None or self.get_queryset(request).filter(pk=obj.pk).exists()
