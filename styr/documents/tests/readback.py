"""Reading produced files back as text, the way the tests check them.

pdftotext -raw keeps the content-stream order, which Typst writes in reading order (cell by cell);
the default mode interleaves lines of neighbouring table cells.
"""

import re
import shutil
import subprocess
import zipfile
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
