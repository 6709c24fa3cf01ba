"""Setting up a municipality from a preset: the municipality with its first committee, then the shipped scale,
statuses, period calendar and council goal groups the preset names, all in one transaction."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from styr.followup.configuration import install_preset
from styr.history.models import ChangeSource
from styr.organisation.configuration import Actor, create_municipality
from styr.organisation.models import Municipality
from styr.plans.council_goals import install_groups


@dataclass(frozen=True)
class Preset:
    label: str | Promise
    scale: str | None = None
    statuses: str | None = None
    calendar: str | None = None
    groups: str | None = None


PRESETS: dict[str, Preset] = {
    "huddinge": Preset(
        _("Like Huddinge: four assessment levels, four statuses, the plan, two interim reports and the annual "
          "report, overarching and strategic goals"), "huddinge", "huddinge", "huddinge", "huddinge"),
    "three-level": Preset(
        _("A three-level scale (fully, partly, not met), four statuses, the same periods, one group of goal areas"),
        "three-level", "huddinge", "huddinge", "three-level"),
    "empty": Preset(_("Empty: everything is set up afterwards")),
}


@transaction.atomic
def set_up_municipality(
    *, user: Actor, preset: str, year: int, name: str, short_name: str, slug: str, kolada_id: str, committee: str,
    committee_slug: str, controller: Actor = None, source: ChangeSource = ChangeSource.PAGE,
) -> Municipality:
    """A new municipality from a preset; its year's periods are those of `year`. The user (or `controller`)
    becomes controller of its first committee."""
    chosen = PRESETS[preset]
    municipality = create_municipality(user=user, name=name, short_name=short_name, slug=slug, kolada_id=kolada_id,
                                       committee=committee, committee_slug=committee_slug, controller=controller,
                                       source=source)
    install_preset(user=user, municipality=municipality, scale=chosen.scale, statuses=chosen.statuses,
                   calendar=chosen.calendar, year=year, source=source)
    if chosen.groups is not None:
        install_groups(user=user, municipality=municipality, preset=chosen.groups, source=source)
    return municipality
