"""Outcomes derived, not typed: a measure whose `ledger_figure` is set has its outcome written by the economy
(styr.economy, source "ledger") from the committee's figures each follow-up. The follow-up shows it read-only,
with the level the municipality's criteria suggest beside the committee's own; the follow-up cannot know the
app above it, so the economy registers its suggestion here when it starts (EconomyConfig.ready)."""

from collections.abc import Callable

from styr.followup.models import AssessmentLevel, FollowUpPeriod
from styr.plans.models import Measure

Suggest = Callable[[list[Measure], FollowUpPeriod], dict[int, AssessmentLevel | None]]
_suggesters: list[Suggest] = []


def register_suggestion(suggest: Suggest) -> None:
    if suggest not in _suggesters:
        _suggesters.append(suggest)


def suggested_levels(measures: list[Measure], period: FollowUpPeriod) -> dict[int, AssessmentLevel | None]:
    """The level suggested for each derived measure's outcome in the period (None: no criterion holds)."""
    derived = [measure for measure in measures if measure.ledger_figure]
    found: dict[int, AssessmentLevel | None] = {}
    for suggest in _suggesters if derived else []:
        found.update(suggest(derived, period))
    return found
