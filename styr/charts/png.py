"""PNG pictures of charts (for Word), drawn from the very same SVG by Typst with the repo's fonts.

Typst is already the PDF engine, so this adds no dependency, and one Typst run renders many
charts at once (one page each), which is how a document build calls it.
"""

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import typst

FONT_DIR = Path(__file__).resolve().parent.parent / "documents" / "fonts"
DEFAULT_PPI = 144


class Drawn(Protocol):
    """Anything with a chart's SVG: a chart, or a document's chart block."""

    svg: str


def charts_to_png(charts: Sequence[Drawn], *, ppi: int = DEFAULT_PPI, width_cm: float = 16.0) -> list[bytes]:
    """One PNG per chart, in order; width_cm is the printed width the pixels are computed for."""
    if not charts:
        return []
    with tempfile.TemporaryDirectory(prefix="styr-charts-") as folder:
        root = Path(folder)
        pages = []
        for index, chart in enumerate(charts):
            (root / f"chart-{index}.svg").write_text(chart.svg, encoding="utf-8")
            pages.append(f'#image("chart-{index}.svg", width: {width_cm}cm, alt: "chart {index}")')
        source = "#set page(width: auto, height: auto, margin: 0pt)\n" + "\n#pagebreak()\n".join(pages) + "\n"
        (root / "charts.typ").write_text(source, encoding="utf-8")
        result = typst.compile(
            str(root / "charts.typ"), root=str(root), format="png", ppi=ppi,
            font_paths=[str(FONT_DIR)], ignore_system_fonts=True,
        )
    return result if isinstance(result, list) else [result]


def chart_to_png(chart: Drawn, *, ppi: int = DEFAULT_PPI, width_cm: float = 16.0) -> bytes:
    return charts_to_png([chart], ppi=ppi, width_cm=width_cm)[0]
