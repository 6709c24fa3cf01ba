"""Assessment scales, status sets and period calendars that ship with Styr; a municipality changes them on
its setup pages."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from styr.followup.models import AssessmentLevel, AssessmentScale, FollowUpPeriod, PeriodKind, StatusOption
from styr.organisation.models import Municipality


@dataclass(frozen=True)
class LevelPreset:
    key: str
    label: str
    description: str
    colour: str
    icon: str
    is_evaluable: bool = True


@dataclass(frozen=True)
class StatusPreset:
    key: str
    label: str
    colour: str
    icon: str
    is_done: bool = False


SCALES: dict[str, tuple[str, list[LevelPreset]]] = {
    "huddinge": (
        "Huddinges gemensamma kriterier",
        [
            LevelPreset("mycket-god", "Mycket god", "Över den nivå som är planerad", "#1b5e20", "◆"),
            LevelPreset("god", "God", "I nivå med vad som är planerat", "#2e7d32", "●"),
            LevelPreset(
                "godtagbar", "Godtagbar",
                "Under den nivå som är planerad, men annat har skett som påverkat möjligheterna", "#8a5300", "▲",
            ),
            LevelPreset("ej-godtagbar", "Ej godtagbar", "Under den nivå som är planerad", "#a4161a", "■"),
        ],
    ),
    "three-level": (
        "Tregradig skala",
        [
            LevelPreset("helt-uppfyllt", "Helt uppfyllt", "Målet är nått", "#2e7d32", "●"),
            LevelPreset("delvis-uppfyllt", "Delvis uppfyllt", "Målet är delvis nått", "#8a5300", "▲"),
            LevelPreset("ej-uppfyllt", "Ej uppfyllt", "Målet är inte nått", "#a4161a", "■"),
            LevelPreset(
                "kunde-inte-utvarderas", "Kunde inte utvärderas", "Underlag saknas för en bedömning",
                "#5f6368", "?", is_evaluable=False,
            ),
        ],
    ),
}

STATUS_SETS: dict[str, list[StatusPreset]] = {
    "huddinge": [
        StatusPreset("klart", "Klart", "#1b6b35", "✓", is_done=True),
        StatusPreset("blir-klart", "Blir klart i år", "#00507a", "●"),
        StatusPreset("troligen-klart", "Troligen klart i år", "#8a5300", "◐"),
        StatusPreset("ej-klart", "Ej klart i år", "#a4161a", "✕"),
    ],
}


@dataclass(frozen=True)
class PeriodPreset:
    slug: str
    kind: PeriodKind
    name: str
    year_offset: int  # the plan is decided the year before the year it plans
    month: int
    day: int

    def as_of(self, year: int) -> datetime.date:
        return datetime.date(year + self.year_offset, self.month, self.day)


CALENDARS: dict[str, list[PeriodPreset]] = {
    "huddinge": [
        PeriodPreset("vp", PeriodKind.PLAN, "Verksamhetsplan", -1, 11, 30),
        PeriodPreset("d1", PeriodKind.INTERIM_1, "Delårsrapport 1", 0, 3, 31),
        PeriodPreset("d2", PeriodKind.INTERIM_2, "Delårsrapport 2", 0, 8, 31),
        PeriodPreset("vb", PeriodKind.ANNUAL_REPORT, "Verksamhetsberättelse", 0, 12, 31),
    ],
}


def calendar_periods(municipality: Municipality, year: int, calendar: str = "huddinge") -> list[FollowUpPeriod]:
    """The year's follow-up periods of a shipped calendar, unsaved."""
    return [FollowUpPeriod(municipality=municipality, year=year, kind=spec.kind, slug=spec.slug, name=spec.name,
                           as_of=spec.as_of(year))
            for spec in CALENDARS[calendar]]


@transaction.atomic
def install_presets(municipality: Municipality, *, scale: str = "huddinge", statuses: str = "huddinge") -> None:
    """Give a municipality a shipped scale and status set, replacing the levels it had."""
    name, levels = SCALES[scale]
    assessment_scale, _ = AssessmentScale.objects.update_or_create(
        municipality=municipality, defaults={"name": name}
    )
    assessment_scale.levels.all().delete()
    AssessmentLevel.objects.bulk_create(
        AssessmentLevel(scale=assessment_scale, order=order, **vars(level))
        for order, level in enumerate(levels, start=1)
    )
    for order, status in enumerate(STATUS_SETS[statuses], start=1):
        StatusOption.objects.update_or_create(
            municipality=municipality, key=status.key,
            defaults={"order": order, **{k: v for k, v in vars(status).items() if k != "key"}},
        )
