"""The economy chapter and the activity statistics in the documents, read back from the files: the demo's VB 2020
in HTML, PDF and DOCX holds every figure of seed 001's economy and statistics tables, as tables whose numbers are
right-aligned and never broken across lines; an interim report prints the forecast and its deviation."""

import re
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from django.test import Client
from docx.enum.text import WD_ALIGN_PARAGRAPH

from styr.core.formatting import format_number
from styr.demo.loader import _read
from styr.documents.builder import build_document
from styr.documents.tests.readback import normalise, pdf_text
from styr.documents.tests.test_control_chapter import produce
from styr.economy.models import ActivityArea, AreaReport
from styr.economy.tests.test_demo import Tables
from styr.followup.models import FollowUpPeriod
from styr.organisation.models import OrganisationUnit

BY_TYPE = "Driftredovisning per intäkts- och kostnadsslag, tkr"
BY_AREA = "Driftredovisning per verksamhetsområde, tkr"


def expected_tables() -> dict[str, list[list[str]]]:
    """Caption → rows (header first) that the VB must print: seed 001's figures, as the public pages print them
    (the economy page's own tests check those pages against the YAML row by row)."""
    economy = Tables(Client().get("/huddinge/socialnamnden/2020/ekonomi/?period=vb").content.decode()).tables
    expected = {caption: economy[caption] for caption in (BY_TYPE, BY_AREA, "Eget kapital, tkr", "Investeringar, tkr")}
    statistics = _read("socialnamnden-2020-statistics.yaml")
    for spec in statistics["tables"]:
        rows = [[spec["title"], "Bokslut 2020", "Bokslut 2019", "Bokslut 2018"]]
        previous = None
        for row in spec["rows"]:
            if row["section"] != previous:
                rows.append([row["section"], "", "", ""])
                previous = row["section"]
            decimals = 0 if row["unit"] == "antal" else 1
            rows.append([row["name"], *(format_number(row["values"][year], decimals) for year in (2020, 2019, 2018))])
        expected[spec["title"]] = rows
    return expected


@pytest.fixture
def files(db, tmp_path) -> dict[str, Path]:
    return produce(tmp_path)


def test_the_vb_holds_every_figure_in_html_pdf_and_docx(files):
    expected = expected_tables()
    by_type = _read("socialnamnden-2020-economy.yaml")["operating_statement_by_type"]["rows"]
    assert expected[BY_TYPE][1:][0][:3] == [by_type[0]["name"], format_number(by_type[0]["budget"]),
                                            format_number(by_type[0]["outcome"])]

    html = Tables(files["html"].read_text(encoding="utf-8")).tables
    for caption, rows in expected.items():
        assert html[caption] == rows, caption

    word = docx.Document(str(files["docx"]))
    tables = {tuple(cell.text for cell in table.rows[0].cells): table for table in word.tables}
    for rows in expected.values():
        table = tables[tuple(rows[0])]
        assert [[cell.text for cell in row.cells] for row in table.rows] == rows
        figures = [cell for row in table.rows[1:] for cell in row.cells[1:] if cell.text]
        assert figures and all(cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for cell in figures)

    raw = pdf_text(files["pdf"])
    text = normalise(raw)
    for rows in expected.values():
        for row in rows[1:]:
            assert normalise(" ".join(cell for cell in row if cell)) in text, row
        for figure in (cell for row in rows[1:] for cell in row[1:] if " " in cell or "\u00a0" in cell):
            unbroken = "[ \u00a0]".join(map(re.escape, re.split("[ \u00a0]", figure)))
            assert re.search(unbroken, raw), f"{figure!r} is broken across lines"


def test_an_interim_report_prints_the_forecast_and_its_deviation(db):
    from styr.demo.loader import load_demo

    municipality = load_demo()
    committee = OrganisationUnit.objects.get(municipality=municipality, slug="socialnamnden")
    d2 = FollowUpPeriod.objects.get(municipality=municipality, year=2020, slug="d2")
    area = ActivityArea.objects.get(committee=committee, name="Socialpsykiatri")
    AreaReport.objects.create(area=area, period=d2, forecast=Decimal(-35_000_000), comment="Lägre kostnader.")
    document = build_document(unit=committee, year=2020, period=d2)
    tables = {block.caption: block for block in document.blocks if block.kind == "table"}
    table = tables[BY_AREA]
    assert table.columns == ["Verksamhet", "Budget, Delårsrapport 2", "Utfall, Delårsrapport 2",
                             "Budget 2020", "Helårsprognos", "Prognos, avvikelse mot budget", "Bokslut 2019"]
    assert table.rows[0] == ["Socialpsykiatri", *map(format_number, (-24119,)), "",
                             *map(format_number, (-36178, -35000, 1178, -36235))]
    assert table.numeric == [False] + [True] * 6
