"""Small SVG building blocks shared by the chart kinds: scales, ticks, markers, legend, patterns.

Everything is written with presentation attributes (no CSS, no scripts) so that browsers,
Typst (PDF) and the PNG renderer draw the same picture, and coordinates are rounded to one
decimal so the output is byte-for-byte deterministic.
"""

import hashlib
import math
from decimal import Decimal
from html import escape

from styr.charts.model import LineStyle, Marker, Number, Series
from styr.core.formatting import format_number

FONT_FAMILY = "Noto Sans, DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 12
TEXT_COLOR = "#1a1a1a"
AXIS_COLOR = "#4d4d4d"
GRID_COLOR = "#d9d9d9"
# Contrast of at least 3:1 against white (WCAG 1.4.11) for every line and bar colour.
PALETTE = ("#0b5cad", "#b3400a", "#1b7a4a", "#7b3f9e", "#7a6200", "#a3195b")
TARGET_COLOR = "#1a1a1a"
AVERAGE_COLOR = "#5e5e5e"
MARKER_ORDER = (Marker.CIRCLE, Marker.SQUARE, Marker.TRIANGLE, Marker.DIAMOND)
DASHES = {LineStyle.SOLID: "", LineStyle.DASHED: "7 4", LineStyle.DOTTED: "2 3"}


def esc(text: str) -> str:
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate: one decimal, no trailing zeros, so identical input gives identical bytes."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def chart_id(*parts: object) -> str:
    """A stable id from the chart's content, so two builds of the same chart are identical."""
    return "chart-" + hashlib.sha1(repr(parts).encode()).hexdigest()[:10]


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """An estimate of rendered text width for layout; Noto Sans averages ~0.55 em a character."""
    return len(text) * size * (0.6 if bold else 0.55)


def nice_ticks(low: float, high: float, count: int = 5) -> tuple[list[Decimal], int]:
    """Round axis ticks (steps of 1, 2, 2.5 or 5 times a power of ten) covering low..high, and their decimals."""
    if low == high:
        low, high = (low - 1, high + 1) if low else (0, 1)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step_decimal = Decimal(repr(step)).normalize()
    decimals = max(0, -int(step_decimal.as_tuple().exponent))  # a finite step: the exponent is a number
    start = math.floor(low / step + 1e-9)
    end = math.ceil(high / step - 1e-9)
    ticks = [round(Decimal(i) * step_decimal, decimals) for i in range(start, end + 1)]
    return ticks, decimals


def value_range(values: list[float], *, include_zero: bool) -> tuple[float, float]:
    low, high = min(values), max(values)
    if include_zero or (low >= 0 and low <= 0.3 * high):
        low, high = min(low, 0.0), max(high, 0.0)
        # Room beyond the longest bar for its value label.
        span = high - low
        low, high = (low - 0.08 * span if low < 0 else low), (high + 0.08 * span if high > 0 else high)
    else:
        padding = (high - low) * 0.1 or abs(high) * 0.05 or 1
        low, high = low - padding, high + padding
    return low, high


def format_tick(value: Decimal, decimals: int) -> str:
    return format_number(value, decimals)


def as_float(value: Number | None) -> float | None:
    return None if value is None else float(value)


def series_style(series: Series, index: int) -> tuple[str, LineStyle, Marker]:
    """The colour, line style and marker of a series: its own, or the next in line by position."""
    color = series.color or PALETTE[index % len(PALETTE)]
    style = series.style or LineStyle.SOLID
    marker = series.marker or MARKER_ORDER[index % len(MARKER_ORDER)]
    return color, style, marker


def marker_svg(marker: Marker, x: float, y: float, color: str, tooltip: str = "") -> str:
    """A data point; a white outline keeps it readable where lines cross, its shape tells series apart."""
    common = f'fill="{color}" stroke="#ffffff" stroke-width="1.5"'
    r = 4.5
    if marker == Marker.NONE:
        return ""
    if marker == Marker.CIRCLE:
        shape = f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" {common}'
    elif marker == Marker.SQUARE:
        shape = f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{num(2 * r)}" height="{num(2 * r)}" {common}'
    elif marker == Marker.TRIANGLE:
        points = f"{num(x)},{num(y - r - 1)} {num(x + r + 0.5)},{num(y + r)} {num(x - r - 0.5)},{num(y + r)}"
        shape = f'<polygon points="{points}" {common}'
    else:
        points = f"{num(x)},{num(y - r - 1)} {num(x + r + 1)},{num(y)} {num(x)},{num(y + r + 1)} {num(x - r - 1)},{num(y)}"
        shape = f'<polygon points="{points}" {common}'
    if tooltip:
        return f"{shape}><title>{esc(tooltip)}</title></{shape.split()[0][1:]}>"
    return shape + "/>"


def line_svg(points: list[tuple[float, float]], color: str, style: LineStyle, width: float = 2.5) -> str:
    if len(points) < 2:
        return ""
    path = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    dash = f' stroke-dasharray="{DASHES[style]}"' if DASHES[style] else ""
    return (
        f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="{num(width)}"'
        f' stroke-linejoin="round" stroke-linecap="round"{dash}/>'
    )


def text_svg(x: float, y: float, text: str, *, anchor: str = "start", size: int = FONT_SIZE,
             bold: bool = False, color: str = TEXT_COLOR) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" font-size="{size}"{weight}'
        f' fill="{color}">{esc(text)}</text>'
    )


def legend_rows(items: list[tuple[str, str]], width: float, swatch: float = 30) -> list[list[tuple[str, str, float]]]:
    """Lay out legend entries (label, swatch markup placeholder) in rows that fit the width."""
    rows: list[list[tuple[str, str, float]]] = [[]]
    x = 0.0
    for label, key in items:
        item_width = swatch + 6 + text_width(label) + 18
        if rows[-1] and x + item_width > width:
            rows.append([])
            x = 0.0
        rows[-1].append((label, key, x))
        x += item_width
    return rows


def hatch_patterns(prefix: str, colors: list[str]) -> str:
    """Fill patterns so bars of different series differ by texture, not colour alone."""
    parts = []
    for index, color in enumerate(colors):
        pid = f"{prefix}-p{index}"
        kind = index % 4
        if kind == 0:
            body = f'<rect width="8" height="8" fill="{color}"/>'
        elif kind == 1:
            body = (f'<rect width="8" height="8" fill="#ffffff"/><rect width="8" height="8" fill="{color}" fill-opacity="0.35"/>'
                    f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{color}" stroke-width="2"/>')
        elif kind == 2:
            body = (f'<rect width="8" height="8" fill="#ffffff"/><rect width="8" height="8" fill="{color}" fill-opacity="0.3"/>'
                    f'<circle cx="4" cy="4" r="1.8" fill="{color}"/>')
        else:
            body = (f'<rect width="8" height="8" fill="#ffffff"/><rect width="8" height="8" fill="{color}" fill-opacity="0.3"/>'
                    f'<path d="M0,4 h8 M4,0 v8" stroke="{color}" stroke-width="1.5"/>')
        parts.append(f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">{body}</pattern>')
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def svg_document(*, cid: str, width: int, height: int, title: str, description: str, body: list[str]) -> str:
    """The root element: an image with an accessible name (title) and description (the data in words)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-labelledby="{cid}-title {cid}-desc"'
        f' font-family="{esc(FONT_FAMILY)}" font-size="{FONT_SIZE}">'
        f'<title id="{cid}-title">{esc(title)}</title><desc id="{cid}-desc">{esc(description)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        + "".join(part for part in body if part)
        + "</svg>"
    )
