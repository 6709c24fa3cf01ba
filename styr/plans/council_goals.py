"""Every write of a municipality's council goals and their groups, for those who keep the municipality."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from styr.history.models import ChangeSource
from styr.history.services import delete_recorded, save_recorded
from styr.organisation.configuration import Actor, check_keeps
from styr.organisation.models import Municipality
from styr.plans.models import CouncilGoal, CouncilGoalGroup

# Shipped sets of groups: (name, the word for one of them)
GROUP_PRESETS: dict[str, list[tuple[str, str]]] = {
    "huddinge": [("Övergripande mål", "Övergripande mål"), ("Strategiska mål", "Strategiskt mål")],
    "three-level": [("Målområden", "Målområde")],
}


def _kept(user: Actor, municipality: Municipality) -> Municipality:
    locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
    check_keeps(user, locked)
    return locked


def _next_order(queryset) -> int:
    return (queryset.aggregate(last=Max("order"))["last"] or 0) + 1


@transaction.atomic
def install_groups(*, user: Actor, municipality: Municipality, preset: str,
                   source: ChangeSource = ChangeSource.PAGE) -> list[CouncilGoalGroup]:
    municipality = _kept(user, municipality)
    start = _next_order(municipality.council_goal_groups.all())
    return [save_recorded(user=user, instance=CouncilGoalGroup(municipality=municipality), source=source,
                          values={"name": name, "singular": singular, "order": start + offset})
            for offset, (name, singular) in enumerate(GROUP_PRESETS[preset])]


@transaction.atomic
def save_group(*, user: Actor, municipality: Municipality, group: CouncilGoalGroup | None, values: dict,
               source: ChangeSource = ChangeSource.PAGE) -> CouncilGoalGroup:
    """Add a group at the end (`group` None) or change one (name, singular word, order)."""
    municipality = _kept(user, municipality)
    if group is not None and group.municipality_id != municipality.pk:
        raise ValidationError(_("The group is not of this municipality."))
    if group is None and "order" not in values:
        values = {**values, "order": _next_order(municipality.council_goal_groups.all())}
    return save_recorded(user=user, instance=group or CouncilGoalGroup(municipality=municipality), values=values,
                         source=source)


@transaction.atomic
def delete_group(*, user: Actor, group: CouncilGoalGroup, source: ChangeSource = ChangeSource.PAGE) -> None:
    """Remove an empty group; one that holds goals is refused."""
    _kept(user, group.municipality)
    delete_recorded(user=user, instance=group, source=source)


@transaction.atomic
def save_council_goal(*, user: Actor, municipality: Municipality, goal: CouncilGoal | None, values: dict,
                      source: ChangeSource = ChangeSource.PAGE) -> CouncilGoal:
    """Add a council goal at the end (`goal` None; its key made from its name) or change one; its group must be
    of the same municipality."""
    municipality = _kept(user, municipality)
    if goal is not None and goal.municipality_id != municipality.pk:
        raise ValidationError(_("The council goal is not of this municipality."))
    group = values.get("group")
    if group is not None and group.municipality_id != municipality.pk:
        raise ValidationError({"group": _("The group must be of the same municipality.")})
    if goal is None:
        values = {"order": _next_order(municipality.council_goals.all()), **values,
                  "key": _free_key(municipality, values.get("key") or slugify(values.get("name", "")))}
    return save_recorded(user=user, instance=goal or CouncilGoal(municipality=municipality), values=values,
                         source=source)


@transaction.atomic
def delete_council_goal(*, user: Actor, goal: CouncilGoal, source: ChangeSource = ChangeSource.PAGE) -> None:
    """Remove a council goal that no plan has taken yet."""
    _kept(user, goal.municipality)
    delete_recorded(user=user, instance=goal, source=source)


def _free_key(municipality: Municipality, key: str) -> str:
    taken = set(municipality.council_goals.values_list("key", flat=True))
    candidate, suffix = key or "mal", 2
    while candidate in taken:
        candidate, suffix = f"{key}-{suffix}", suffix + 1
    return candidate[:50]
