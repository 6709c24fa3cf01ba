from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from styr.core.formatting import format_number
from styr.core.numbers import parse_number


@pytest.mark.parametrize(("text", "number"), [
    ("1250", D("1250")), ("1 250", D("1250")), ("1\u00a0250", D("1250")), ("1\u202f250,5", D("1250.5")),
    ("1250,5", D("1250.5")), ("-3,2", D("-3.2")), ("−3,2", D("-3.2")), ("‑3,2", D("-3.2")), ("43 %", D("43")),
    ("43%", D("43")), ("41.5", D("41.5")), ("0.25", D("0.25")), ("0.000", D("0")), ("1250.500", D("1250.5")), (" 85 ", D("85")), ("1 103 250", D("1103250")),
    ("", None), ("  ", None), (None, None), (7, D(7)), (0.1, D("0.1")),
])
def test_numbers_as_swedes_write_them(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", [
    "1.250", "12.345", "1.250.000", "1.250,5", "1,250.5", "12 50", "1 2500", "1,2,3", "abc", "1e5", "NaN",
    "Infinity", "--3", "3-", ",5", "5,", "1 250 ,5", True,
])
def test_anything_unclear_is_refused_never_guessed(text):
    with pytest.raises(ValidationError) as refused:
        parse_number(text)
    assert str(text) in refused.value.messages[0]


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_what_styr_prints_it_reads_back(value):
    assert parse_number(format_number(value)) == value


def test_the_form_field_reads_and_shows_swedish_numbers():
    from styr.core.forms import NumberField

    field = NumberField(max_digits=14, decimal_places=3, required=False)
    assert field.clean("1 250,5") == D("1250.5")
    assert field.clean("") is None
    with pytest.raises(ValidationError):
        field.clean("1.250")
    with pytest.raises(ValidationError):  # the DecimalField's own limits still hold
        field.clean("1,2345")
    assert 'value="1\u00a0250,5"' in field.widget.render("total", D("1250.5"))
