"""Seed 001: the annual report 2020 of Socialnämnden holds every goal, assessment and measure figure."""

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from styr.demo.loader import load_demo
from styr.documents.builder import build_document
from styr.documents.tests.readback import W, docx_text, docx_xml, normalise, pdf_text
from styr.organisation.models import OrganisationUnit

CHECKLIST = Path(__file__).resolve().parents[2] / "demo" / "tests" / "seed001_figures.yaml"


@pytest.fixture
def demo(db):
    load_demo()


def expected_charts() -> int:
    unit = OrganisationUnit.objects.get(slug="socialnamnden")
    return len(build_document(unit=unit, year=2020, kind="annual_report").charts)


def checklist() -> dict:
    return yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))


def produce(tmp_path: Path, fmt: str) -> Path:
    call_command("report", organisation="socialnamnden", year=2020, period="vb", format=fmt,
                 output=str(tmp_path))
    (path,) = tmp_path.glob(f"*.{fmt}")
    return path


def squeeze(text: str) -> str:
    """Without any whitespace: a PDF line may break after "–" or inside a long name."""
    return re.sub(r"\s+", "", normalise(text))


def assert_holds_seed(text: str) -> None:
    lower = squeeze(text).lower()
    text = squeeze(text)
    data = checklist()
    missing = []
    for item in data["assessments"]:
        if squeeze(item["goal"]) not in text:
            missing.append(f"goal {item['goal']}")
        elif squeeze(item["level"]).lower() not in lower:
            missing.append(f"assessment {item['level']} of {item['goal']}")
    names = sorted({item["measure"] for item in data["figures"]}, key=len, reverse=True)
    starts = {}
    for name in names:
        start = text.find(squeeze(name))
        if start < 0:
            missing.append(f"measure {name}")
        starts[name] = start
    for item in data["figures"]:
        start = starts[item["measure"]]
        if start < 0:
            continue
        # The measure's section: from its name to the next measure name after it.
        following = [starts[other] for other in names if starts[other] > start]
        section = lower[start:min(following, default=len(text))]
        value = squeeze(str(item["value"])).lower()
        if not re.search(rf"(?<![\d,]){re.escape(value)}(?![\d,])", section):
            missing.append(f"{item['measure']}: {item['label']} {item['value']}")
    assert not missing, "missing from the document:\n" + "\n".join(missing)


def test_annual_report_pdf_holds_seed_001_and_is_tagged_pdf_ua(demo, tmp_path):
    path = produce(tmp_path, "pdf")
    assert_holds_seed(pdf_text(path))
    raw = path.read_bytes()
    assert b"pdfuaid:part" in raw and re.search(rb"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", raw)
    assert b"/StructTreeRoot" in raw and b"/Marked true" in raw
    assert b"/Lang(sv-SE)" in raw
    assert b"Verksamhetsber" in raw  # document title in the metadata
    tree = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True).stdout.decode("latin-1")
    tags = set(re.findall(r"^\s*([A-Za-z][A-Za-z0-9]*)\b", tree, re.MULTILINE))
    assert {"H1", "H2", "Table", "TH", "TD", "Caption", "Figure", "TOCI"} <= tags


def test_annual_report_docx_holds_seed_001_with_headings_tables_and_swedish(demo, tmp_path):
    path = produce(tmp_path, "docx")
    assert_holds_seed(docx_text(path))
    body = docx_xml(path)
    styles = {node.get(f"{W}val") for node in body.iter(f"{W}pStyle")}
    assert {"Heading1", "Heading2"} <= styles
    assert len(list(body.iter(f"{W}tbl"))) >= 10
    assert any("TOC" in (node.text or "") for node in body.iter(f"{W}instrText"))
    lang = docx_xml(path, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "sv-SE"
    with zipfile.ZipFile(path) as archive:
        pictures = [name for name in archive.namelist() if name.startswith("word/media/")]
    assert len(pictures) == expected_charts() + 1 > 1  # the charts and the cover's logo
    descriptions = [node.get("descr") for node in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert descriptions and all(descriptions)
    ids = [node.get("id") for node in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(ids) == len(set(ids))


def test_annual_report_html_holds_seed_001(demo, tmp_path):
    from lxml import html

    path = produce(tmp_path, "html")
    tree = html.fromstring(path.read_bytes())
    assert tree.get("lang") == "sv"
    assert_holds_seed(tree.text_content())
    assert len(tree.xpath("//*[local-name()='svg']")) == expected_charts() > 0
