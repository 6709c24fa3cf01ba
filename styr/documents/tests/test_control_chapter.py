"""The internal-control chapter of D1, D2 and VB, read back from the files: the demo's VB 2020 in HTML, PDF and
DOCX holds the risk table grouped by goal, the review with its recommendations and actions, the controls by
category and the heat map with its text alternative."""

import datetime
import re
from pathlib import Path

from django.core.management import call_command

from styr.control import services
from styr.control.models import ControlCategory
from styr.control.presets import install_control_categories
from styr.demo.loader import load_demo
from styr.documents.builder import build_document
from styr.documents.tests.readback import W, docx_text, docx_xml, normalise, pdf_text
from styr.followup.models import FollowUpPeriod, PeriodKind, StatusOption

RISK_COLUMNS = ["Risk", "Bakgrund", "Åtgärd", "Status", "Kommentar"]
EXPECTED = [  # in reading order
    "Intern kontroll", "Sammanfattning", "Riskreducerande åtgärder", "Fler upplever god vård och omsorg",
    "R1: Risk för att socialtjänst uppdelat på flera nämnder", "Goda förutsättningar",
    "Åtgärder utifrån revision eller annan extern granskning",
    "Granskning av kommunens arbete med våld i nära relationer", "SN 2019/1703", "Rekommendationer",
    "Ej klart i år", "Systematiska kontroller",
]


def produce(tmp_path: Path) -> dict[str, Path]:
    """The demo's VB in the three formats, by the command a user runs."""
    load_demo()
    for fmt in ("html", "pdf", "docx"):
        call_command("report", organisation="socialnamnden", year=2020, period="vb", format=fmt, output=str(tmp_path))
    return {fmt: next(tmp_path.glob(f"*.{fmt}")) for fmt in ("html", "pdf", "docx")}


def in_order(text: str, expected: list[str]) -> None:
    text = re.sub(r"\s+", "", normalise(text))
    position = text.find(re.sub(r"\s+", "", "Intern kontroll är en process"))
    assert position > 0, "the chapter is missing"
    for item in expected[1:]:
        found = text.find(re.sub(r"\s+", "", item), position)
        assert found > position, f"{item!r} missing or out of order"
        position = found


def test_the_demos_vb_holds_the_chapter_in_html_pdf_and_docx(db, tmp_path):
    files = produce(tmp_path)
    html = files["html"].read_text(encoding="utf-8")
    chapter = html[html.index('id="intern-kontroll"'):]
    in_order(re.sub(r"<[^>]+>", " ", chapter), EXPECTED)
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", chapter, re.S).group(0)
    assert "<title" in svg and "Riskmatris: Socialnämnden 2020" in svg
    assert "Ej bedömda: R1, R2, R3." in svg  # the demo's risks carry no assessment: the words say so
    header = re.search(r"<caption[^>]*>Risker och åtgärder: Fler upplever god vård och omsorg</caption>\s*<thead>(.*?)"
                       r"</thead>", chapter, re.S).group(1)
    assert re.findall(r"<th[^>]*>(.*?)</th>", header) == RISK_COLUMNS

    text = pdf_text(files["pdf"])
    in_order(text, EXPECTED)
    assert "Risk Bakgrund Åtgärd Status Kommentar" in text and "Riskmatris: Socialnämnden 2020" in text

    in_order(docx_text(files["docx"]), EXPECTED)
    root = docx_xml(files["docx"])
    described = [node.get("descr") for node in root.iter() if node.get("descr")]
    assert "Riskmatris: Socialnämnden 2020. Ej bedömda: R1, R2, R3." in described
    tables = [["".join(cell.itertext()) for cell in table.iter(f"{W}tc")][:5] for table in root.iter(f"{W}tbl")]
    assert RISK_COLUMNS in tables


def test_an_interim_report_has_the_chapter_with_controls_by_category_and_a_month_report_has_none(world):
    install_control_categories(world.municipality)
    category = ControlCategory.objects.filter(municipality=world.municipality).order_by("order").first()
    d1 = FollowUpPeriod.objects.create(municipality=world.municipality, year=2020, kind=PeriodKind.INTERIM_1,
                                       slug="d1", name="Delårsrapport 1", as_of=datetime.date(2020, 4, 30))
    risk = services.add_risk(user=world.alice, plan=world.plan, risk="Risk för bristande samverkan", goal=world.goal,
                             probability=4, consequence=3, background="Sekretess.")
    action = services.add_risk_action(user=world.alice, risk=risk, text="Samverka med övriga nämnder.")
    klart = StatusOption.objects.get(municipality=world.municipality, key="klart")
    services.report_risk_action(user=world.alice, action=action, period=d1, status=klart, comment="Rutin klar.",
                                expected_version=0)
    control = services.add_control_activity(user=world.alice, municipality=world.municipality, unit=world.committee,
                                            year=2020, what="Attestförteckningen", category=category)
    services.report_control_result(user=world.alice, control=control, unit=world.committee, period=d1,
                                   outcome="remark", found="Två saknades.", proposed_action="Uppdatera",
                                   status=None, expected_version=0)
    document = build_document(unit=world.committee, year=2020, period=d1)
    tables = {block.caption: block for block in document.blocks if block.kind == "table"}
    risk_table = tables["Risker och åtgärder: Fler upplever god vård och omsorg"]
    assert risk_table.rows == [["R1: Risk för bristande samverkan", "Sekretess.", "Samverka med övriga nämnder.",
                                "Klart", "Rutin klar."]]
    controls = tables[f"Kontrollmoment: {category.label}"]
    assert controls.rows[0][0] == "Attestförteckningen"
    assert controls.rows[0][4] == "Med anmärkning\n\nTvå saknades.\n\nFöreslagen åtgärd: Uppdatera"
    chart = document.charts[-1]
    assert chart.alt == "Riskmatris: Socialnämnden 2020. Hög: R1 (sannolikhet 4, konsekvens 3)."
    month = FollowUpPeriod.objects.create(municipality=world.municipality, year=2020, kind=PeriodKind.MONTH,
                                          slug="mars", name="Mars", as_of=datetime.date(2020, 3, 31))
    assert "Intern kontroll" not in [h.text for h in build_document(unit=world.committee, year=2020,
                                                                     period=month).headings]
