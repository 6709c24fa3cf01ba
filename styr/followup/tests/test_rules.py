from decimal import Decimal as D

import pytest

from styr.followup.rules import Trend, suggested_combined_level, target_met, trend
from styr.plans.models import Direction, MeasureKind, TargetKind


@pytest.mark.parametrize(
    ("direction", "current", "previous", "expected"),
    [
        (Direction.HIGHER, D(85), D(84), Trend.POSITIVE),
        (Direction.HIGHER, D("80.2"), D("81.8"), Trend.NEGATIVE),
        (Direction.LOWER, D(63), D(89), Trend.POSITIVE),
        (Direction.LOWER, D("8.0"), D("6.8"), Trend.NEGATIVE),
        (Direction.LOWER, D(41), D(41), Trend.UNCHANGED),
        (Direction.NONE, D(371), D(422), None),
        (Direction.HIGHER, D(85), None, None),
    ],
)
def test_trend_follows_the_measures_direction(direction, current, previous, expected):
    assert trend(direction, current, previous) == expected


def test_changes_within_the_threshold_are_unchanged():
    assert trend(Direction.NONE, D(41), D(42), D(1)) == Trend.UNCHANGED
    assert trend(Direction.HIGHER, D(41), D(42), D(1)) == Trend.UNCHANGED
    assert trend(Direction.HIGHER, D(40), D(42), D(1)) == Trend.NEGATIVE
    assert trend(Direction.NONE, D(40), D(42), D(1)) is None


def judge(kind, current, **kwargs):
    defaults = {"measure_kind": MeasureKind.MEASURE, "direction": Direction.HIGHER}
    return target_met(kind=kind, current=current, **{**defaults, **kwargs})


def test_number_target_uses_the_direction_when_no_comparator_is_given():
    assert judge(TargetKind.NUMBER, D("80.2"), target_value=D(75)) is True
    assert judge(TargetKind.NUMBER, D("74.9"), target_value=D(75)) is False
    assert judge(TargetKind.NUMBER, D(1), target_value=D(2), direction=Direction.LOWER) is True
    assert judge(TargetKind.NUMBER, D(3), target_value=D(2), direction=Direction.LOWER) is False


def test_number_target_with_explicit_comparator():
    assert judge(TargetKind.NUMBER, D(2), target_value=D(2), comparator="<") is False
    assert judge(TargetKind.NUMBER, D("1.9"), target_value=D(2), comparator="<") is True
    assert judge(TargetKind.NUMBER, D(100), target_value=D(100), comparator="=") is True


def test_increase_and_decrease_compare_with_last_year():
    assert judge(TargetKind.INCREASE, D(85), previous=D(84)) is True
    assert judge(TargetKind.INCREASE, D(84), previous=D(84)) is False
    assert judge(TargetKind.DECREASE, D(63), previous=D(89)) is True
    assert judge(TargetKind.DECREASE, D("3.4"), previous=D("2.5")) is False
    assert judge(TargetKind.INCREASE, D(85)) is None


def test_above_county_average_is_judged_against_last_years_average():
    assert judge(TargetKind.ABOVE_COUNTY_AVERAGE, D(81), previous_county_average=D(79)) is True
    assert judge(TargetKind.ABOVE_COUNTY_AVERAGE, D(79), previous_county_average=D(79)) is False
    assert judge(TargetKind.ABOVE_COUNTY_AVERAGE, D(81)) is None


def test_indicators_and_annual_report_targets_are_not_judged():
    assert judge(TargetKind.NUMBER, D(5), target_value=D(1), measure_kind=MeasureKind.INDICATOR) is None
    assert judge(TargetKind.REPORTED_IN_ANNUAL_REPORT, D(100)) is None
    assert judge(TargetKind.NUMBER, None, target_value=D(1)) is None


def test_suggested_combined_level_leans_to_the_weaker_side():
    assert suggested_combined_level([1, 2]) == 2
    assert suggested_combined_level([1, 1, 3]) == 1
    assert suggested_combined_level([2, 3, 3, 1]) == 3
    assert suggested_combined_level([]) is None


@pytest.mark.parametrize(
    ("kind", "current", "previous", "value", "expected"),
    [
        # "Minska" to 8,8 %: judged against the number, even when the outcome fell from last year.
        (TargetKind.DECREASE, D("9.5"), D("10.2"), D("8.8"), False),
        (TargetKind.DECREASE, D("8.8"), D("10.2"), D("8.8"), True),
        (TargetKind.INCREASE, D(74), D(70), D(75), False),
        (TargetKind.INCREASE, D(76), D(80), D(75), True),
        # A direction alone is judged against last year.
        (TargetKind.DECREASE, D("9.5"), D("10.2"), None, True),
        (TargetKind.INCREASE, D(74), None, None, None),
    ],
)
def test_a_direction_with_a_number_is_judged_against_the_number(kind, current, previous, value, expected):
    assert target_met(kind=kind, measure_kind=MeasureKind.MEASURE, direction=Direction.LOWER, current=current,
                      previous=previous, target_value=value) is expected
