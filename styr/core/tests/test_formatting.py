from decimal import Decimal as D

import pytest

from styr.core.formatting import format_number, format_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("80.2"), "80,2"), (D("80.200"), "80,2"), (D(85), "85"), (D("-1103.3"), "-1\u00a0103,3"),
        (23371, "23\u00a0371"), (D("0.6"), "0,6"), (None, ""), (D("-0.000"), "0"),
    ],
)
def test_swedish_numbers(value, expected):
    assert format_number(value) == expected


def test_fixed_decimals_round():
    assert format_number(D("7.84"), 1) == "7,8"
    assert format_number(D("12067"), 1) == "12\u00a0067,0"


def test_units_as_reports_print_them():
    assert format_value(D(85), "percent") == "85 %"
    assert format_value(D("80.2"), "index") == "index 80,2"
    assert format_value(D(63), "days") == "63 dagar"
    assert format_value(D("38.8"), "mnkr") == "38,8 mnkr"
    assert format_value(D(371), "count") == "371"


def test_averages_to_one_decimal_at_most():
    from styr.core.formatting import format_average

    assert format_average(D("78.000"), "percent") == "78 %"
    assert format_average(D("60.238"), "days") == "60,2 dagar"
    assert format_average(D("105.125"), "days") == "105,1 dagar"
    assert format_average(D("79.95"), "index") == "index 80"
    assert format_average(None, "index") == ""


def test_a_missing_value_in_a_template_prints_nothing_not_an_error():
    """A variable that does not resolve reaches a filter as "" (an economy measure with no derived outcome yet)."""
    from django.template import Context, Template

    template = Template('{% load styr %}[{{ item.outcome.total|with_unit:"percent"|default:"–" }}|{{ item.x|number }}]')
    assert template.render(Context({"item": {"outcome": None}})) == "[–|]"
    assert template.render(Context({"item": {"outcome": {"total": D("85")}, "x": D("1250.5")}})) == "[85 %|1\u00a0250,5]"
