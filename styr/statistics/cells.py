"""A value to write and the rule of what a statistics row can hold (the services and the import share them)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from styr.followup.services import WriteRefused
from styr.statistics.models import StatisticsRow


@dataclass(frozen=True)
class Cell:
    """One value to write: the row's value in the year (None: remove it), and the version the writer saw."""

    row: StatisticsRow
    year: int
    value: Decimal | None
    expected_version: int | None


def check_value(row: StatisticsRow, value: Decimal) -> None:
    """Refuse a value the row cannot hold: a negative one, or more decimals than the row shows."""
    if value < 0:
        raise WriteRefused(_("%(row)s: a number of cases or placements is not negative.") % {"row": row})
    if value != round(value, row.decimals):
        raise WriteRefused(_("%(row)s: at most %(count)s decimal(s).") % {"row": row, "count": row.decimals}
                           if row.decimals else _("%(row)s: write a whole number.") % {"row": row})
    if abs(value) >= Decimal(10) ** 11:
        raise WriteRefused(_("%(row)s: the number is too large.") % {"row": row})
