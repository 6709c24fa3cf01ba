"""Swedish number formatting: decimal comma, narrow no-break space between thousands, unit words."""

from decimal import ROUND_HALF_UP, Decimal

UNIT_SUFFIX = {"percent": " %", "days": " dagar", "mnkr": " mnkr", "tkr": " tkr", "kg_per_fte": " kg/åa"}
UNIT_PREFIX = {"index": "index "}
MINUS = "-"
THOUSANDS = "\u00a0"


def format_number(value: Decimal | float | int | None, decimals: int | None = None) -> str:
    """80.2 → "80,2"; -1103.3 → "-1 103,3"; decimals=None keeps the value's own significant decimals."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = round(number, decimals)
    text = format(number.normalize() if decimals is None else number, "f")
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    sign = MINUS if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        groups.insert(0, tail)
    whole = THOUSANDS.join([whole, *groups])
    if sign and not fraction.strip("0") and whole == "0":
        sign = ""
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


def format_value(value: Decimal | float | int | None, unit: str, decimals: int | None = None) -> str:
    """A value with its unit as a Swedish report prints it: "85 %", "index 80,2", "63 dagar"."""
    if value is None:
        return ""
    return f"{UNIT_PREFIX.get(unit, '')}{format_number(value, decimals)}{UNIT_SUFFIX.get(unit, '')}"


def format_average(value: Decimal | float | int | None, unit: str) -> str:
    """A group's mean as reports print it, to one decimal at most: "78 %", "60,2 dagar"."""
    if value is None:
        return ""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_value(rounded.normalize() if rounded == rounded.to_integral() else rounded, unit)
