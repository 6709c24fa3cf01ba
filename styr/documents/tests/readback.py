"""Reading produced files back as text, the way the tests check them.

pdftotext -raw keeps the content-stream order, which Typst writes in reading order (cell by cell);
the default mode interleaves lines of neighbouring table cells.
"""

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u2063", "")).strip()


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        raise AssertionError("pdftotext is missing: apt-get install -y poppler-utils")
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout


def docx_xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def docx_text(path: Path) -> str:
    """Paragraph by paragraph, table cells included, in document order."""
    root = docx_xml(path)
    return "\n".join("".join(node.itertext()) for node in root.iter(f"{W}p"))


def pdf_figures(path: Path) -> list[dict]:
    """The tagged PDF's Figure elements (alt_text, page_number, attributes with BBox), in reading order."""
    import pdfplumber

    def walk(nodes):
        for node in nodes:
            yield node
            yield from walk(node.get("children", []))

    with pdfplumber.open(path) as pdf:
        return [node for node in walk(pdf.structure_tree) if node["type"] == "Figure"]


@dataclass
class PdfTable:
    """A table found by its ruled cells: the cells' boxes, the characters in its area, each cell's lines."""

    page: int
    cells: list[tuple[float, float, float, float]]
    chars: list[dict]
    lines: list[str]


def pdf_tables(path: Path) -> list[PdfTable]:
    """Every ruled table outside a figure (a chart's grid of rectangles is no table), read by pdfplumber."""
    import pdfplumber

    figures = pdf_figures(path)
    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            # A figure's BBox counts from the bottom of the page; pdfplumber's boxes from the top.
            boxes = [(left, page.height - top, right, page.height - bottom)
                     for left, bottom, right, top in (figure["attributes"]["BBox"] for figure in figures
                                                      if figure["page_number"] == page.page_number)]
            for table in page.find_tables():
                x0, top, x1, bottom = table.bbox
                if any(left <= x0 + 1 and x1 <= right + 1 and upper <= top + 1 and bottom <= lower + 1
                       for left, upper, right, lower in boxes):
                    continue
                cells = [cell for row in table.rows for cell in row.cells if cell]
                # The characters of the table's rows, also any running past its sides.
                chars = [char for char in page.chars if not char["text"].isspace()
                         and top <= (char["top"] + char["bottom"]) / 2 <= bottom]
                lines = [line["text"] for cell in cells for line in page.crop(cell).extract_text_lines()]
                found.append(PdfTable(page.page_number, cells, chars, lines))
    return found
