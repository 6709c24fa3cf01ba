"""Word's table of contents is filled when the document is made: an entry per heading of levels 1–2,
linked to its heading, inside the TOC field that Word updates (with page numbers) as it opens the file."""

import io
from decimal import Decimal

import docx
from docx.oxml.ns import qn

from styr.documents.builder import build_document
from styr.documents.formatters import render
from styr.followup.models import MeasureOutcome


def test_the_word_table_of_contents_lists_every_heading_linked_to_it(world):
    MeasureOutcome.objects.create(measure=world.measure, year=2020, total=Decimal(111))
    document = build_document(unit=world.committee, year=2020, period=world.period)
    wanted = [(heading.level, heading.text) for heading in document.headings if heading.level <= 2]
    assert len(wanted) >= 3 and {level for level, _text in wanted} == {1, 2}

    word = docx.Document(io.BytesIO(render(document, "docx")))
    entries = [paragraph for paragraph in word.paragraphs if paragraph.style.name.startswith("toc ")]
    assert [(int(paragraph.style.name[-1]), paragraph.text) for paragraph in entries] == wanted
    assert "Uppdatera fältet" not in "\n".join(paragraph.text for paragraph in word.paragraphs)

    # Each entry links to a bookmark standing in its own heading.
    bookmarks = {}
    for paragraph in word.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            for mark in paragraph._p.iter(qn("w:bookmarkStart")):
                bookmarks[mark.get(qn("w:name"))] = paragraph.text
    links = [entry._p.find(qn("w:hyperlink")) for entry in entries]
    assert [bookmarks.get(link.get(qn("w:anchor"))) for link in links] == [text for _level, text in wanted]

    # The entries are the result of the TOC field: it begins in the first entry and ends in the last.
    kinds = [(index, node.get(qn("w:fldCharType"))) for index, entry in enumerate(entries)
             for node in entry._p.iter(qn("w:fldChar"))]
    assert kinds == [(0, "begin"), (0, "separate"), (len(entries) - 1, "end")]
    assert "TOC" in entries[0]._p.find(f".//{qn('w:instrText')}").text
