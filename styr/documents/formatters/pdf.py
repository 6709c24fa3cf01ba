"""PDF through Typst: tagged PDF/UA-1 with outline, document title and language, fonts from the repo.

When Typst refuses a document (most often a character that no font we ship can draw, which PDF/UA
forbids), the blocks are typeset one by one to find the one at fault, and then its texts one by one,
so that the message names the section, the item and the field to correct.
"""

import copy
import datetime
import json
from collections.abc import Iterator
from pathlib import Path

import typst
from django.utils.translation import gettext as _

from styr.documents.model import Document, DocumentError

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "typst"
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
# A fixed timestamp keeps the bytes of a re-rendered document identical; the decision date is in the text.
FIXED_TIMESTAMP = int(datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC).timestamp())


def render_pdf(document: Document, *, template: Path | None = None) -> bytes:
    template = template or TEMPLATE_DIR / "report.typ"
    data = document.to_dict()
    try:
        return _compile(template, data)
    except typst.TypstError as error:
        raise DocumentError(_fault(template, data, _first_line(error))) from error


def _compile(template: Path, data: dict) -> bytes:
    return typst.compile(
        str(template), root=str(template.parent), font_paths=[str(FONT_DIR)], ignore_system_fonts=True,
        sys_inputs={"document": json.dumps(data, ensure_ascii=False)},
        pdf_standards=["ua-1"], timestamp=FIXED_TIMESTAMP,
    )


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _fails(template: Path, data: dict) -> bool:
    try:
        _compile(template, data)
    except typst.TypstError:
        return True
    return False


def _texts(value, path: tuple = ()) -> Iterator[tuple]:
    """The path of every text in a block's dict (not its kind, colours or drawn SVG)."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("kind", "colour", "svg"):
                yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _without(value, path: tuple):
    changed = copy.deepcopy(value)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = ""
    return changed


def _field_name(path: tuple) -> str:
    names = {
        "text": _("the text"), "analysis": _("the analysis"), "comment": _("the comment"), "name": _("the name"),
        "note": _("the note"), "caption": _("the caption"), "label": _("the label"), "status": _("the status"),
        "value": _("a figure"), "unjustified": _("the unjustified differences"), "alt": _("the chart's description"),
        "items": _("an item of the list"), "rows": _("a cell of the table"), "columns": _("a column heading"),
        "kind_label": _("the label"), "icon": _("the symbol"), "title": _("the title"),
        "organisation": _("the organisation"), "municipality": _("the municipality"),
        "period_label": _("the date line"), "decided_label": _("the decision line"),
    }
    # A bullet list's item and a plain table's cell end in a number: they are named by their list.
    key = [step for step in path if isinstance(step, str)][-1]
    return names.get(key, key)


def _item_name(block: dict, path: tuple) -> str:
    """The measure, commitment or activity a text belongs to, when it is in a table row."""
    if len(path) >= 2 and path[0] in ("rows", "items") and isinstance(path[1], int):
        item = block[path[0]][path[1]]
        if isinstance(item, dict) and item.get("name") and path[2:] != ("name",):
            return item["name"]
    return ""


def _fault(template: Path, data: dict, error: str) -> str:
    cover = {**data, "blocks": []}
    if _fails(template, cover):
        for path in _texts(cover):
            if not _fails(template, _without(cover, path)):
                return _("The cover: %(field)s cannot be typeset (%(error)s).") % {
                    "field": _field_name(path), "error": error}
    else:
        heading = ""
        for block in data["blocks"]:
            if block["kind"] == "heading":
                heading = block["text"]
            if not _fails(template, {**cover, "blocks": [block]}):
                continue
            for path in _texts(block):
                if not _fails(template, {**cover, "blocks": [_without(block, path)]}):
                    place = " – ".join(part for part in (heading, _item_name(block, path)) if part)
                    return _("%(place)s: %(field)s cannot be typeset (%(error)s). Correct it and make the file again.") % {
                        "place": place or data["title"], "field": _field_name(path), "error": error}
            break
    return _("The document cannot be typeset (%(error)s).") % {"error": error}
