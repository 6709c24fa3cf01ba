"""The risk matrix as a heat map: SVG drawn like styr.charts (role="img", title, the data in words),
the same for pages and documents. Risks are numbered R1, R2, … in the order given, so that the map,
its description and the data table beside it name them the same way."""

from django.utils.translation import gettext as _

from styr.charts import drawing as d
from styr.charts.model import Chart
from styr.control.models import Band, Risk, RiskMatrix

# Light fills under dark text (contrast above 7:1); the band is also written in the legend and the table.
BAND_FILLS = {Band.LOW: "#d4ecd6", Band.MEDIUM: "#fbe3a6", Band.HIGH: "#f4bcb6"}
CELL = 76
LINE = 14


def risk_label(number: int) -> str:
    return f"R{number}"


def _wrapped(text: str, width: float) -> list[str]:
    """The label in lines that fit the width (words are never cut)."""
    rows: list[str] = []
    for word in text.split():
        if rows and d.text_width(f"{rows[-1]} {word}", 11) <= width:
            rows[-1] = f"{rows[-1]} {word}"
        else:
            rows.append(word)
    return rows or [""]


def describe(matrix: RiskMatrix, risks: list[Risk]) -> str:
    """Which risk lies where, band by band, in words."""
    sentences = []
    for band in (Band.HIGH, Band.MEDIUM, Band.LOW):
        placed = [
            _("%(risk)s (probability %(p)s, consequence %(c)s)") % {"risk": risk_label(number), "p": risk.probability,
                                                                   "c": risk.consequence}
            for number, risk in enumerate(risks, start=1)
            if risk.probability and risk.consequence and matrix.band(risk.probability, risk.consequence) == band
        ]
        if placed:
            sentences.append(f"{band.label.capitalize()}: {', '.join(placed)}.")
    unassessed = [risk_label(number) for number, risk in enumerate(risks, start=1)
                  if not (risk.probability and risk.consequence)]
    if unassessed:
        sentences.append(_("Not assessed: %(risks)s.") % {"risks": ", ".join(unassessed)})
    return " ".join(sentences) or _("No risks.")


def risk_heatmap(*, matrix: RiskMatrix, risks: list[Risk], title: str) -> Chart:
    """Probability upwards, consequence to the right; each cell coloured by its band and naming its risks."""
    size = matrix.size
    left = d.FONT_SIZE + 12 + max(d.text_width(label, 11) for label in matrix.probabilities)
    top = 36
    consequence_rows = max(len(_wrapped(label, CELL - 6)) for label in matrix.consequences)
    width = int(left + size * CELL + 16)
    height = int(top + size * CELL + 24 + consequence_rows * LINE + 22)
    cid = d.chart_id("risk-matrix", size, matrix.probabilities, matrix.consequences, matrix.low_max, matrix.medium_max,
                     [(risk.probability, risk.consequence) for risk in risks])
    cells: dict[tuple[int, int], list[str]] = {}
    for number, risk in enumerate(risks, start=1):
        if risk.probability and risk.consequence:
            cells.setdefault((risk.probability, risk.consequence), []).append(risk_label(number))
    body = []
    x_legend = 0.0
    for band in (Band.LOW, Band.MEDIUM, Band.HIGH):
        body.append(f'<rect x="{d.num(left + x_legend)}" y="8" width="14" height="14" fill="{BAND_FILLS[band]}"'
                    f' stroke="{d.AXIS_COLOR}" stroke-width="1"/>')
        body.append(d.text_svg(left + x_legend + 20, 20, band.label.capitalize()))
        x_legend += 20 + d.text_width(str(band.label)) + 24
    for probability in range(1, size + 1):
        y = top + (size - probability) * CELL
        body.append(d.text_svg(left - 8, y + CELL / 2 + 4, matrix.probabilities[probability - 1], anchor="end", size=11))
        for consequence in range(1, size + 1):
            x = left + (consequence - 1) * CELL
            band = matrix.band(probability, consequence)
            names = cells.get((probability, consequence), [])
            tooltip = _("Probability %(p)s, consequence %(c)s: %(band)s") % {
                "p": probability, "c": consequence, "band": band.label}
            if names:
                tooltip += f" ({', '.join(names)})"
            body.append(f'<rect x="{d.num(x)}" y="{d.num(y)}" width="{CELL}" height="{CELL}" fill="{BAND_FILLS[band]}"'
                        f' stroke="#ffffff" stroke-width="2"><title>{d.esc(tooltip)}</title></rect>')
            for row, text in enumerate(_wrapped(" ".join(names), CELL - 8)):
                body.append(d.text_svg(x + CELL / 2, y + 24 + row * LINE, text, anchor="middle", bold=True))
    bottom = top + size * CELL
    for consequence in range(1, size + 1):
        x = left + (consequence - 0.5) * CELL
        for row, text in enumerate(_wrapped(matrix.consequences[consequence - 1], CELL - 6)):
            body.append(d.text_svg(x, bottom + 16 + row * LINE, text, anchor="middle", size=11))
    body.append(d.text_svg(left + size * CELL / 2, height - 8, _("Consequence"), anchor="middle", bold=True,
                           color=d.AXIS_COLOR))
    body.append(f'<text x="14" y="{d.num(top + size * CELL / 2)}" text-anchor="middle" font-weight="bold"'
                f' fill="{d.AXIS_COLOR}" transform="rotate(-90 14 {d.num(top + size * CELL / 2)})">'
                f'{d.esc(_("Probability"))}</text>')
    description = describe(matrix, risks)
    svg = d.svg_document(cid=cid, width=width, height=height, title=title, description=description, body=body)
    return Chart(kind="risk_matrix", title=title, description=description, svg=svg, width=width, height=height)
