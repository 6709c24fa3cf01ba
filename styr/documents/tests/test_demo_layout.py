"""The demo's VB as a reader sees it: a chart for every measure with outcomes in two or more years, in
PDF, Word and HTML, and every table word inside its cell and whole on its line (read back from the
PDF's character positions)."""

import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import html

from styr.demo.loader import load_demo
from styr.documents import model as m
from styr.documents.builder import build_document
from styr.documents.tests.readback import docx_xml, pdf_figures, pdf_tables
from styr.followup.models import FollowUpPeriod
from styr.followup.tree import build_tree
from styr.organisation.models import OrganisationUnit
from styr.plans.models import Plan

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
# A line may break at a space, or after a hyphen (not a minus sign), a dash or a slash the text holds; nowhere else.
BREAKS = re.compile(r"(?<=[-–/])(?!\d)")


@pytest.fixture
def demo(db):
    load_demo()
    return OrganisationUnit.objects.get(slug="socialnamnden")


def produce(tmp_path: Path, fmt: str) -> Path:
    tmp_path.mkdir(exist_ok=True)
    call_command("report", organisation="socialnamnden", year=2020, period="vb", format=fmt, output=str(tmp_path))
    (path,) = tmp_path.glob(f"*.{fmt}")
    return path


def measures_with_history(unit: OrganisationUnit) -> list[str]:
    """The VB's measures (once per goal they stand under) with a total in two or more of the years shown."""
    plan = Plan.objects.get(unit=unit, year=2020)
    tree = build_tree(plan, FollowUpPeriod.objects.get(municipality=unit.municipality, year=2020, slug="vb"))
    return [result.measure.name for node in tree.goal_nodes for result in node.results
            if sum(outcome.total is not None for outcome in result.outcomes) >= 2]


def charted(names: list[str], titles: list[str]) -> list[str]:
    """The measures of `names` in order that a chart's title or alt text begins with."""
    return [name for name in names if any(title.startswith(name) for title in titles)]


def test_the_demo_vb_has_a_chart_for_every_measure_with_two_or_more_values(demo, tmp_path):
    wanted = measures_with_history(demo)
    document = build_document(unit=demo, year=2020, kind="annual_report")
    measured = sum(len(block.rows) for block in document.blocks if isinstance(block, m.MeasureTable))
    assert measured == 24 and len(wanted) > 16  # the demo's measures; most have three years of outcomes

    logo, *figures = [figure["alt_text"] for figure in pdf_figures(produce(tmp_path / "pdf", "pdf"))]
    assert logo == document.logo_alt and len(figures) == len(document.charts)
    assert charted(wanted, figures) == wanted
    assert len([alt for alt in figures if any(alt.startswith(name) for name in wanted)]) == len(wanted)

    path = produce(tmp_path / "docx", "docx")
    logo, *titles = [node.get("title") for node in docx_xml(path).iter(f"{WP}docPr")]
    with zipfile.ZipFile(path) as archive:
        pictures = [name for name in archive.namelist() if name.startswith("word/media/")]
    assert logo == document.logo_alt and len(titles) + 1 == len(pictures) == len(document.charts) + 1
    assert sorted(title for title in titles if title in wanted) == sorted(wanted)

    tree = html.fromstring(produce(tmp_path / "html", "html").read_bytes())
    svg_titles = [title.text_content() for title in tree.xpath("//*[local-name()='svg']/*[local-name()='title']")]
    assert len(svg_titles) == len(document.charts)
    assert sorted(title for title in svg_titles if title in wanted) == sorted(wanted)


def words_of(document: m.Document) -> tuple[set[str], set[str]]:
    """Every piece of a table's text that may stand alone on a line, and the runs joined by no-break spaces
    (a number and its unit, a number's thousands) that must stay on one line."""
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, m.MeasureTable):
            texts += block.columns
            for row in block.rows:
                texts += [row.name, row.note, row.unjustified, row.analysis]
                texts += [text for figure in row.outcome + row.target + row.gender + row.reference
                          for text in (f"{figure.label}:", figure.value)]
        elif isinstance(block, m.StatusList):
            texts += block.columns
            texts += [text for item in block.items for text in (f"{item.kind_label}:", item.name, item.status,
                                                                item.icon, item.comment)]
        elif isinstance(block, m.Table):
            texts += block.columns + [cell for row in block.rows for cell in row]
    pieces = set()
    for word in (word for text in texts for word in text.split()):
        parts = BREAKS.split(word)  # whatever of the word may stand on one line: the whole, or runs of its parts
        pieces |= {"".join(parts[start:end]) for start in range(len(parts)) for end in range(start + 1, len(parts) + 1)}
    joined = {run.replace("\u00a0", " ") for text in texts for run in re.split(r"[ \n]+", text) if "\u00a0" in run}
    return pieces, joined


def test_every_table_word_in_the_demo_vb_pdf_lies_inside_its_cell_and_is_never_split(demo, tmp_path):
    tables = pdf_tables(produce(tmp_path, "pdf"))
    document = build_document(unit=demo, year=2020, kind="annual_report")
    tabled = [block for block in document.blocks if isinstance(block, m.MeasureTable | m.StatusList | m.Table)]
    assert len(tables) >= len(tabled) > 20  # a table broken across pages is found on each of its pages
    outside = []
    for table in tables:
        for char in table.chars:
            middle = (char["top"] + char["bottom"]) / 2
            if not any(left - 0.1 <= char["x0"] and char["x1"] <= right + 0.1 and top <= middle <= bottom
                       for left, top, right, bottom in table.cells):
                outside.append(f"page {table.page}: {char['text']!r} at {char['x0']:.0f}–{char['x1']:.0f}")
    assert not outside, "characters past their cell's border:\n" + "\n".join(outside[:20])

    pieces, joined = words_of(document)
    lines = [line.replace("\u00a0", " ") for table in tables for line in table.lines]
    split = sorted({word for line in lines for word in line.split() if word not in pieces})
    assert not split, f"words split across lines: {split[:20]}"
    assert len(joined) > 50
    broken = sorted(run for run in joined if not any(run in line for line in lines))
    assert not broken, f"figures broken across lines: {broken[:20]}"
    # The header that ran past its border before.
    assert sum("Omotiverade" in line for line in lines) >= 10
