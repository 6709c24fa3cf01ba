"""Documents print what the plan says, as the municipality lays it out; read back from HTML, PDF and DOCX."""

import datetime

import pytest

from styr.documents import model as m
from styr.documents.builder import build_document
from styr.documents.formatters import render
from styr.documents.tests.readback import docx_text, normalise, pdf_text
from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodReport
from styr.organisation.models import UnreportedDisplay
from styr.plans.models import Activity, Commitment, Goal

WORDING = "Alla ska få den omsorg de behöver, när de behöver den."
INTERPRETATION = "Nämnden tolkar målet som bemötande och delaktighet."
PRIORITIES = "Särskilt prioriteras barn i utsatta familjer."


@pytest.fixture
def plan_world(world):
    world.council_goal.description = WORDING
    world.council_goal.save()
    world.goal.interpretation, world.goal.priorities = INTERPRETATION, PRIORITIES
    world.goal.save()
    world.other_goal = Goal.objects.create(plan=world.plan, council_goal=world.council_goal, slug="trygghet",
                                           name="Fler känner sig trygga", order=2)
    commitment = Commitment.objects.create(plan=world.plan, goal=world.goal, name="Införa e-tjänst")
    Activity.objects.create(plan=world.plan, goal=world.goal, commitment=commitment, name="Utbilda handläggarna")
    Activity.objects.create(plan=world.plan, goal=world.other_goal, commitment=commitment, name="Trygghetsvandringar")
    FollowUpPeriod.objects.create(municipality=world.municipality, year=2020, kind=PeriodKind.PLAN, slug="vp",
                                  name="Verksamhetsplan", as_of=datetime.date(2020, 1, 1))
    PeriodReport.objects.create(plan=world.plan, period=world.period, text="Nämndens år i korthet.")
    return world


def _files(document: m.Document, tmp_path) -> dict[str, str]:
    texts = {"html": normalise(render(document, "html").decode())}
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        path = tmp_path / f"document.{fmt}"
        path.write_bytes(render(document, fmt))
        texts[fmt] = normalise(read(path))
    return texts


def _status_rows(document: m.Document, goal: Goal) -> list[tuple[int, str]]:
    (table,) = [block for block in document.blocks if isinstance(block, m.StatusList) and goal.name in block.caption]
    return [(item.depth, item.name) for item in table.items]


def test_the_plan_prints_the_council_goal_wording_interpretation_and_priorities(plan_world, tmp_path):
    texts = _files(build_document(unit=plan_world.committee, year=2020, kind="plan"), tmp_path)
    for fmt, text in texts.items():
        for wanted in (WORDING, INTERPRETATION, PRIORITIES):
            assert wanted in text, (fmt, wanted)


def test_reports_leave_the_goal_texts_to_the_plan_unless_the_municipality_wants_them(plan_world, tmp_path):
    report = build_document(unit=plan_world.committee, year=2020, kind="annual_report")
    text = normalise(render(report, "html").decode())
    assert WORDING in text and INTERPRETATION not in text and PRIORITIES not in text
    # The committee's text prints although it has set no combined level.
    assert "Nämndens år i korthet." in text
    plan_world.municipality.goal_texts_in_every_document = True
    plan_world.municipality.print_council_goal_text = False
    plan_world.municipality.save()
    texts = _files(build_document(unit=plan_world.committee, year=2020, kind="annual_report"), tmp_path)
    for fmt, text in texts.items():
        assert INTERPRETATION in text and PRIORITIES in text, fmt
        assert WORDING not in text, fmt


def test_an_activity_under_another_goal_than_its_commitment_prints_under_the_commitment_at_both(plan_world):
    document = build_document(unit=plan_world.committee, year=2020, kind="annual_report")
    assert _status_rows(document, plan_world.goal) == [
        (0, "Införa e-tjänst"), (1, "Utbilda handläggarna"), (1, "Trygghetsvandringar")]
    assert _status_rows(document, plan_world.other_goal) == [(0, "Införa e-tjänst"), (1, "Trygghetsvandringar")]


@pytest.mark.parametrize(("display", "printed"), [
    (UnreportedDisplay.NOT_REPORTED, "Ej rapporterad"), (UnreportedDisplay.DASH, "–"), (UnreportedDisplay.NOTHING, ""),
])
def test_unreported_statuses_print_as_the_municipality_chooses(plan_world, tmp_path, display, printed):
    plan_world.municipality.unreported_display = display
    plan_world.municipality.save()
    document = build_document(unit=plan_world.committee, year=2020, kind="annual_report")
    statuses = {item.status for block in document.blocks if isinstance(block, m.StatusList) for item in block.items}
    assert statuses == {printed}
    texts = _files(document, tmp_path)
    for fmt, text in texts.items():
        assert ("Ej rapporterad" in text) == (display == UnreportedDisplay.NOT_REPORTED), fmt
