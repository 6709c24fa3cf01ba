"""Writes the Word template `template.docx` that the DOCX formatter fills.

Run `python -m styr.documents.docx.make_template` after changing this file. A municipality can
instead open template.docx in Word, restyle it (Heading 1–3, Normal, Caption, Table Grid, Title,
Subtitle, footer) and keep the fields: {{ title }}, {{ organisation }}, {{ municipality }},
{{ period_label }}, {{ decided_label }}, {{ case_label }}, the paragraph {{ logo }} where the logo stands,
{{ toc_title }}, the table of contents' field (its entries
are filled in when the document is made, styled "toc 1" and "toc 2") and the paragraph {{ content }}
where the body goes.
"""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE = Path(__file__).resolve().parent / "template.docx"
ACCENT = RGBColor(0x0B, 0x4F, 0x8A)


def field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC) that Word computes when it opens or prints the file."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def set_language(document, language: str = "sv-SE") -> None:
    """Swedish in the document defaults, so spelling and hyphenation follow Swedish rules."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def update_fields_on_open(document) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def make() -> None:
    document = Document()
    set_language(document)
    update_fields_on_open(document)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.4)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10)
    for level, size in ((1, 17), (2, 13), (3, 11)):
        style = document.styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.color.rgb = "Arial", Pt(size), ACCENT
        if level == 1:
            style.paragraph_format.page_break_before = True
    for name in ("Title", "Subtitle", "Caption"):
        document.styles[name].font.name = "Arial"
    # Word's own names for the table of contents' entries, so that updating the field keeps the look.
    for level in (1, 2):
        style = document.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style, style.quick_style = document.styles["Normal"], True
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(3 if level == 2 else 5)
        if level == 1:
            style.font.bold = True

    document.add_paragraph("{{ logo }}")
    document.add_paragraph("{{ municipality }}", style="Subtitle")
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ organisation }}", style="Subtitle")
    document.add_paragraph("{{ period_label }}")
    document.add_paragraph("{{ decided_label }}")
    document.add_paragraph("{{ case_label }}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("{{ toc_title }}", style="TOC Heading" if "TOC Heading" in document.styles else "Title")
    field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', "Uppdatera fältet (F9) för att visa innehållsförteckningen.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("{{ content }}")

    footer = section.footer.paragraphs[0]
    footer.add_run("{{ title }} – {{ organisation }}\t\t")
    footer.add_run("{{ page_word }} ")
    field(footer, "PAGE", "1")
    footer.add_run(" {{ of_word }} ")
    field(footer, "NUMPAGES", "1")
    document.core_properties.language = "sv-SE"
    document.save(str(TEMPLATE))


if __name__ == "__main__":
    make()
