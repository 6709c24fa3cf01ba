"""Numbers as Swedes write them, read by one parser for every path (forms, admin, Excel, API, ledger files).

Accepted: "1250", "1 250" (space, no-break space, narrow no-break space or thin space between groups
of three), "1250,5", "-3,2", "−3,2" and "‑3,2" (minus sign, non-breaking hyphen), "43 %", "43%".
A point is read as a decimal point only where it cannot be a thousands separator ("41.5", "0.250",
"1250.500"): "1.250" could be either, so it is refused, never guessed. Anything else is refused with a message
saying how to write the number.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_MINUS_SIGNS = "\u2212\u2011\u2010\u2013"  # minus sign, non-breaking hyphen, hyphen, en dash
_GROUP_SPACES = " \u00a0\u202f\u2009"
_GROUPED = re.compile(r"\d{1,3}(?:[ ]\d{3})+")
_DIGITS = re.compile(r"\d+")
_COULD_BE_THOUSANDS = re.compile(r"[1-9]\d{0,2}")  # "1.250": one thousand two hundred and fifty, or 1,25?
_PLAIN = re.compile(r"(-?)(\d+)(?:,(\d+))?")  # "-1103,3": what ledger files hold a million times, read at once


def _refuse(text: str, why: str) -> ValidationError:
    return ValidationError(
        _("“%(text)s” is not a number Styr can read: %(why)s") % {"text": text, "why": why}, code="invalid_number"
    )


def parse_number(text: str | int | float | Decimal | None) -> Decimal | None:
    """The number in `text`, or None for an empty text; ValidationError for anything unclear."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise _refuse(str(text), _("write a number."))
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    plain = _PLAIN.fullmatch(text)
    if plain is not None:
        sign, whole, fraction = plain.groups()
        number = Decimal(f"{whole}.{fraction}" if fraction else whole)
        return -number if sign else number
    original = text
    text = text.strip()
    if not text:
        return None
    if text.endswith("%"):
        text = text[:-1].rstrip(_GROUP_SPACES)
    negative = text[:1] in f"-{_MINUS_SIGNS}"
    if negative:
        text = text[1:].lstrip(_GROUP_SPACES)
    for space in _GROUP_SPACES:
        text = text.replace(space, " ")
    if "," in text and "." in text:
        raise _refuse(original, _("use a comma for decimals and a space between thousands, e.g. 1 250,5."))
    whole, separator, fraction = text.partition("," if "," in text else ".")
    if separator == "." and _COULD_BE_THOUSANDS.fullmatch(whole) and len(fraction) == 3:
        raise _refuse(original, _("“.” may be decimals or thousands; write 1250 or 1,25."))
    if separator and not _DIGITS.fullmatch(fraction):
        raise _refuse(original, _("use a comma for decimals and a space between thousands, e.g. 1 250,5."))
    if not (_DIGITS.fullmatch(whole) or _GROUPED.fullmatch(whole)):
        raise _refuse(original, _("use a comma for decimals and a space between thousands, e.g. 1 250,5."))
    number = Decimal(whole.replace(" ", "") + (f".{fraction}" if separator else ""))
    return -number if negative else number
