"""The plain data a chart is drawn from, and the drawn chart itself."""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.safestring import SafeString, mark_safe

Number = Decimal | float | int


class LineStyle(StrEnum):
    SOLID = "solid"
    DASHED = "dashed"
    DOTTED = "dotted"


class Marker(StrEnum):
    CIRCLE = "circle"
    SQUARE = "square"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"
    NONE = "none"


class BarKind(StrEnum):
    """How a bar in a comparison chart is told apart: own result, an average, or another municipality."""

    OWN = "own"
    AVERAGE = "average"
    OTHER = "other"


@dataclass(frozen=True)
class Series:
    """One named row of values, aligned with the chart's categories; None where there is no value.

    Style and marker default by position in the chart, so callers only set them to give a series
    a fixed meaning (a target is dashed, a county average dotted).
    """

    label: str
    values: tuple[Number | None, ...]
    style: LineStyle | None = None
    marker: Marker | None = None
    color: str | None = None
    show_values: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number | None
    kind: BarKind = BarKind.OTHER


@dataclass(frozen=True)
class Chart:
    """A drawn chart: SVG markup plus the words and data behind it (for alt text and data tables)."""

    kind: str
    title: str
    description: str
    svg: str
    categories: tuple[str, ...] = ()
    series: tuple[Series, ...] = field(default=())
    unit: str = ""
    width: int = 640
    height: int = 320

    @property
    def alt_text(self) -> str:
        """Title and the data in words: what a screen reader, a PDF figure or a Word picture says."""
        return f"{self.title}. {self.description}".strip()

    @property
    def rows(self) -> list[tuple[str, tuple[Number | None, ...]]]:
        """The data as table rows: each category with its value in every series (for a data table)."""
        return [(category, tuple(one.values[index] for one in self.series)) for index, category in enumerate(self.categories)]

    def __str__(self) -> str:
        return self.svg

    def __html__(self) -> SafeString:
        # The SVG is built from escaped text only, so templates may print {{ chart }} as is.
        return mark_safe(self.svg)
