"""The two charts of a measure page and a report: outcomes over years, and the comparison with others."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from styr.charts import drawing as d
from styr.charts.bars import comparison_chart
from styr.charts.line import line_chart
from styr.charts.model import Bar, BarKind, Chart, LineStyle, Marker, Number, Series

TOTAL_COLOR, WOMEN_COLOR, MEN_COLOR = d.PALETTE[0], d.PALETTE[1], d.PALETTE[2]


def measure_line_chart(
    *,
    title: str,
    years: Sequence[int],
    unit: str,
    total: Mapping[int, Number | None],
    women: Mapping[int, Number | None] | None = None,
    men: Mapping[int, Number | None] | None = None,
    target: Mapping[int, Number | None] | None = None,
    county_average: Mapping[int, Number | None] | None = None,
    description: str = "",
    decimals: int | None = None,
    chart_id: str | None = None,
    target_label: str = "",
) -> Chart:
    """Total (solid, circles, values shown), women and men, the target dashed and the county average dotted.

    Each mapping goes year → value; a breakdown with no value at all is left out of the chart. The target's
    line is named `target_label`, the municipality's word for a target ("Etappmål" when not given).
    """
    wanted: list[tuple[str, Mapping | None, dict[str, Any]]] = [
        (_("Total"), total, {"color": TOTAL_COLOR, "marker": Marker.CIRCLE, "show_values": True}),
        (_("Women"), women, {"color": WOMEN_COLOR, "marker": Marker.TRIANGLE}),
        (_("Men"), men, {"color": MEN_COLOR, "marker": Marker.SQUARE}),
        (target_label or _("Target"), target, {"color": d.TARGET_COLOR, "marker": Marker.DIAMOND, "style": LineStyle.DASHED}),
        (_("County average"), county_average, {"color": d.AVERAGE_COLOR, "marker": Marker.NONE, "style": LineStyle.DOTTED}),
    ]
    series = []
    for label, values, style in wanted:
        row = tuple((values or {}).get(year) for year in years)
        if any(value is not None for value in row) or label == _("Total"):
            series.append(Series(label=label, values=row, **style))
    return line_chart(title=title, categories=years, series=series, unit=unit, description=description,
                      decimals=decimals, chart_id=chart_id)


def measure_comparison_chart(
    *,
    title: str,
    own_label: str,
    own_value: Number | None,
    unit: str,
    county_average: Number | None = None,
    others: Mapping[str, Number | None] | None = None,
    description: str = "",
    decimals: int | None = None,
    chart_id: str | None = None,
) -> Chart:
    """Own result first, then the county average, then the comparison municipalities best first."""
    bars = [Bar(own_label, own_value, BarKind.OWN)]
    if county_average is not None:
        bars.append(Bar(_("County average"), county_average, BarKind.AVERAGE))
    known = sorted(((name, value) for name, value in (others or {}).items() if value is not None),
                   key=lambda item: (-float(item[1]), item[0]))
    missing = sorted(name for name, value in (others or {}).items() if value is None)
    bars += [Bar(name, value) for name, value in known] + [Bar(name, None) for name in missing]
    return comparison_chart(title=title, bars=bars, unit=unit, description=description, decimals=decimals,
                            chart_id=chart_id)
