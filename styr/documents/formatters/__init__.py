"""Formatters turn a Document into bytes; none of them reads the database."""

from styr.documents.model import Document

FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def render(document: Document, fmt: str) -> bytes:
    if fmt == "pdf":
        from styr.documents.formatters.pdf import render_pdf
        return render_pdf(document)
    if fmt == "docx":
        from styr.documents.formatters.docx import render_docx
        return render_docx(document)
    if fmt == "html":
        from styr.documents.formatters.html import render_html
        return render_html(document).encode("utf-8")
    raise ValueError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
