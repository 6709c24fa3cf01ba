"""The base of Styr's admin: every write recorded (who, when, before, after, source "admin"),
optimistic locking, and users' text cleaned and length-checked like on every other path.

Scoping (which objects a user may see and choose) is added on top in `styr.organisation.admin_site`.
"""

import hashlib
import json
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from styr.core.forms import NumberField
from styr.core.text import clean_and_check
from styr.history.models import ChangeSource
from styr.history.services import record_change, record_deletion, snapshot


def _fields(instance) -> list[str]:
    return [field.name for field in instance._meta.concrete_fields]


def _fingerprint(instance) -> str:
    """A digest of the saved values, to notice that someone else saved while a form was open."""
    values = snapshot(instance, _fields(instance))
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


class AdminForm(forms.ModelForm):
    """Every admin form and inline row: text cleaned and checked, and the rules of the row.

    `user` is the requesting user (set by the admin that makes the form). A model whose rows carry
    rules beyond the model's own `clean()` (who may grant a role, what a decision locks) overrides
    `refusal(user)` (for saving) and `deletion_refusal(user)`; superusers are asked too.
    """

    user = None

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and isinstance(self.fields.get(name), forms.CharField):
                try:
                    cleaned[name] = clean_and_check(value, label=str(self.fields[name].label or name))
                except ValidationError as error:
                    self.add_error(name, error)
        if self.user is not None and (self.has_changed() or not self.instance.pk):
            message = self.refusal(self.user)
            if message:
                raise ValidationError(message)
        return cleaned

    def refusal(self, user) -> str | None:
        """Why this user may not save the form's values (None: they may); asked of new and changed rows."""
        return None

    def deletion_refusal(self, user) -> str | None:
        """Why this user may not delete the form's object (None: they may)."""
        return None


class LockedForm(AdminForm):
    """Carries the object's fingerprint from opening to saving; a changed fingerprint refuses the save."""

    fingerprint = forms.CharField(label=_("version read"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["fingerprint"].initial = _fingerprint(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            saved = type(self.instance).objects.filter(pk=self.instance.pk).first()
            if saved is not None and _fingerprint(saved) != cleaned.get("fingerprint"):
                raise ValidationError(_(
                    "Someone else saved this after you opened it. Your changes are still in the form; "
                    "open the object in a new tab to see the saved version, combine them and save again."
                ))
        return cleaned


class AdminInlineFormSet(forms.BaseInlineFormSet):
    """Inline rows marked for deletion are asked whether the user may delete them."""

    def clean(self):
        super().clean()
        if self.form.user is None:
            return
        for form in self.deleted_forms:
            message = form.instance.pk and form.deletion_refusal(self.form.user)
            if message:
                raise ValidationError(message)


class TabularInlineFormSet(AdminInlineFormSet):
    """A table's rows show their labels only as column headings: each field is named for screen readers."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            widget = field.widget
            while hasattr(widget, "widget"):  # the admin's related-object wrapper: its attrs are not the copy it renders
                widget = widget.widget
            if field.label:
                widget.attrs.setdefault("aria-label", str(field.label))


def _with_user(form_class, user):
    """The form class with the requesting user attached (forms are classes made per request)."""
    return type(form_class.__name__, (form_class,), {"user": user})


def _audited_save(user, obj, save) -> None:
    saved = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    before = snapshot(saved, _fields(obj)) if saved else {}
    save()
    record_change(user=user, instance=obj, before=before, after=snapshot(obj, _fields(obj)), source=ChangeSource.ADMIN)


# Numbers in the admin are read and shown as everywhere else in Styr: "1 250,5", "70,0".
NUMBER_FIELDS: dict[type[models.Field], dict[str, Any]] = {models.DecimalField: {"form_class": NumberField}}


class AuditedAdmin(admin.ModelAdmin):
    """Admin writes get the same history as Styr's own (who, when, before, after) and optimistic locking."""

    form = LockedForm
    formfield_overrides = NUMBER_FIELDS

    def get_form(self, request, obj=None, change=False, **kwargs):
        return _with_user(super().get_form(request, obj, change, **kwargs), request.user)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or not self.get_form(request, obj)(instance=obj).deletion_refusal(request.user)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            _audited_save(request.user, obj, lambda: super(AuditedAdmin, self).save_model(request, obj, form, change))

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_deletion(user=request.user, instance=obj, source=ChangeSource.ADMIN)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        """"Delete selected" asks for each object what a single delete asks, and records each."""
        with transaction.atomic():
            objects = list(queryset)
            if not all(self.has_delete_permission(request, obj) for obj in objects):
                raise PermissionDenied
            for obj in objects:
                record_deletion(user=request.user, instance=obj, source=ChangeSource.ADMIN)
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        """Inline rows (targets, activities, …) are audited one by one too."""
        with transaction.atomic():
            for deleted in [inline.instance for inline in formset.deleted_forms if inline.instance.pk]:
                record_deletion(user=request.user, instance=deleted, source=ChangeSource.ADMIN)
            befores = {
                inline.instance.pk: snapshot(type(inline.instance).objects.get(pk=inline.instance.pk), _fields(inline.instance))
                for inline in formset.forms if inline.instance.pk and inline.has_changed()
            }
            super().save_formset(request, form, formset, change)
            for inline in formset.forms:
                instance = inline.instance
                if instance.pk and inline.has_changed() and inline not in formset.deleted_forms:
                    record_change(user=request.user, instance=instance, before=befores.get(instance.pk, {}),
                                  after=snapshot(instance, _fields(instance)), source=ChangeSource.ADMIN)


class AuditedInline(admin.options.InlineModelAdmin):
    """An inline whose rows go through the same form rules as the admin they sit in."""

    form = AdminForm
    formset = AdminInlineFormSet
    formfield_overrides = NUMBER_FIELDS
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _with_user(formset.form, request.user)
        return formset

