"""PDF through Typst: tagged PDF/UA-1 with outline, document title and language, fonts from the repo."""

import datetime
import json
from pathlib import Path

import typst

from styr.documents.model import Document

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "typst"
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
# A fixed timestamp keeps the bytes of a re-rendered document identical; the decision date is in the text.
FIXED_TIMESTAMP = int(datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC).timestamp())


def render_pdf(document: Document, *, template: Path | None = None) -> bytes:
    template = template or TEMPLATE_DIR / "report.typ"
    return typst.compile(
        str(template), root=str(template.parent), font_paths=[str(FONT_DIR)], ignore_system_fonts=True,
        sys_inputs={"document": json.dumps(document.to_dict(), ensure_ascii=False)},
        pdf_standards=["ua-1"], timestamp=FIXED_TIMESTAMP,
    )
