"""Bar charts: grouped columns for economy and statistics, and horizontal comparison bars."""

from collections.abc import Sequence

from styr.charts import drawing as d
from styr.charts.describe import describe_bars, full_description, value_words
from styr.charts.line import LEGEND_ROW, PAD, axis_label_for, series_chart
from styr.charts.model import Bar, BarKind, Chart, Series
from styr.core.formatting import format_number

OWN_COLOR = "#0b5cad"
OTHER_COLOR = "#5b8cc4"
ROW_HEIGHT = 26


def bar_chart(**options) -> Chart:
    """Grouped vertical bars: one group per category, one bar per series, negative values below zero
    (keyword arguments as `styr.charts.line.series_chart`)."""
    return series_chart("bar", _columns, **options)


def _columns(cid: str, categories: list[str], series: list[Series], unit: str, decimals: int | None,
             width: int, height: int) -> list[str]:
    colors = [one.color or d.PALETTE[index % len(d.PALETTE)] for index, one in enumerate(series)]
    body = [d.hatch_patterns(cid, colors)]
    rows = d.legend_rows([(one.label, str(i)) for i, one in enumerate(series)], width - 2 * PAD, swatch=14)
    for row_number, row in enumerate(rows):
        row_y = PAD + 8 + row_number * LEGEND_ROW
        for label, key, x in row:
            body.append(f'<rect x="{d.num(PAD + x)}" y="{d.num(row_y - 7)}" width="14" height="14" fill="url(#{cid}-p{key})" stroke="{colors[int(key)]}" stroke-width="1"/>')
            body.append(d.text_svg(PAD + x + 20, row_y + 4, label))
    values = [float(v) for one in series for v in one.values if v is not None]
    if not values or not categories:
        return body
    ticks, tick_decimals = d.nice_ticks(*d.value_range(values, include_zero=True))
    tick_labels = [d.format_tick(tick, tick_decimals) for tick in ticks]
    left = PAD + max(36.0, max(d.text_width(label) for label in tick_labels) + 10)
    right, top, bottom = width - PAD, LEGEND_ROW * len(rows) + PAD + 22, height - 28
    low, high = float(ticks[0]), float(ticks[-1])

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    body.append(d.text_svg(PAD, top - 10, axis_label_for(unit), color=d.AXIS_COLOR))
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = y_of(float(tick))
        body.append(f'<line x1="{d.num(left)}" y1="{d.num(y)}" x2="{d.num(right)}" y2="{d.num(y)}" stroke="{d.GRID_COLOR}" stroke-width="1"/>')
        body.append(d.text_svg(left - 6, y + 4, label, anchor="end", color=d.AXIS_COLOR))
    group = (right - left) / len(categories)
    bar_width = min(48.0, group * 0.8 / max(1, len(series)))
    show_values = bar_width >= 30
    zero = y_of(0.0)
    for index, category in enumerate(categories):
        x0 = left + group * index + (group - bar_width * len(series)) / 2
        body.append(d.text_svg(left + group * (index + 0.5), bottom + 18, category, anchor="middle", color=d.AXIS_COLOR))
        for number, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            y = y_of(float(value))
            x = x0 + bar_width * number
            tooltip = f"{one.label} {category}: {value_words(value, unit, decimals)}"
            body.append(
                f'<rect x="{d.num(x + 1)}" y="{d.num(min(y, zero))}" width="{d.num(bar_width - 2)}"'
                f' height="{d.num(abs(zero - y))}" fill="url(#{cid}-p{number})" stroke="{colors[number]}"'
                f' stroke-width="1"><title>{d.esc(tooltip)}</title></rect>'
            )
            if show_values:
                label_y = y - 5 if float(value) >= 0 else y + 14
                body.append(d.text_svg(x + bar_width / 2, label_y, format_number(value, decimals), anchor="middle", size=11))
    body.append(f'<line x1="{d.num(left)}" y1="{d.num(zero)}" x2="{d.num(right)}" y2="{d.num(zero)}" stroke="{d.AXIS_COLOR}" stroke-width="1"/>')
    return body


def comparison_chart(
    *,
    title: str,
    bars: Sequence[Bar],
    unit: str = "",
    description: str = "",
    decimals: int | None = None,
    width: int = 640,
    chart_id: str | None = None,
) -> Chart:
    """Horizontal bars: the own result (solid, bold name), averages (hatched) and other municipalities."""
    bars = list(bars)
    words = full_description(description, describe_bars(bars, unit, decimals))
    height = PAD * 2 + 22 + ROW_HEIGHT * max(1, len(bars)) + 20
    cid = chart_id or d.chart_id("comparison", title, bars, unit, width)
    body = _rows(cid, bars, unit, decimals, width, height)
    svg = d.svg_document(cid=cid, width=width, height=height, title=title, description=words, body=body)
    series = (Series(label=title, values=tuple(bar.value for bar in bars)),)
    return Chart(kind="comparison", title=title, description=words, svg=svg,
                 categories=tuple(bar.label for bar in bars), series=series, unit=unit, width=width, height=height)


def _rows(cid: str, bars: list[Bar], unit: str, decimals: int | None, width: int, height: int) -> list[str]:
    body = [
        f'<defs><pattern id="{cid}-avg" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="#ffffff"/><rect width="8" height="8" fill="{d.AVERAGE_COLOR}" fill-opacity="0.3"/>'
        f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{d.AVERAGE_COLOR}" stroke-width="2"/></pattern></defs>'
    ]
    values = [float(bar.value) for bar in bars if bar.value is not None]
    if not values:
        return body
    ticks, tick_decimals = d.nice_ticks(*d.value_range(values, include_zero=True))
    label_width = min(200.0, max(d.text_width(bar.label, bold=bar.kind == BarKind.OWN) for bar in bars))
    value_width = max(d.text_width(format_number(bar.value, decimals)) for bar in bars if bar.value is not None)
    left, right = PAD + label_width + 8, width - PAD - value_width - 8
    top, bottom = PAD + 22, PAD + 22 + ROW_HEIGHT * len(bars)
    low, high = float(ticks[0]), float(ticks[-1])

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    body.append(d.text_svg(right, top - 10, axis_label_for(unit), anchor="end", color=d.AXIS_COLOR))
    for tick in ticks:
        x = x_of(float(tick))
        body.append(f'<line x1="{d.num(x)}" y1="{d.num(top)}" x2="{d.num(x)}" y2="{d.num(bottom)}" stroke="{d.GRID_COLOR}" stroke-width="1"/>')
        body.append(d.text_svg(x, bottom + 16, d.format_tick(tick, tick_decimals), anchor="middle", color=d.AXIS_COLOR))
    zero = x_of(0.0)
    for index, bar in enumerate(bars):
        y = top + ROW_HEIGHT * index
        own = bar.kind == BarKind.OWN
        body.append(d.text_svg(left - 8, y + ROW_HEIGHT / 2 + 4, bar.label, anchor="end", bold=own))
        if bar.value is None:
            body.append(d.text_svg(zero + 4, y + ROW_HEIGHT / 2 + 4, value_words(None, unit), color=d.AXIS_COLOR))
            continue
        x = x_of(float(bar.value))
        fill, stroke = {
            BarKind.OWN: (OWN_COLOR, OWN_COLOR),
            BarKind.AVERAGE: (f"url(#{cid}-avg)", d.AVERAGE_COLOR),
            BarKind.OTHER: (OTHER_COLOR, OTHER_COLOR),
        }[bar.kind]
        body.append(
            f'<rect x="{d.num(min(x, zero))}" y="{d.num(y + 4)}" width="{d.num(abs(x - zero))}"'
            f' height="{ROW_HEIGHT - 8}" fill="{fill}" stroke="{stroke}" stroke-width="1">'
            f'<title>{d.esc(bar.label)}: {d.esc(value_words(bar.value, unit, decimals))}</title></rect>'
        )
        body.append(d.text_svg(max(x, zero) + 5, y + ROW_HEIGHT / 2 + 4, format_number(bar.value, decimals), bold=own))
    body.append(f'<line x1="{d.num(zero)}" y1="{d.num(top)}" x2="{d.num(zero)}" y2="{d.num(bottom)}" stroke="{d.AXIS_COLOR}" stroke-width="1"/>')
    return body
