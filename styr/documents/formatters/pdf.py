"""PDF through Typst: tagged PDF/UA-1 with outline, document title and language, fonts from the repo.

When Typst refuses a document (most often a character that no font we ship can draw, which PDF/UA
forbids), a bisection finds the first block at fault (the shortest beginning of the document that
fails) and in it the text (the fewest texts to replace for it to pass), so that the message names the
section, the item and the field to correct. That takes about 2·log₂(n) compilations, not n.
"""

import copy
import datetime
import json
from collections.abc import Callable, Iterator
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
    """The path of every text in a dict of the document (not its kind, language, colours, drawn SVG, logo or a
    measure table's parts, which name columns and are no text)."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("kind", "language", "colour", "svg", "logo_svg", "parts"):
                yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _without(value, paths: list[tuple]):
    """A copy of `value` with the texts at `paths` replaced by a plain letter (PDF/UA refuses an empty
    title or heading, so an empty text would fail for a reason of its own)."""
    changed = copy.deepcopy(value)
    for path in paths:
        target = changed
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = "x"
    return changed


def _smallest(count: int, holds: Callable[[int], bool]) -> int | None:
    """The smallest k in 1..count for which `holds(k)` is true, for a `holds` that stays true once true."""
    if count == 0 or not holds(count):
        return None
    low, high = 1, count
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _field_name(path: tuple) -> str:
    names = {
        "text": _("the text"), "analysis": _("the analysis"), "comment": _("the comment"), "name": _("the name"),
        "note": _("the note"), "caption": _("the caption"), "label": _("the label"), "status": _("the status"),
        "value": _("a figure"), "unjustified": _("the unjustified differences"), "alt": _("the chart's description"),
        "items": _("an item of the list"), "rows": _("a cell of the table"), "columns": _("a column heading"),
        "kind_label": _("the label"), "icon": _("the symbol"), "title": _("the title"),
        "organisation": _("the organisation"), "municipality": _("the municipality"),
        "period_label": _("the date line"), "decided_label": _("the decision line"),
        "case_label": _("the case number"), "logo_alt": _("the logo's description"),
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
        paths = list(_texts(cover))
        found = _smallest(len(paths), lambda k: not _fails(template, _without(cover, paths[:k])))
        if found is not None:
            return _("The cover: %(field)s cannot be typeset (%(error)s).") % {
                "field": _field_name(paths[found - 1]), "error": error}
        return _("The document cannot be typeset (%(error)s).") % {"error": error}
    blocks = data["blocks"]
    found = _smallest(len(blocks), lambda k: _fails(template, {**cover, "blocks": blocks[:k]}))
    if found is not None:
        block = blocks[found - 1]
        paths = list(_texts(block))
        text = _smallest(len(paths), lambda k: not _fails(template, {**cover, "blocks": [_without(block, paths[:k])]}))
        if text is not None:
            path = paths[text - 1]
            heading = next((item["text"] for item in reversed(blocks[:found]) if item["kind"] == "heading"), "")
            place = " – ".join(part for part in (heading, _item_name(block, path)) if part)
            return _("%(place)s: %(field)s cannot be typeset (%(error)s). Correct it and make the file again.") % {
                "place": place or data["title"], "field": _field_name(path), "error": error}
    return _("The document cannot be typeset (%(error)s).") % {"error": error}
