"""The plan editor's optimistic lock: a form carries the version of the item it was read from (a digest of the
item's saved values, and for a measure of its targets too), and a save is refused when the item has changed
since, so that nobody overwrites another's change unseen. The plan's items keep no version column: their
values are the version."""

import hashlib
import json

from django.db import models
from django.utils.translation import gettext as _

from styr.history.services import snapshot
from styr.plans.models import Measure
from styr.plans.services import WriteRefused

TARGET_FIELDS = ["year", "kind", "comparator", "value"]


def version(item: models.Model | None) -> str:
    """The item's version as its form carries it ("" for a new item)."""
    if item is None:
        return ""
    values = snapshot(item, [field.name for field in item._meta.concrete_fields if not field.primary_key])
    if isinstance(item, Measure):
        values["targets"] = [snapshot(target, TARGET_FIELDS) for target in item.targets.order_by("year")]
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:20]


def check_version(item: models.Model, posted: str) -> None:
    """Lock the item and refuse the save if it is no longer the version the form was read from; run in the
    save's transaction."""
    fresh = type(item)._default_manager.select_for_update().get(pk=item.pk)
    if version(fresh) != posted:
        raise WriteRefused(_("Someone else changed %(item)s after you opened this page, so nothing was saved. "
                             "Open it again to see the change, then make yours.") % {"item": fresh})
