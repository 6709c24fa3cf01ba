"""Derived follow-up values: trend, whether a target is met, and suggested combined assessments."""

from decimal import Decimal
from enum import StrEnum
from statistics import median_high

from django.utils.translation import gettext_lazy as _

from styr.plans.models import Comparator, Direction, MeasureKind, TargetKind


class Trend(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return str(TREND_LABELS[self])


TREND_LABELS = {Trend.POSITIVE: _("Positive"), Trend.NEGATIVE: _("Negative"), Trend.UNCHANGED: _("Unchanged")}


def trend(
    direction: str, current: Decimal | None, previous: Decimal | None, threshold: Decimal = Decimal(0)
) -> Trend | None:
    """The trend of the total against last year, read through the measure's direction.

    A change within the measure's threshold is "unchanged" (the seed calls 42 % → 41 % so);
    a larger change of a measure without a better direction is not judged.
    """
    if current is None or previous is None:
        return None
    if abs(current - previous) <= threshold:
        return Trend.UNCHANGED
    if direction == Direction.NONE:
        return None
    improved = current > previous if direction == Direction.HIGHER else current < previous
    return Trend.POSITIVE if improved else Trend.NEGATIVE


COMPARE = {
    Comparator.AT_LEAST: lambda value, target: value >= target,
    Comparator.ABOVE: lambda value, target: value > target,
    Comparator.AT_MOST: lambda value, target: value <= target,
    Comparator.BELOW: lambda value, target: value < target,
    Comparator.EQUAL: lambda value, target: value == target,
}


def target_met(
    *,
    kind: str,
    measure_kind: str,
    direction: str,
    current: Decimal | None,
    previous: Decimal | None = None,
    target_value: Decimal | None = None,
    comparator: str = "",
    previous_county_average: Decimal | None = None,
) -> bool | None:
    """Whether the year's outcome meets its target; None where it cannot be judged (yet).

    "Above the county average" is judged against last year's county average, the level the
    committee knew when it set the target. A direction with a number ("Minska" to 8,8 %) is judged
    against the number; a direction alone against last year's outcome. The answer is a suggestion:
    the committee's own judgement (`MeasureAnalysis.target_met`) is what the reports state.
    """
    if current is None or measure_kind == MeasureKind.INDICATOR:
        return None
    if kind == TargetKind.NUMBER:
        if target_value is None:
            return None
        if not comparator:
            comparator = Comparator.AT_MOST if direction == Direction.LOWER else Comparator.AT_LEAST
        return COMPARE[Comparator(comparator)](current, target_value)
    if kind in (TargetKind.INCREASE, TargetKind.DECREASE):
        lower = kind == TargetKind.DECREASE
        if target_value is not None:  # "Minska" to 8,8 %: the number, reached from the direction given
            return current <= target_value if lower else current >= target_value
        if previous is None:
            return None
        return current < previous if lower else current > previous
    if kind == TargetKind.ABOVE_COUNTY_AVERAGE:
        return None if previous_county_average is None else current > previous_county_average
    return None


def suggested_combined_level(orders: list[int]) -> int | None:
    """A combined assessment to suggest from the assessed goals' level orders (1 = best): the upper median.

    The upper median leans to the weaker side when the goals split evenly, so a suggestion never
    flatters; the controller sets the real combined assessment and may differ.
    """
    return median_high(orders) if orders else None
