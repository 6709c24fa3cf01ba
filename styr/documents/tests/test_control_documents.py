"""The internal-control plan and the quality report, documents of their own: the demo's read back from HTML, PDF
and DOCX as the `report` command writes them, listed on the documents page, readable there without login, and
frozen with the decision of their period (the plan, the annual report)."""

import datetime
import re
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from styr.control import oversight
from styr.control.models import QualityCategory, QualityKind
from styr.control.quality import CountRow, replace_quality_counts
from styr.demo.loader import load_demo
from styr.documents import services
from styr.documents.builder import build_document
from styr.documents.model import DocumentError
from styr.documents.models import DecidedDocument, DocumentKind
from styr.documents.tests.readback import docx_text, normalise, pdf_text
from styr.followup.models import FollowUpPeriod, PeriodProgress, ProgressState
from styr.organisation.models import OrganisationUnit
from styr.plans.models import Plan

PLAN_EXPECTED = [  # in reading order
    "Internkontrollplan 2020", "Riskanalys", "Riskbedömning", "Ej bedömd", "Riskreducerande åtgärder",
    "Fler upplever god vård och omsorg", "R1: Risk för att socialtjänst uppdelat på flera nämnder",
    "Åtgärder utifrån revision eller annan extern granskning",
    "Granskning av kommunens arbete med våld i nära relationer", "SN 2019/1703", "Rekommendationer",
    "Plan för uppföljning av avtal", "Verksamhetsuppföljning av boendestöd socialpsykiatri",
    "Egen regi i konkurrens",
]
QUALITY_EXPECTED = [
    "Kvalitetsberättelse 2020", "Processer", "Handläggning av ekonomiskt bistånd", "Huvudprocess",
    "Egenkontroller", "Journalgranskning av tio akter", "Avvikelser, synpunkter och anmälningar", "Avvikelser",
    "Socialnämnden", "Totalt", "Analys och förbättringsområden",
]


def produce(tmp_path: Path, own: str) -> dict[str, Path]:
    for fmt in ("html", "pdf", "docx"):
        call_command("report", organisation="socialnamnden", year=2020, own=own, format=fmt, output=str(tmp_path))
    return {fmt: next(tmp_path.glob(f"{own}-*.{fmt}")) for fmt in ("html", "pdf", "docx")}


def in_order(text: str, expected: list[str]) -> None:
    text, position = re.sub(r"\s+", "", normalise(text)), -1
    for item in expected:
        found = text.find(re.sub(r"\s+", "", item), position + 1)
        assert found > position, f"{item!r} missing or out of order"
        position = found


def _html_text(path: Path) -> str:
    return re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))


def test_the_demos_internal_control_plan_in_html_pdf_and_docx(db, tmp_path):
    load_demo()
    files = produce(tmp_path, DocumentKind.INTERNAL_CONTROL_PLAN)
    html = files["html"].read_text(encoding="utf-8")
    assert "Riskmatris: Socialnämnden 2020" in html and "Ej bedömda: R1, R2, R3." in html
    for text in (_html_text(files["html"]), pdf_text(files["pdf"]), docx_text(files["docx"])):
        in_order(text, PLAN_EXPECTED)
        # A plan has no statuses yet: the period's ("Ej klart i år" in the VB) are not in it.
        assert "Ej klart i år" not in text and "Kommentar" not in normalise(text)
    assert "Risk Bakgrund Åtgärd" in normalise(pdf_text(files["pdf"]))


def _quality_work(committee: OrganisationUnit, controller: User) -> None:
    """What a committee's quality report is made of, entered through the services as the pages do."""
    plan = Plan.objects.get(unit=committee, year=2020)
    process = oversight.add_process(user=controller, unit=committee, name="Handläggning av ekonomiskt bistånd",
                                    kind="core", owner="Enhetschef försörjningsstöd")
    oversight.add_self_inspection(user=controller, plan=plan, fields=oversight.InspectionFields(
        what="Journalgranskning av tio akter", process=process, done=True, result="Två akter saknade plan."))
    categories = {category.key: category for category in QualityCategory.objects.filter(
        municipality=committee.municipality)}
    first = next(iter(categories.values()))
    for slug, count in (("d2", 3), ("vb", 4)):
        period = FollowUpPeriod.objects.get(municipality=committee.municipality, year=2020, slug=slug)
        replace_quality_counts(user=controller, unit=committee, period=period,
                               rows=[CountRow(kind=QualityKind.DEVIATION, category=first, count=count)])


def test_the_quality_report_in_html_pdf_and_docx(db, tmp_path):
    load_demo()
    committee = OrganisationUnit.objects.get(slug="socialnamnden")
    _quality_work(committee, User.objects.get(username="controller"))
    files = produce(tmp_path, DocumentKind.QUALITY_REPORT)
    for text in (_html_text(files["html"]), pdf_text(files["pdf"]), docx_text(files["docx"])):
        in_order(text, QUALITY_EXPECTED)
    document = build_document(unit=committee, year=2020, kind="annual_report", document=DocumentKind.QUALITY_REPORT)
    counts = next(block for block in document.blocks if block.kind == "table" and block.caption.startswith("Avvik"))
    assert counts.columns == ["Enhet", "Kategori", "Delårsrapport 2", "Verksamhetsberättelse", "Året"]
    assert counts.rows[-1][-3:] == ["3", "4", "7"]


def test_they_belong_to_their_periods_and_say_when_there_is_nothing(world):
    vp = FollowUpPeriod.objects.create(municipality=world.municipality, year=2020, kind="plan", slug="vp",
                                       name="Verksamhetsplan", as_of=datetime.date(2019, 11, 30))
    try:
        build_document(unit=world.committee, year=2020, period=vp, document=DocumentKind.QUALITY_REPORT)
    except DocumentError as error:
        assert "verksamhetsberättelse" in str(error).lower()
    else:
        raise AssertionError("a quality report of a plan period was made")
    try:
        build_document(unit=world.committee, year=2020, period=vp, document=DocumentKind.INTERNAL_CONTROL_PLAN)
    except DocumentError as error:
        assert "ingen intern kontroll" in str(error)
    else:
        raise AssertionError("an empty internal-control plan was made")


def test_listed_readable_without_login_and_frozen_with_the_plans_decision(db, client, tmp_path):
    load_demo()
    committee = OrganisationUnit.objects.get(slug="socialnamnden")
    args = [committee.municipality.slug, committee.slug, 2020]
    index = client.get(reverse("documents:index", args=args))
    assert index.status_code == 200
    web_url = reverse("documents:web", args=[*args, "vp", DocumentKind.INTERNAL_CONTROL_PLAN])
    assert f'href="{web_url}"' in index.content.decode()
    assert reverse("documents:web", args=[*args, "vb", DocumentKind.QUALITY_REPORT]) in index.content.decode()
    page = client.get(web_url)
    assert page.status_code == 200 and "Granskning av kommunens arbete med våld i nära relationer" in page.content.decode()
    build = client.post(reverse("documents:start_build", args=[*args, "vp", DocumentKind.INTERNAL_CONTROL_PLAN, "docx"]))
    assert build.status_code == 200 and "SN 2019/1703" in docx_text_of(client, build, tmp_path / "built.docx")

    plan = Plan.objects.get(unit=committee, year=2020)
    vp = FollowUpPeriod.objects.get(municipality=committee.municipality, year=2020, slug="vp")
    PeriodProgress.objects.create(plan=plan, period=vp, state=ProgressState.APPROVED)
    services.decide(user=User.objects.get(username="controller"), plan=plan, period=vp,
                    decided_on=datetime.date(2019, 12, 12), paragraph="§ 101")
    frozen = DecidedDocument.objects.get(unit=committee, period=vp, document_kind=DocumentKind.INTERNAL_CONTROL_PLAN)
    assert frozen.paragraph == "§ 101" and frozen.files.count() == 3
    assert frozen.document().decided_label == "Beslutad 12 december 2019, § 101"
    assert DecidedDocument.objects.filter(unit=committee, period=vp).count() == 2
    # Later edits do not change what was decided.
    plan.risks.update(risk="Ändrad risk")
    assert "Ändrad risk" not in client.get(web_url).content.decode()


def docx_text_of(client, build_response, path: Path) -> str:
    """The built file the build's page links to, downloaded and read back."""
    link = re.search(r'href="([^"]+/fil/)"', build_response.content.decode())
    assert link, build_response.content.decode()
    path.write_bytes(client.get(link.group(1)).content)
    return docx_text(path)
