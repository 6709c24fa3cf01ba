"""The document model: a plain, format-free structure that every formatter renders.

A document is a cover plus a flat list of blocks. The builder is the only code that reads the
database; formatters (HTML, Typst/PDF, DOCX) only read these objects. A document turns into a
JSON-safe dict and back without loss, which is how decided documents are frozen.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import ClassVar


class DocumentError(ValueError):
    """The document cannot be made: no plan, no such period, a text that cannot be typeset; the message says which."""


class NothingToDocument(DocumentError):
    """A document of its own (the internal-control plan, the quality report) has nothing to say yet: the
    period's decision freezes it only when it has."""


@dataclass
class Block:
    kind: ClassVar[str] = ""


@dataclass
class Heading(Block):
    kind: ClassVar[str] = "heading"
    level: int
    text: str
    anchor: str = ""


@dataclass
class Paragraph(Block):
    """Plain text; blank lines in it separate paragraphs."""

    kind: ClassVar[str] = "paragraph"
    text: str
    emphasis: bool = False

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.text.replace("\r\n", "\n").split("\n\n") if part.strip()]


@dataclass
class BulletList(Block):
    kind: ClassVar[str] = "bullets"
    items: list[str]


@dataclass
class Badge(Block):
    """An assessment: caption ("Måluppfyllelse"), the level in words, its symbol and colour."""

    kind: ClassVar[str] = "badge"
    caption: str
    label: str
    icon: str = ""
    colour: str = "#5e5e5e"


@dataclass
class Figure:
    """One value line in a measure table cell: "Utfall 2020" and "85 %"."""

    label: str
    value: str
    strong: bool = False


@dataclass
class MeasureRow:
    name: str
    note: str = ""
    outcome: list[Figure] = field(default_factory=list)
    target: list[Figure] = field(default_factory=list)
    gender: list[Figure] = field(default_factory=list)
    unjustified: str = ""
    analysis: str = ""
    reference: list[Figure] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> "MeasureRow":
        data = dict(data)
        for name in ("outcome", "target", "gender", "reference"):
            data[name] = [Figure(**figure) for figure in data.get(name, [])]
        return cls(**data)


SEED_PARTS = ["outcome", "target", "gender", "unjustified"]


@dataclass
class MeasureTable(Block):
    """A measure table: the measure's name, then the municipality's columns (`parts`, each a MeasureRow field).

    The seed's is Mått | Utfall & trend | Etappmål, ranking & genomsnitt | Kön | Omotiverade skillnader?;
    a document frozen before parts were chosen has those."""

    kind: ClassVar[str] = "measures"
    caption: str
    columns: list[str]
    rows: list[MeasureRow]
    parts: list[str] = field(default_factory=lambda: list(SEED_PARTS))

    @property
    def cells(self) -> list[tuple[MeasureRow, list[tuple[str, list[Figure] | str]]]]:
        """Each row with its cells after the name: (part, its figures, or for "unjustified" its text)."""
        return [(row, [(part, getattr(row, part)) for part in self.parts]) for row in self.rows]


@dataclass
class StatusItem:
    kind_label: str
    name: str
    status: str = ""
    icon: str = ""
    colour: str = "#5e5e5e"
    comment: str = ""
    depth: int = 0


@dataclass
class StatusList(Block):
    kind: ClassVar[str] = "statuses"
    caption: str
    columns: list[str]
    items: list[StatusItem]


@dataclass
class Table(Block):
    """A plain table (economy, statistics, sources); `numeric` marks right-aligned columns."""

    kind: ClassVar[str] = "table"
    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)
    strong_rows: list[int] = field(default_factory=list)


@dataclass
class Chart(Block):
    """A drawn chart with its words: SVG for web and PDF, the same SVG turned into PNG for Word."""

    kind: ClassVar[str] = "chart"
    caption: str
    alt: str
    svg: str
    width: int = 640
    height: int = 300


@dataclass
class PageBreak(Block):
    kind: ClassVar[str] = "pagebreak"


BLOCK_TYPES: dict[str, type[Block]] = {
    cls.kind: cls for cls in (Heading, Paragraph, BulletList, Badge, MeasureTable, StatusList, Table, Chart, PageBreak)
}


def map_strings(value, change: Callable[[str], str]):
    """The JSON-safe `value` (a document's dict, a block's) with `change` applied to every string in it."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {key: map_strings(item, change) for key, item in value.items()}
    if isinstance(value, list):
        return [map_strings(item, change) for item in value]
    return value


@dataclass
class Document:
    kind: str  # a followup PeriodKind value, or a DocumentKind of a document of its own
    title: str
    organisation: str
    municipality: str
    year: int
    period_label: str = ""
    date_label: str = ""
    decided_label: str = ""
    language: str = "sv"
    toc_title: str = ""
    footer_page: str = ""  # "Sida {page} av {total}" in the document's language
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    @property
    def headings(self) -> list[Heading]:
        return [block for block in self.blocks if isinstance(block, Heading)]

    @property
    def charts(self) -> list[Chart]:
        return [block for block in self.blocks if isinstance(block, Chart)]

    def to_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "blocks"}
        data["blocks"] = [{"kind": block.kind, **asdict(block)} for block in self.blocks]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        data = dict(data)
        blocks = []
        for raw in data.pop("blocks", []):
            raw = dict(raw)
            block_type = BLOCK_TYPES[raw.pop("kind")]
            if block_type is MeasureTable:
                raw["rows"] = [MeasureRow.from_dict(row) for row in raw["rows"]]
            elif block_type is StatusList:
                raw["items"] = [StatusItem(**item) for item in raw["items"]]
            blocks.append(block_type(**raw))
        return cls(**data, blocks=blocks)
