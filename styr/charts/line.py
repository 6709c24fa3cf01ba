"""Line chart: values over ordered categories (years, months), one line per series."""

from collections.abc import Sequence

from styr.charts import drawing as d
from styr.charts.describe import describe_series, full_description, value_words
from styr.charts.model import Chart, LineStyle, Series
from styr.core.formatting import UNIT_PREFIX, UNIT_SUFFIX, format_number

LEGEND_ROW = 20
PAD = 10


def axis_label_for(unit: str) -> str:
    return (UNIT_SUFFIX.get(unit) or UNIT_PREFIX.get(unit) or "").strip()


def series_chart(
    kind: str,
    draw,
    *,
    title: str,
    categories: Sequence[object],
    series: Sequence[Series],
    unit: str = "",
    description: str = "",
    decimals: int | None = None,
    width: int = 640,
    height: int = 300,
    chart_id: str | None = None,
) -> Chart:
    """A chart of series aligned with categories; `draw(cid, categories, series, unit, decimals, width,
    height)` makes the body. Shared by line and bar charts: the checks, the words and the document."""
    labels = [str(category) for category in categories]
    series_list = list(series)
    for one in series_list:
        if len(one.values) != len(labels):
            raise ValueError(f"Series {one.label!r} has {len(one.values)} values for {len(labels)} categories.")
    words = full_description(description, describe_series(labels, series_list, unit, decimals))
    cid = chart_id or d.chart_id(kind, title, labels, series_list, unit, width, height)
    body = draw(cid, labels, series_list, unit, decimals, width, height)
    svg = d.svg_document(cid=cid, width=width, height=height, title=title, description=words, body=body)
    return Chart(kind=kind, title=title, description=words, svg=svg, categories=tuple(labels),
                 series=tuple(series_list), unit=unit, width=width, height=height)


def line_chart(**options) -> Chart:
    """Values over ordered categories, one line per series (keyword arguments as `series_chart`)."""
    return series_chart("line", lambda cid, *args: _draw(*args), **options)


def _draw(categories: list[str], series: list[Series], unit: str, decimals: int | None,
          width: int, height: int) -> list[str]:
    styles = [d.series_style(one, index) for index, one in enumerate(series)]
    body = _legend(series, styles, width)
    legend_height = LEGEND_ROW * len(d.legend_rows([(s.label, "") for s in series], width - 2 * PAD))
    values = [float(v) for one in series for v in one.values if v is not None]
    if not values or not categories:
        body.append(d.text_svg(width / 2, height / 2, "–", anchor="middle"))
        return body
    ticks, tick_decimals = d.nice_ticks(*d.value_range(values, include_zero=False))
    tick_labels = [d.format_tick(tick, tick_decimals) for tick in ticks]
    left = PAD + max(36.0, max(d.text_width(label) for label in tick_labels) + 10)
    right = width - PAD
    top = legend_height + PAD + 22
    bottom = height - 28
    low, high = float(ticks[0]), float(ticks[-1])

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    step = (right - left) / len(categories)

    def x_of(index: int) -> float:
        return left + step * (index + 0.5)

    body.append(d.text_svg(PAD, top - 10, axis_label_for(unit), color=d.AXIS_COLOR))
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = y_of(float(tick))
        body.append(f'<line x1="{d.num(left)}" y1="{d.num(y)}" x2="{d.num(right)}" y2="{d.num(y)}" stroke="{d.GRID_COLOR}" stroke-width="1"/>')
        body.append(d.text_svg(left - 6, y + 4, label, anchor="end", color=d.AXIS_COLOR))
    body.append(f'<line x1="{d.num(left)}" y1="{d.num(bottom)}" x2="{d.num(right)}" y2="{d.num(bottom)}" stroke="{d.AXIS_COLOR}" stroke-width="1"/>')
    label_every = max(1, int(len(categories) * 40 // (right - left)) + 1) if step < 40 else 1
    for index, category in enumerate(categories):
        if index % label_every == 0:
            body.append(d.text_svg(x_of(index), bottom + 18, category, anchor="middle", color=d.AXIS_COLOR))
    # Drawn last-first so the first series (the total) lies on top of the reference lines.
    for one, (color, style, marker) in reversed(list(zip(series, styles, strict=True))):
        def others_at(index: int, one: Series = one) -> list:
            return [other.values[index] for other in series if other is not one and other.values[index] is not None]

        body.extend(_series(one, categories, color, style, marker, x_of, y_of, step, unit, decimals, top, bottom,
                            others_at))
    return body


def _series(one: Series, categories: list[str], color: str, style: LineStyle, marker, x_of, y_of,
            step: float, unit: str, decimals: int | None, top: float, bottom: float, others_at) -> list[str]:
    parts = []
    segments: list[list[tuple[float, float]]] = [[]]
    for index, value in enumerate(one.values):
        if value is None:
            segments.append([])
        else:
            segments[-1].append((x_of(index), y_of(float(value))))
    for segment in segments:
        if len(segment) == 1 and style != LineStyle.SOLID:
            # A lone target or average is a level, drawn as a short line across its year.
            (x, y), half = segment[0], step * 0.3
            parts.append(d.line_svg([(x - half, y), (x + half, y)], color, style))
        else:
            parts.append(d.line_svg(segment, color, style))
    for index, value in enumerate(one.values):
        if value is None:
            continue
        x, y = x_of(index), y_of(float(value))
        tooltip = f"{one.label} {categories[index]}: {value_words(value, unit, decimals)}"
        parts.append(d.marker_svg(marker, x, y, color, tooltip))
        if one.show_values:
            label_y = _label_y(y, [y_of(float(v)) for v in others_at(index)], top, bottom)
            parts.append(d.text_svg(x, label_y, format_number(value, decimals), anchor="middle", bold=True, color=color))
    return parts


def _legend(series: list[Series], styles, width: int) -> list[str]:
    parts = []
    rows = d.legend_rows([(one.label, str(index)) for index, one in enumerate(series)], width - 2 * PAD)
    for row_number, row in enumerate(rows):
        y = PAD + 8 + row_number * LEGEND_ROW
        for label, key, x in row:
            color, style, marker = styles[int(key)]
            x0 = PAD + x
            parts.append(d.line_svg([(x0, y), (x0 + 30, y)], color, style))
            parts.append(d.marker_svg(marker, x0 + 15, y, color))
            parts.append(d.text_svg(x0 + 36, y + 4, label))
    return parts


def _label_y(y: float, others: list[float], top: float, bottom: float) -> float:
    """Put a value label above its point, or below when another series' point sits just above it."""
    above_free = y - 22 > top - 12 and not any(y - 34 < other < y - 2 for other in others)
    below_free = y + 24 < bottom and not any(y + 2 < other < y + 26 for other in others)
    if above_free or not below_free:
        return y - 10
    return y + 20
