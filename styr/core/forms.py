"""Form fields shared by every form of Styr: numbers read by the one Swedish parser."""

from decimal import Decimal

from django import forms

from styr.core.formatting import format_number
from styr.core.numbers import parse_number


class NumberInput(forms.TextInput):
    """A text input (not type=number, which browsers localise differently) showing "1 250,5"."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return format_number(value)
        return super().format_value(value)


class NumberField(forms.DecimalField):
    """A DecimalField that reads numbers as Swedes write them and refuses the ambiguous ones."""

    widget = NumberInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_number(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)  # a text input: browsers would otherwise judge the number themselves
        return attrs
