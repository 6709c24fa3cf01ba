"""Text that cannot be typeset: Word's bullets are cleaned when the document is built, and a text Typst
still refuses is named by its section, item and field."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from styr.documents import model as m
from styr.documents.builder import build_document
from styr.documents.formatters import render
from styr.documents.model import DocumentError
from styr.documents.models import BuildStatus, DocumentBuild
from styr.documents.tests.readback import normalise, pdf_text
from styr.followup.models import GoalAssessment, MeasureAnalysis, MeasureOutcome


@pytest.fixture
def world(world):
    MeasureOutcome.objects.create(measure=world.measure, year=2020, total=Decimal(111))
    return world


def test_a_goal_analysis_with_word_bullets_prints_them_as_bullets(world, tmp_path):
    # Stored as pasted, before input was cleaned: Symbol's dot, Wingdings' square and arrowhead.
    GoalAssessment.objects.create(goal=world.goal, period=world.period,
                                  text="Målet nås.\n\uf0b7 Kortare väntetider\n\uf0a7 Fler besök\n\uf0d8 Nöjdare brukare")
    MeasureAnalysis.objects.create(measure=world.measure, period=world.period, analysis="\uf0b7 Utredningar\r\nklara")
    document = build_document(unit=world.committee, year=2020, period=world.period)
    path = tmp_path / "vb.pdf"
    path.write_bytes(render(document, "pdf"))
    text = normalise(pdf_text(path))
    for line in ("• Kortare väntetider", "• Fler besök", "• Nöjdare brukare", "• Utredningar"):
        assert line in text
    assert not {"\uf0b7", "\uf0a7", "\uf0d8"} & set(text)


def test_a_text_typst_refuses_is_named_by_its_measure_and_field(world):
    MeasureAnalysis.objects.create(measure=world.measure, period=world.period, analysis="Se bilaga 漢字.")
    document = build_document(unit=world.committee, year=2020, period=world.period)
    with pytest.raises(DocumentError) as refused:
        render(document, "pdf")
    message = str(refused.value)
    assert message.startswith(f"Nämndmål: {world.goal.name} – {world.measure.name}: analysen kan inte typsättas")
    assert "漢" in message


def test_the_build_page_says_which_text_to_correct(world):
    MeasureAnalysis.objects.create(measure=world.measure, period=world.period, analysis="Se bilaga 漢字.")
    url = reverse("documents:start_build", args=[world.municipality.slug, world.committee.slug, 2020, "vb", "pdf"])
    response = Client().post(url, HTTP_HX_REQUEST="true")
    build = DocumentBuild.objects.get()
    assert build.status == BuildStatus.FAILED and build.data is None
    assert f"{world.measure.name}: analysen kan inte typsättas" in response.content.decode().replace("&amp;", "&")


def test_a_cover_or_a_bullet_that_cannot_be_typeset_is_named():
    document = m.Document(kind="annual_report", title="Verksamhetsberättelse 2020", organisation="Socialnämnden",
                          municipality="Testby kommun", year=2020, toc_title="Innehåll", footer_page="Sida {page}")
    document.add(m.Heading(1, "Händelser"), m.BulletList(["Ny rutin", "Besök från 漢"]))
    with pytest.raises(DocumentError, match=r"^Händelser: en punkt i listan kan inte typsättas"):
        render(document, "pdf")
    document.blocks, document.organisation = [], "漢"
    with pytest.raises(DocumentError, match=r"^Försättsbladet: organisationen kan inte typsättas"):
        render(document, "pdf")
