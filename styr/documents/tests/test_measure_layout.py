"""The municipality's measure table columns in the documents, read back from HTML, PDF (pdftotext) and DOCX:
earlier months of the year, a reference value with its label, a direction with a number judged as a
suggestion beside the committee's own judgement, and no gender or "Omotiverade skillnader?" columns."""

import io
import re
from decimal import Decimal
from html import unescape

import docx
import pytest

from styr.documents import model as m
from styr.documents.builder import build_document
from styr.documents.formatters import render
from styr.documents.tests.readback import normalise, pdf_text
from styr.followup.models import MeasureAnalysis, MeasureOutcome, MeasureTableLayout
from styr.plans.models import Target, TargetKind

SEED_COLUMNS = ["Mått", "Utfall & trend", "Etappmål, ranking & genomsnitt", "Kön", "Omotiverade skillnader?"]
OWN_COLUMNS = ["Mått", "Utfall & trend", "Etappmål", "Referensvärde"]


@pytest.fixture
def series(world):
    measure = world.measure
    MeasureOutcome.objects.create(measure=measure, year=2019, month=12, total=60, women=58, men=62, rank=3, rank_of=26)
    MeasureOutcome.objects.create(measure=measure, year=2020, month=4, total=55)
    MeasureOutcome.objects.create(measure=measure, year=2020, month=12, total=50, reference_value=Decimal("47.5"),
                                  reference_label="Riket")
    Target.objects.create(measure=measure, year=2020, kind=TargetKind.DECREASE, value=45)
    MeasureAnalysis.objects.create(measure=measure, period=world.period, analysis="Kortare tider.", target_met=True,
                                   forecast=48, unjustified_differences=False)
    return world


def own_layout(world) -> None:
    MeasureTableLayout.objects.create(municipality=world.municipality, show_gender=False, show_unjustified=False,
                                      show_ranking=False, show_reference=True, show_earlier_months=True)


def measure_table(world) -> m.MeasureTable:
    document = build_document(unit=world.committee, year=2020, period=world.period)
    return next(block for block in document.blocks if isinstance(block, m.MeasureTable))


EXPECTED = ["Utfall 04-2020: 55 dagar", "Utfall 12-2020: 50 dagar", "Utfall 2019: 60 dagar", "Helårsprognos: 48 dagar",
            "Etappmål 2020: Minska till 45 dagar", "Etappmål: nått", "Förslag utifrån utfallet: ej nått",
            "Riket 2020: 47,5 dagar"]


def test_the_documents_print_the_municipalitys_columns_in_html_pdf_and_docx(series):
    own_layout(series)
    document = build_document(unit=series.committee, year=2020, period=series.period)
    table = next(block for block in document.blocks if isinstance(block, m.MeasureTable))
    assert table.columns == OWN_COLUMNS

    html = render(document, "html").decode()
    section = html[html.index('<table class="measure-table">'):]
    section = section[:section.index("</table>")]
    assert [unescape(text) for text in re.findall(r'<th scope="col">([^<]*)</th>', section)] == OWN_COLUMNS
    cells = normalise(unescape(re.sub(r"<[^>]+>", " ", section)))
    for text in EXPECTED:
        assert text in cells, text
    assert "Kvinnor" not in cells and "Ranking" not in cells and "Nej" not in cells

    word = docx.Document(io.BytesIO(render(document, "docx")))
    [word_table] = [table for table in word.tables if table.rows[0].cells[0].text == "Mått"]
    assert [cell.text for cell in word_table.rows[0].cells] == OWN_COLUMNS
    word_cells = normalise(" ".join(cell.text for cell in word_table.rows[1].cells))
    for text in EXPECTED:
        assert text in word_cells, text

    path = series.tmp_path / "vb.pdf"
    path.write_bytes(render(document, "pdf"))
    text = normalise(pdf_text(path))
    for expected in [*OWN_COLUMNS, *EXPECTED]:
        assert normalise(expected) in text, expected
    assert "Omotiverade skillnader?" not in text


def test_without_a_layout_the_seeds_five_columns_print(series):
    table = measure_table(series)
    assert table.columns == SEED_COLUMNS
    [row] = table.rows
    assert [figure.value for figure in row.gender] == ["58\u00a0dagar", "62\u00a0dagar"]
    assert "Ranking 2019" in [figure.label for figure in row.target]
    assert row.unjustified == "Nej"
    assert "Utfall 04-2020" not in [figure.label for figure in row.outcome]


def test_a_document_frozen_before_the_layout_reads_back_with_the_seeds_columns(series):
    data = build_document(unit=series.committee, year=2020, period=series.period).to_dict()
    for block in data["blocks"]:
        if block["kind"] == "measures":
            del block["parts"]
            for row in block["rows"]:
                del row["reference"]
    document = m.Document.from_dict(data)
    table = next(block for block in document.blocks if isinstance(block, m.MeasureTable))
    assert table.parts == ["outcome", "target", "gender", "unjustified"]
    html = render(document, "html").decode()
    assert "<td>Nej</td>" in html


@pytest.fixture
def world(world, tmp_path):
    world.tmp_path = tmp_path
    return world
