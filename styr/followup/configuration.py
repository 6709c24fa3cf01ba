"""Every write of a municipality's follow-up configuration: its assessment scale and levels, its statuses,
its follow-up periods and their deadlines per level. (Periods are not removed here: their reports hang on them.)

Only those who keep the municipality write them (checked inside the transaction); every write is recorded.
"""

import datetime
import itertools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styr.followup.models import (
    AssessmentLevel,
    AssessmentScale,
    Deadline,
    FollowUpPeriod,
    MeasureTableLayout,
    StatusOption,
)
from styr.followup.presets import SCALES, STATUS_SETS, calendar_periods
from styr.history.models import ChangeSource
from styr.history.services import delete_recorded, save_recorded
from styr.organisation.configuration import Actor, check_keeps
from styr.organisation.models import Municipality, OrganisationUnit, UnitKind

# The levels from the bottom of the tree up: a level's deadline is never after that of a level above it.
LEVELS_UPWARDS = [UnitKind.UNIT, UnitKind.AREA, UnitKind.ADMINISTRATION, UnitKind.COMMITTEE]


def _kept(user: Actor, municipality: Municipality) -> Municipality:
    """The municipality, locked for this transaction, once the user is found to keep it."""
    locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
    check_keeps(user, locked)
    return locked


@transaction.atomic
def install_preset(*, user: Actor, municipality: Municipality, scale: str | None, statuses: str | None,
                   calendar: str | None, year: int | None = None, source: ChangeSource = ChangeSource.PAGE) -> None:
    """Give a municipality a shipped scale, status set and the periods of `year` (each where named); a new scale
    replaces the levels, which is refused while assessments use them."""
    municipality = _kept(user, municipality)
    if scale is not None:
        name, levels = SCALES[scale]
        saved = AssessmentScale.objects.filter(municipality=municipality).first()
        assessment_scale = save_recorded(user=user, instance=saved or AssessmentScale(municipality=municipality),
                                         values={"name": name}, source=source)
        for level in assessment_scale.levels.all():
            delete_recorded(user=user, instance=level, source=source)
        for order, level_preset in enumerate(levels, start=1):
            save_recorded(user=user, instance=AssessmentLevel(scale=assessment_scale),
                          values={"order": order, **vars(level_preset)}, source=source)
    if statuses is not None:
        existing = {option.key: option for option in StatusOption.objects.filter(municipality=municipality)}
        for order, status in enumerate(STATUS_SETS[statuses], start=1):
            save_recorded(user=user, instance=existing.get(status.key) or StatusOption(municipality=municipality),
                          values={"order": order, **vars(status)}, source=source)
    if calendar is not None and year is not None:
        taken = set(FollowUpPeriod.objects.filter(municipality=municipality, year=year).values_list("slug", flat=True))
        for period in calendar_periods(municipality, year, calendar):
            if period.slug not in taken:
                save_recorded(user=user, instance=period, values={}, source=source)


@transaction.atomic
def save_measure_table_layout(*, user: Actor, municipality: Municipality, values: dict,
                              source: ChangeSource = ChangeSource.PAGE) -> MeasureTableLayout:
    """Which columns the municipality's measure tables show (its first save makes its own layout)."""
    municipality = _kept(user, municipality)
    layout = MeasureTableLayout.of(municipality.pk)
    if layout.pk is not None and all(getattr(layout, name) == value for name, value in values.items()):
        return layout
    return save_recorded(user=user, instance=layout, values=values, source=source)


@transaction.atomic
def save_scale(*, user: Actor, municipality: Municipality, name: str,
               source: ChangeSource = ChangeSource.PAGE) -> AssessmentScale:
    municipality = _kept(user, municipality)
    saved = AssessmentScale.objects.filter(municipality=municipality).first()
    return save_recorded(user=user, instance=saved or AssessmentScale(municipality=municipality),
                         values={"name": name}, source=source)


@transaction.atomic
def save_level(*, user: Actor, municipality: Municipality, level: AssessmentLevel | None, values: dict,
               source: ChangeSource = ChangeSource.PAGE) -> AssessmentLevel:
    """Add a level to the municipality's scale (`level` None) or change one of its levels."""
    municipality = _kept(user, municipality)
    scale = AssessmentScale.objects.filter(municipality=municipality).first()
    if scale is None:
        raise ValidationError(_("Name the assessment scale first."))
    if level is not None and level.scale_id != scale.pk:
        raise ValidationError(_("The level is not of this municipality's scale."))
    return save_recorded(user=user, instance=level or AssessmentLevel(scale=scale), values=values, source=source)


@transaction.atomic
def delete_level(*, user: Actor, level: AssessmentLevel, source: ChangeSource = ChangeSource.PAGE) -> None:
    _kept(user, level.scale.municipality)
    delete_recorded(user=user, instance=level, source=source)


@transaction.atomic
def save_status(*, user: Actor, municipality: Municipality, status: StatusOption | None, values: dict,
                source: ChangeSource = ChangeSource.PAGE) -> StatusOption:
    municipality = _kept(user, municipality)
    if status is not None and status.municipality_id != municipality.pk:
        raise ValidationError(_("The status is not of this municipality."))
    return save_recorded(user=user, instance=status or StatusOption(municipality=municipality), values=values,
                         source=source)


@transaction.atomic
def delete_status(*, user: Actor, status: StatusOption, source: ChangeSource = ChangeSource.PAGE) -> None:
    _kept(user, status.municipality)
    delete_recorded(user=user, instance=status, source=source)


def levels_in_use(municipality: Municipality) -> list[str]:
    """The levels of the organisation the municipality has units at, from the bottom up."""
    kinds = set(OrganisationUnit.objects.filter(municipality=municipality).values_list("kind", flat=True))
    return [kind for kind in LEVELS_UPWARDS if kind in kinds]


def check_deadlines(as_of: datetime.date, deadline: datetime.date | None,
                    per_level: dict[str, datetime.date | None], levels: list[str]) -> None:
    """Deadlines come after the date the period reports on, and a level is never due after a level above it."""
    errors: dict[str, list[str]] = {}
    if deadline is not None and deadline < as_of:
        errors.setdefault("deadline", []).append(_("The deadline must not be before the date reported on."))
    for kind, date in per_level.items():
        if kind not in levels:
            raise ValidationError(_("The municipality has no units at the level %(level)s.") % {"level": kind})
        if date is not None and date < as_of:
            errors.setdefault(kind, []).append(_("The deadline must not be before the date reported on."))
    due = [(kind, per_level.get(kind) or deadline) for kind in levels]
    for (lower, lower_date), (upper, upper_date) in itertools.combinations(due, 2):
        if lower_date and upper_date and lower_date > upper_date and lower not in errors:
            errors.setdefault(lower if per_level.get(lower) else upper, []).append(
                _("A level cannot be due after the level above it (%(level)s, %(date)s).")
                % {"level": UnitKind(upper).label, "date": upper_date.isoformat()})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_period(*, user: Actor, municipality: Municipality, period: FollowUpPeriod | None, values: dict,
                per_level: dict[str, datetime.date | None], source: ChangeSource = ChangeSource.PAGE) -> FollowUpPeriod:
    """Add a follow-up period (`period` None) or change one, with its default deadline and the deadline per level
    (None: the level follows the default)."""
    municipality = _kept(user, municipality)
    if period is not None and period.municipality_id != municipality.pk:
        raise ValidationError(_("The period is not of this municipality."))
    instance = period or FollowUpPeriod(municipality=municipality)
    check_deadlines(values.get("as_of", instance.as_of), values.get("deadline", instance.deadline), per_level,
                    levels_in_use(municipality))
    saved = save_recorded(user=user, instance=instance, values=values, source=source)
    existing = {row.unit_kind: row for row in Deadline.objects.filter(period=saved)}
    for kind, date in per_level.items():
        row = existing.get(kind)
        if date is None and row is not None:
            delete_recorded(user=user, instance=row, source=source)
        elif date is not None and (row is None or row.date != date):
            save_recorded(user=user, instance=row or Deadline(period=saved, unit_kind=kind), values={"date": date},
                          source=source)
    return saved

