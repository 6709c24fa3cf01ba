"""The economy's charts, in tkr: outcome against budget by month, the full-year forecast across the year's
follow-ups, and a cost type over three years. Plain data in, the shared line and bar charts out (with their
words), so the economy page and the documents draw the same."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from styr.charts.bars import bar_chart
from styr.charts.line import line_chart
from styr.charts.model import Chart, LineStyle, Marker, Number, Series

UNIT = "tkr"


def outcome_budget_chart(*, title: str, months: Sequence[str], outcome: Sequence[Number | None],
                         budget: Sequence[Number | None], description: str = "") -> Chart:
    """The accumulated outcome month by month (none after the last month reported) against the accumulated
    budget (dashed)."""
    return line_chart(title=title, categories=months, unit=UNIT, decimals=0, description=description, series=[
        Series(_("Outcome, accumulated"), tuple(outcome)),
        Series(_("Budget, accumulated"), tuple(budget), style=LineStyle.DASHED, marker=Marker.NONE),
    ])


def forecast_chart(*, title: str, periods: Sequence[str], forecasts: Sequence[Number | None], budget: Number | None,
                   description: str = "") -> Chart:
    """The full-year forecast as each follow-up of the year gave it, beside the year's budget (dashed)."""
    series = [Series(_("Full-year forecast"), tuple(forecasts), show_values=True)]
    if budget is not None:
        series.append(Series(_("Budget"), tuple(budget for _ in periods), style=LineStyle.DASHED, marker=Marker.NONE))
    return line_chart(title=title, categories=periods, unit=UNIT, decimals=0, description=description, series=series)


def years_chart(*, title: str, label: str, years: Sequence[int], values: Sequence[Number | None],
                description: str = "") -> Chart:
    """One cost or revenue type's outcome in each year, as columns."""
    return bar_chart(title=title, categories=[str(year) for year in years], unit=UNIT, decimals=0,
                     description=description, series=[Series(label, tuple(values))])
