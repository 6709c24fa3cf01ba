from decimal import Decimal

import pytest
from django.urls import reverse

from styr.documents import model as m
from styr.documents.builder import build_document
from styr.documents.formatters import render
from styr.documents.model import DocumentError
from styr.documents.models import DocumentBuild
from styr.documents.tasks import run_build
from styr.followup.models import GoalAssessment, MeasureOutcome
from styr.plans.models import GoalMeasure, Measure, Plan, Target, TargetKind


@pytest.fixture
def world(world):
    """The shared cast with three years of outcomes."""
    for year, total in ((2018, 119), (2019, 115), (2020, 111)):
        MeasureOutcome.objects.create(measure=world.measure, year=year, total=Decimal(total),
                                      women=Decimal(total + 3), men=Decimal(total - 2))
    Target.objects.create(measure=world.measure, year=2020, kind=TargetKind.DECREASE)
    level = world.municipality.assessment_scale.levels.get(key="god")
    GoalAssessment.objects.create(goal=world.goal, period=world.period, level=level, text="Målet nås.")
    return world


def test_document_model_survives_json(world):
    document = build_document(unit=world.committee, year=2020, kind="annual_report")
    again = m.Document.from_dict(document.to_dict())
    assert again == document
    assert again.to_dict() == document.to_dict()
    assert [block.kind for block in again.blocks if block.kind == "measures"] == ["measures"]


def test_builder_reads_goals_measures_and_assessments(world):
    document = build_document(unit=world.committee, year=2020, kind="annual_report")
    headings = [block.text for block in document.headings]
    assert "God omsorg för individen" in headings
    assert any(world.goal.name in text for text in headings)
    (table,) = [block for block in document.blocks if isinstance(block, m.MeasureTable)]
    (row,) = table.rows
    assert [figure.value for figure in row.outcome][:3] == ["111\u00a0dagar", "115\u00a0dagar", "119\u00a0dagar"]
    badges = [block.label for block in document.blocks if isinstance(block, m.Badge)]
    assert badges == ["God"]
    assert len(document.charts) == 1 and "111" in document.charts[0].alt


def test_builder_names_what_is_missing(world):
    with pytest.raises(DocumentError, match="2031"):
        build_document(unit=world.committee, year=2031, kind="annual_report")
    with pytest.raises(DocumentError):
        build_document(unit=world.committee, year=2020, kind="interim_2")  # no interim period exists


def test_every_kind_builds_and_renders(world):
    for kind in ("plan", "annual_report"):
        document = build_document(unit=world.committee, year=2020, kind=kind)
        assert render(document, "pdf").startswith(b"%PDF")
        assert render(document, "docx").startswith(b"PK")
        assert b"<html" in render(document, "html")


def test_typst_refuses_a_chart_without_alt_text(world):
    document = build_document(unit=world.committee, year=2020, kind="annual_report")
    document.charts[0].alt = ""
    with pytest.raises(DocumentError, match=r"(?i)diagrammets beskrivning kan inte typsättas.*alt"):
        render(document, "pdf")


def test_text_that_looks_like_markup_is_printed_as_text(world):
    world.goal.name = 'Mål med #let x = 1 och <b>"citat"</b> & {{ jinja }}'
    world.goal.save(update_fields=["name"])
    document = build_document(unit=world.committee, year=2020, kind="annual_report")
    assert render(document, "pdf").startswith(b"%PDF")
    assert b"&lt;b&gt;" in render(document, "html")
    assert render(document, "docx").startswith(b"PK")


def test_background_build_reports_progress_and_offers_the_file(world, client):
    client.force_login(world.charlie)
    args = [world.municipality.slug, world.committee.slug, 2020]
    response = client.post(reverse("documents:start_build", args=[*args, "vb", "pdf"]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    build = DocumentBuild.objects.get()
    assert build.status == "done" and build.progress == 100  # the default backend runs it at once
    assert reverse("documents:build_download", args=[*args, build.pk]) in response.content.decode()
    download = client.get(reverse("documents:build_download", args=[*args, build.pk]))
    assert download.content.startswith(b"%PDF") and download["Content-Type"] == "application/pdf"
    client.force_login(world.bob)
    assert client.get(reverse("documents:build_download", args=[*args, build.pk])).status_code == 403


def test_a_failed_build_says_why(world):
    Plan.objects.filter(pk=world.plan.pk).update(year=2031)
    build = DocumentBuild.objects.create(unit=world.committee, period=world.period, format="pdf")
    run_build(str(build.pk))
    build.refresh_from_db()
    assert build.status == "failed" and "2020" in build.message and build.data is None


def test_documents_page_and_web_version(world, client):
    client.force_login(world.charlie)
    args = [world.municipality.slug, world.committee.slug, 2020]
    page = client.get(reverse("documents:index", args=args))
    assert page.status_code == 200
    assert reverse("documents:start_build", args=[*args, "vb", "docx"]) in page.content.decode()
    web = client.get(reverse("documents:web", args=[*args, "vb"]))
    assert web.status_code == 200 and world.goal.name in web.content.decode()
    assert 'role="img"' in web.content.decode()
    assert client.get(reverse("documents:web", args=[*args, "nope"])).status_code == 404


def test_every_kind_with_measures_charts_each_measure_with_two_or_more_years(world):
    def measure(slug: str, name: str, years: dict[int, int]) -> Measure:
        found = Measure.objects.create(unit=world.committee, slug=slug, name=name, unit_of_measure="percent",
                                       direction="higher")
        GoalMeasure.objects.create(goal=world.goal, measure=found, order=len(years) + 1)
        for year, total in years.items():
            MeasureOutcome.objects.create(measure=found, year=year, total=Decimal(total))
        return found

    measure("nojda", "Nöjda brukare", {2019: 78, 2020: 80})
    measure("besok", "Besök i tid", {2020: 91})  # one year only: the table says it all
    for kind in ("plan", "annual_report"):
        document = build_document(unit=world.committee, year=2020, kind=kind)
        rows = [row.name for block in document.blocks if isinstance(block, m.MeasureTable) for row in block.rows]
        assert sorted(rows) == sorted([world.measure.name, "Nöjda brukare", "Besök i tid"])
        charts = [chart.caption for chart in document.charts]
        assert sorted(charts) == sorted([world.measure.name, "Nöjda brukare"])
