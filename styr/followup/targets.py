"""Writing a measure's target for a year (etappmål), from the plan editor and the next year's review.

A target lives with the follow-up because the follow-up locks it: once a follow-up of its year is decided
by a plan showing the measure, the target is part of that record and stays (`locks.target_is_decided`).
"""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from styr.followup.locks import target_is_decided
from styr.history.models import ChangeSource
from styr.history.services import record_deletion
from styr.plans.models import Measure, Target
from styr.plans.services import WriteRefused, may_keep_structure, save_recorded


def _guard(user: User | None, measure: Measure, year: int) -> Measure:
    measure = Measure.objects.select_for_update().select_related("unit").get(pk=measure.pk)
    if not may_keep_structure(user, measure.unit):
        raise WriteRefused(_("You may not change the targets of %(unit)s.") % {"unit": measure.unit})
    if target_is_decided(measure=measure, year=year):
        raise WriteRefused(_("A follow-up of %(year)s showing this measure is decided, so its target for %(year)s "
                             "can no longer change.") % {"year": year})
    return measure


@transaction.atomic
def save_target(
    *, user: User | None, measure: Measure, year: int, kind: str, comparator: str = "", value: Decimal | None = None,
    source: ChangeSource = ChangeSource.PAGE,
) -> Target:
    """Set the measure's target for the year (created if the year has none)."""
    measure = _guard(user, measure, year)
    target = Target.objects.filter(measure=measure, year=year).first() or Target(measure=measure, year=year)
    return save_recorded(user=user, instance=target, source=source,
                         values={"kind": kind, "comparator": comparator, "value": value})


@transaction.atomic
def delete_target(*, user: User | None, measure: Measure, year: int, source: ChangeSource = ChangeSource.PAGE) -> None:
    """The year has no target for the measure (it is then followed without one)."""
    measure = _guard(user, measure, year)
    target = Target.objects.filter(measure=measure, year=year).first()
    if target is not None:
        record_deletion(user=user, instance=target, source=source)
        target.delete()
