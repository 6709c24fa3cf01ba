"""Recording changes. Callers run inside the transaction of the write they record."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from styr.history.models import Change, ChangeAction, ChangeEvent, ChangeSource


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    """The given fields' values in a JSON-safe form (foreign keys by id)."""
    values = {}
    for name in fields:
        value = getattr(instance, instance._meta.get_field(name).attname)  # type: ignore[union-attr]  # concrete fields
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        elif isinstance(value, datetime.date):  # dates and datetimes
            value = value.isoformat()
        values[name] = value
    return values


def record_change(
    *, user, instance: models.Model, before: dict, after: dict, reason: str = "",
    event: ChangeEvent | None = None, source: ChangeSource = ChangeSource.PAGE,
) -> Change | None:
    """Record a write; nothing is recorded when no value changed. `reason` explains an amendment.

    `event` says what kind of act it was (plain "created"/"changed" when not given), `source` by which path.
    """
    changed = {key for key in after if before.get(key) != after[key]}
    if before and not changed:
        return None
    return Change.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
        before={key: before.get(key) for key in sorted(changed)} if before else {},
        after={key: after[key] for key in sorted(changed)} if before else after,
        user=user if user is not None and user.is_authenticated else None,
        reason=reason,
        event=event or (ChangeEvent.CHANGED if before else ChangeEvent.CREATED),
        source=source,
    )


def record_deletion(*, user, instance: models.Model, source: ChangeSource = ChangeSource.PAGE) -> Change:
    """Record that an object is deleted, with its last values; call before deleting it."""
    fields = [field.name for field in instance._meta.concrete_fields]
    return Change.objects.create(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk),
        object_repr=str(instance)[:300], action=ChangeAction.DELETE, before=snapshot(instance, fields), after={},
        user=user if user is not None and user.is_authenticated else None,
        event=ChangeEvent.DELETED, source=source,
    )


def save_recorded[M: models.Model](*, user, instance: M, values: dict, source: ChangeSource = ChangeSource.PAGE) -> M:
    """Set `values` on the instance (new or saved), validate it, save it and record the change.

    For configuration written through services; the caller holds the transaction and has checked permissions.
    Returns the object saved (for a saved one, as read again from the database).
    """
    fields = list(values)
    if instance.pk:  # compare with what is saved (a form may have changed the object it was given), locked
        instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = snapshot(instance, fields) if instance.pk else {}
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    recorded = fields if before else [field.name for field in instance._meta.concrete_fields if not field.primary_key]
    record_change(user=user, instance=instance, before=before, after=snapshot(instance, recorded), source=source)
    return instance


def delete_recorded(*, user, instance: models.Model, source: ChangeSource = ChangeSource.PAGE) -> None:
    """Delete the instance and record it; refused with a ValidationError while other objects still use it."""
    record_deletion(user=user, instance=instance, source=source)
    try:
        with transaction.atomic():
            instance.delete()
    except models.ProtectedError:
        raise ValidationError(_("%(object)s is still in use and cannot be removed.") % {"object": instance}) from None
