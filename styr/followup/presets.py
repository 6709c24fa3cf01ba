"""Assessment scales and status sets that ship with Styr; a municipality can change them in the admin."""

from dataclasses import dataclass

from django.db import transaction

from styr.followup.models import AssessmentLevel, AssessmentScale, StatusOption
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
