"""Word through docxtpl: the repo's (or a municipality's) template gives styles, cover, footer and
the table-of-contents field; the body is written as WordprocessingML with real heading styles,
real tables (header row repeated on each page) and pictures with alt text.

The body is written as XML text and parsed once: python-docx's object API took 6 s for a report
of 200 measures (each added element rescans its parent), this takes a fraction of a second.
Pictures still go through python-docx, which files the image parts and relationships.
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docxtpl import DocxTemplate

from styr.charts import charts_to_png
from styr.documents import model as m

TEMPLATE = Path(__file__).resolve().parent.parent / "docx" / "template.docx"
MARKER = "styr-content-marker"
LOGO_MARKER = "styr-logo-marker"
LOGO_HEIGHT_CM = 2.2
HEADER_FILL = "E8EEF5"
CHART_WIDTH_CM = 14.0
TEXT_WIDTH_CM = 16.6
# A measure table's name column, and the relative widths of the parts after it (the seed's five fill the page).
NAME_WIDTH_CM = 3.8
PART_WIDTHS = {"outcome": 3.4, "target": 3.4, "reference": 2.6, "gender": 3.6, "unjustified": 2.4}
STYLE_NAMES = ("Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet", "Table Grid")
# Characters XML 1.0 does not allow; a pasted text may hold them.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def render_docx(document: m.Document, *, template: Path | None = None) -> bytes:
    tpl = DocxTemplate(str(template or TEMPLATE))
    before, _, after = document.footer_page.partition("{page}")
    tpl.render({
        "title": document.title, "organisation": document.organisation, "municipality": document.municipality,
        "period_label": document.period_label, "decided_label": document.decided_label,
        "case_label": document.case_label, "logo": LOGO_MARKER, "toc_title": document.toc_title, "page_word": before.strip(),
        "of_word": after.partition("{total}")[0].strip(), "content": MARKER,
    }, autoescape=True)
    docx = tpl.docx
    docx.core_properties.title = document.title
    docx.core_properties.author = document.municipality
    docx.core_properties.language = "sv-SE" if document.language == "sv" else document.language
    styles = {name: docx.styles[name].style_id for name in STYLE_NAMES}
    _place_logo(docx, document)
    # Pictures first, while the body is still small: python-docx scans the body for a free id per picture.
    inlines = [_picture(docx, png, chart) for png, chart in
               zip(charts_to_png(document.charts, width_cm=CHART_WIDTH_CM), document.charts, strict=True)]
    # python-docx picks each id from the document, which does not hold the new pictures yet: number them here.
    first_id = max((int(value) for value in docx.element.body.xpath("//wp:docPr/@id")), default=0) + 1
    for number, inline in enumerate(inlines):
        inline.docPr.set("id", str(first_id + number))
    writer = BodyXml(styles)
    for block in document.blocks:
        writer.write(block)
    _fill_contents(docx, writer.contents)
    body = parse_xml(f"<w:body {nsdecls('w', 'r', 'wp', 'a', 'pic')}>{''.join(writer.parts)}</w:body>")
    for slot, inline in zip(body.iter(qn("w:drawing")), inlines, strict=True):
        slot.append(inline)
    _insert_at_marker(docx.element.body, list(body))
    output = io.BytesIO()
    docx.save(output)
    return output.getvalue()


@dataclass
class _Drawing:
    svg: str


def _place_logo(docx, document: m.Document) -> None:
    """The logo where the template's {{ logo }} paragraph stands (drawn by Typst, as the charts), or no paragraph."""
    marker = next((p for p in docx.element.body.iterchildren(qn("w:p")) if LOGO_MARKER in "".join(p.itertext())), None)
    if marker is None:
        return
    if not document.logo_svg:
        marker.getparent().remove(marker)
        return
    (png,) = charts_to_png([_Drawing(document.logo_svg)], ppi=300, width_cm=6.0)
    inline = docx.part.new_pic_inline(io.BytesIO(png), None, Cm(LOGO_HEIGHT_CM))
    inline.docPr.set("descr", document.logo_alt)
    inline.docPr.set("title", document.logo_alt)
    for old in marker.findall(qn("w:r")):
        marker.remove(old)
    picture = OxmlElement("w:r")
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    picture.append(drawing)
    marker.append(picture)


def _fill_contents(docx, entries: list[tuple[int, str, str]]) -> None:
    """The table of contents field's result: a paragraph per heading of levels 1–2 (level, text, bookmark), linked
    to its heading, without page numbers; Word adds those when it updates the field as it opens the file."""
    instruction = next((node for node in docx.element.body.iter(qn("w:instrText")) if "TOC" in (node.text or "")), None)
    if instruction is None or not entries:
        return
    first = instruction.getparent().getparent()
    runs = list(first.iterchildren(qn("w:r")))
    kinds = [run.find(qn("w:fldChar")).get(qn("w:fldCharType")) if run.find(qn("w:fldChar")) is not None else ""
             for run in runs]
    if "separate" not in kinds or "end" not in kinds:
        return  # a municipality's template whose field spans paragraphs: Word fills it on opening
    separate, end = kinds.index("separate"), kinds.index("end")
    for placeholder in runs[separate + 1:end]:  # "Update the field (F9) …"
        first.remove(placeholder)
    end_run = runs[end]
    first.remove(end_run)
    styles = {style.name: style.style_id for style in docx.styles}
    paragraphs = []
    for level, heading, bookmark in entries:
        style = styles.get(f"toc {level}", "")
        link = f'<w:hyperlink w:anchor="{bookmark}" w:history="1">{run(heading)}</w:hyperlink>'
        xml = paragraph(link, style=style, indent_cm=0 if style else 0.6 * (level - 1))
        paragraphs.append(parse_xml(xml.replace("<w:p>", f"<w:p {nsdecls('w')}>", 1)))
    # The first entry shares the paragraph that begins the field; the last one ends it.
    head, *rest = paragraphs
    properties = first.find(qn("w:pPr"))
    if properties is not None:
        first.remove(properties)
    if head.find(qn("w:pPr")) is not None:
        first.insert(0, head.find(qn("w:pPr")))
    first.append(head.find(qn("w:hyperlink")))
    anchor = first
    for element in rest:
        anchor.addnext(element)
        anchor = element
    anchor.append(end_run)


def _picture(docx, png: bytes, chart: m.Chart):
    inline = docx.part.new_pic_inline(io.BytesIO(png), Cm(CHART_WIDTH_CM), None)
    inline.docPr.set("descr", chart.alt)
    inline.docPr.set("title", chart.caption)
    return inline


def _insert_at_marker(body, elements: list) -> None:
    """Put the new body where the template's {{ content }} paragraph stands, and drop that paragraph."""
    marker = next((p for p in body.iterchildren(qn("w:p")) if MARKER in "".join(p.itertext())), None)
    if marker is None:  # a template without {{ content }}: append before the section properties
        marker = OxmlElement("w:p")
        sections = body.findall(qn("w:sectPr"))
        (sections[-1].addprevious if sections else body.append)(marker)
    anchor = marker
    for element in elements:
        anchor.addnext(element)
        anchor = element
    body.remove(marker)


def text(value: str) -> str:
    return escape(INVALID_XML.sub("", value))


def run(value: str, *, bold: bool = False, italic: bool = False, colour: str = "", fill: str = "") -> str:
    properties = ""
    if bold:
        properties += "<w:b/>"
    if italic:
        properties += "<w:i/>"
    if colour:
        properties += f'<w:color w:val="{colour.lstrip("#")}"/>'
    if fill:
        properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#")}"/>'
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text(value)}</w:t></w:r>'


def paragraph(runs: str = "", *, style: str = "", indent_cm: float = 0, align: str = "") -> str:
    properties = ""
    if style:
        properties += f'<w:pStyle w:val="{style}"/>'
    if indent_cm:
        properties += f'<w:ind w:left="{round(indent_cm * 567)}"/>'
    if align:
        properties += f'<w:jc w:val="{align}"/>'
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{ppr}{runs}</w:p>"


def cell(paragraphs: list[str], width_cm: float, *, span: int = 1, fill: str = "") -> str:
    properties = f'<w:tcW w:w="{round(width_cm * 567)}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{''.join(paragraphs) or paragraph()}</w:tc>"


class BodyXml:
    def __init__(self, styles: dict[str, str]):
        self.styles = styles
        self.parts: list[str] = []
        self.contents: list[tuple[int, str, str]] = []  # the headings of levels 1–2: level, text, bookmark

    def write(self, block: m.Block) -> None:
        getattr(self, f"write_{block.kind}")(block)

    def write_heading(self, block: m.Heading) -> None:
        runs = run(block.text)
        if block.level <= 2:
            number = len(self.contents) + 1
            bookmark = f"_Toc{number:08d}"  # hidden, as Word names the bookmarks of its own contents
            self.contents.append((block.level, block.text, bookmark))
            runs = f'<w:bookmarkStart w:id="{number}" w:name="{bookmark}"/>{runs}<w:bookmarkEnd w:id="{number}"/>'
        self.parts.append(paragraph(runs, style=self.styles[f"Heading {min(block.level, 3)}"]))

    def write_paragraph(self, block: m.Paragraph) -> None:
        for part in block.paragraphs:
            self.parts.append(paragraph(run(part, bold=block.emphasis)))

    def write_bullets(self, block: m.BulletList) -> None:
        self.parts += [paragraph(run(item), style=self.styles["List Bullet"]) for item in block.items]

    def write_badge(self, block: m.Badge) -> None:
        label = f" {block.icon} {block.label} " if block.icon else f" {block.label} "
        self.parts.append(paragraph(run(f"{block.caption}: ") + run(label, bold=True, colour="FFFFFF", fill=block.colour)))

    def table(self, columns: list[str], widths: list[float], rows: list[str], caption: str) -> None:
        self.parts.append(paragraph(run(caption), style=self.styles["Caption"]))
        grid = "".join(f'<w:gridCol w:w="{round(width * 567)}"/>' for width in widths)
        header = "".join(cell([paragraph(run(name, bold=True))], width, fill=HEADER_FILL)
                         for name, width in zip(columns, widths, strict=True))
        self.parts.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.styles["Table Grid"]}"/><w:tblW w:w="0" w:type="auto"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0"'
            f' w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{header}</w:tr>{"".join(rows)}</w:tbl>'
        )
        self.parts.append(paragraph())

    @staticmethod
    def figures(figures: list[m.Figure]) -> list[str]:
        return [paragraph((run(f"{figure.label}: ") if figure.label else "") + run(figure.value, bold=figure.strong))
                for figure in figures]

    def write_measures(self, block: m.MeasureTable) -> None:
        shares = [PART_WIDTHS[part] for part in block.parts]
        scale = (TEXT_WIDTH_CM - NAME_WIDTH_CM) / sum(shares)
        widths = [NAME_WIDTH_CM, *(share * scale for share in shares)]
        rows = []
        for row, parts in block.cells:
            name = [paragraph(run(row.name, bold=True))] + ([paragraph(run(row.note, italic=True))] if row.note else [])
            cells = [cell(name, widths[0])]
            for (part, value), width in zip(parts, widths[1:], strict=True):
                content = [paragraph(run(value))] if part == "unjustified" else self.figures(value)  # type: ignore[arg-type]
                cells.append(cell(content, width))
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
            if row.analysis:
                texts = [paragraph(run(part.strip())) for part in row.analysis.split("\n\n") if part.strip()]
                rows.append(f"<w:tr>{cell(texts, sum(widths), span=len(widths))}</w:tr>")
        self.table(block.columns, widths, rows, block.caption)

    def write_statuses(self, block: m.StatusList) -> None:
        with_status = len(block.columns) == 3
        widths = [7.0, 3.2, 6.4] if with_status else [7.0, 9.6]
        rows = []
        for item in block.items:
            name = paragraph(run(f"{item.kind_label}: ", italic=True) + run(item.name), indent_cm=0.5 * item.depth)
            cells = [cell([name], widths[0])]
            if with_status:
                status = (run(f"{item.icon} ", bold=True, colour=item.colour) if item.icon else "") + run(item.status)
                cells.append(cell([paragraph(status)], widths[1]))
            comments = [paragraph(run(part.strip())) for part in item.comment.split("\n\n") if part.strip()]
            cells.append(cell(comments, widths[-1]))
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
        self.table(block.columns, widths, rows, block.caption)

    def write_table(self, block: m.Table) -> None:
        count = len(block.columns)
        widths = [TEXT_WIDTH_CM / count] * count
        numeric = block.numeric if len(block.numeric) == count else [False] * count
        rows = []
        for index, values in enumerate(block.rows):
            strong = index in block.strong_rows
            cells = [cell([paragraph(run(value, bold=strong), align="right" if is_number else "")], width)
                     for value, width, is_number in zip(values, widths, numeric, strict=True)]
            rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
        self.table(block.columns, widths, rows, block.caption)

    def write_chart(self, block: m.Chart) -> None:
        # An empty drawing: the picture made by python-docx is put in after parsing.
        self.parts.append(paragraph("<w:r><w:drawing/></w:r>"))
        self.parts.append(paragraph(run(block.caption), style=self.styles["Caption"]))

    def write_pagebreak(self, block: m.PageBreak) -> None:
        self.parts.append(paragraph('<w:r><w:br w:type="page"/></w:r>'))
