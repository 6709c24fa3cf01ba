from decimal import ROUND_HALF_UP, Decimal

from django import template

from styr.core.formatting import format_number

register = template.Library()


@register.filter
def tkr(value: Decimal | None) -> str:
    """Kronor as a report prints them, in whole tkr: -402236000 → "-402 236" (empty for no figure)."""
    if value is None:
        return ""
    return format_number((Decimal(value) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP), 0)
