"""HTML: the same document as a web page fragment or a self-contained file (styles inline)."""

import base64
from dataclasses import dataclass
from typing import Any

from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from styr.documents import model as m


@dataclass
class PlacedBlock:
    block: m.Block
    template: str
    id: str = ""


def html_context(document: m.Document) -> dict:
    """Blocks with their template and, for headings, a unique id that the table of contents links to."""
    placed, toc, used = [], [], set()
    for block in document.blocks:
        item = PlacedBlock(block, f"documents/blocks/{block.kind}.html")
        if isinstance(block, m.Heading):
            base = block.anchor or slugify(block.text) or "avsnitt"
            anchor, number = base, 2
            while anchor in used:
                anchor, number = f"{base}-{number}", number + 1
            used.add(anchor)
            item.id = anchor
            if block.level <= 2:
                toc.append({"level": block.level, "text": block.text, "id": anchor})
        placed.append(item)
    # Each block template is loaded once and rendered in a loop: {% include %} per block reloads it
    # when the template cache is off (development), which made a report take a second.
    templates: dict[str, Any] = {}
    parts = []
    for item in placed:
        if item.template not in templates:
            templates[item.template] = get_template(item.template)
        parts.append(templates[item.template].render(_extra(item)))
    # The logo as an <img>: a picture, whatever its SVG holds, never part of the page's markup.
    logo = f"data:image/svg+xml;base64,{base64.b64encode(document.logo_svg.encode()).decode()}" if document.logo_svg else ""
    return {"document": document, "body": mark_safe("".join(parts)), "toc": toc,  # rendered templates, already escaped
            "logo_src": logo}


def _extra(item: PlacedBlock) -> dict:
    data = {"block": item.block, "id": item.id}
    if isinstance(item.block, m.Chart):
        # The SVG comes from styr.charts, which escapes every text it draws.
        data["block"] = item.block
        data["svg"] = mark_safe(item.block.svg)  # already escaped
    if isinstance(item.block, m.Table):
        numeric = item.block.numeric if len(item.block.numeric) == len(item.block.columns) else []
        data["rows"] = [
            {"strong": index in item.block.strong_rows,
             "cells": [{"text": text, "numeric": bool(numeric and numeric[column])} for column, text in enumerate(row)]}
            for index, row in enumerate(item.block.rows)
        ]
    return data


def render_html(document: m.Document) -> str:
    return render_to_string("documents/standalone.html", html_context(document))


def render_fragment(document: m.Document) -> str:
    return render_to_string("documents/_body.html", html_context(document))
