"""A plan's measure whose source is the ledger: its outcome derived each follow-up from the committee's
figures (import, forecasts, equity), recorded with the source "ledger", never typed, shown read-only on the
follow-up page with the level the criteria suggest, on the measure page and in the documents."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from styr.demo.loader import load_demo
from styr.documents.builder import build_document
from styr.economy import services
from styr.economy.models import EconomyCriterion
from styr.followup import services as followup_services
from styr.followup.models import AssessmentLevel, FollowUpPeriod, MeasureOutcome, PeriodProgress, ProgressState
from styr.history.models import Change, ChangeEvent, ChangeSource
from styr.plans import services as plan_services
from styr.plans.models import Direction, LedgerFigure, MeasureKind, PeriodType, UnitOfMeasure

HEADER = "Konto;Verksamhet;Månad;Typ;Belopp\n"
BUDGET = ["5010;110;0;budget;-10 000", "5010;210;0;budget;-5 000"]  # net budget −15 000 tkr


def ledger(*lines: str) -> io.BytesIO:
    return io.BytesIO((HEADER + "".join(f"{line}\n" for line in lines)).encode())


def run(economy, *lines: str, reason: str = ""):
    world = economy.world
    return services.import_ledger(user=world.alice, unit=world.committee, year=2020, name="huvudbok.csv",
                                  handle=ledger(*BUDGET, *lines), scale="tkr", reason=reason)


def ledger_measure(world, figure=LedgerFigure.RESULT, unit_of_measure=UnitOfMeasure.MNKR):
    measure = plan_services.save_measure(
        user=world.alice, unit=world.committee, name="Budgethållning, resultat", description="",
        unit_of_measure=unit_of_measure, direction=Direction.HIGHER, kind=MeasureKind.INDICATOR,
        period_type=PeriodType.YEAR, ledger_figure=figure)
    plan_services.link_measure(user=world.alice, goal=world.goal, measure=measure)
    return measure


def outcome(measure, month=12) -> Decimal | None:
    found = MeasureOutcome.objects.filter(measure=measure, year=2020, month=month).first()
    return found.total if found else None


@pytest.fixture
def criterion(economy):
    level = AssessmentLevel.objects.filter(scale__municipality=economy.world.municipality).first()
    EconomyCriterion.objects.create(municipality=economy.world.municipality, measure=LedgerFigure.RESULT,
                                    level=level, minimum=Decimal(2))
    return level


def test_the_import_derives_the_outcome_in_the_measures_unit_with_its_history(economy):
    world = economy.world
    measure, share = ledger_measure(world), ledger_measure(world, unit_of_measure=UnitOfMeasure.PERCENT)
    run(economy, "5010;110;6;utfall;-4 000", "5010;110;12;utfall;-5 000", "5010;210;12;utfall;-4 500")
    # Outcome −13 500 against a budget of −15 000 tkr: a result of 1,5 mnkr, 10 % of the budget.
    assert (outcome(measure), outcome(share)) == (Decimal("1.5"), Decimal("10.0"))
    change = Change.objects.filter(content_type__model="measureoutcome", object_id=str(
        MeasureOutcome.objects.get(measure=measure).pk)).get()
    assert (change.source, change.user, change.after["total"]) == (ChangeSource.LEDGER, None, "1.5")
    run(economy, "5010;110;12;utfall;-12 000", "5010;210;12;utfall;-4 500")
    assert outcome(measure) == Decimal("-1.5")  # a deficit of 1 500 tkr
    assert Change.objects.filter(content_type__model="measureoutcome", source=ChangeSource.LEDGER).count() == 4


def test_the_reporters_forecasts_derive_the_interim_outcome(economy, d2):
    world = economy.world
    measure = ledger_measure(world, unit_of_measure=UnitOfMeasure.TKR)
    run(economy, "5010;110;6;utfall;-4 000")
    assert outcome(measure, month=8) is None  # no forecast yet: no full-year figure
    services.report_area(user=world.bob, area=economy.children, period=d2, forecast=Decimal("-9500000"),
                         comment="Färre placeringar", expected_version=0)
    services.report_area(user=world.alice, area=economy.common, period=d2, forecast=Decimal("-5200000"),
                         comment="", expected_version=0)
    # The forecast −14 700 tkr against the budget −15 000 tkr: 300 tkr better than budget.
    assert outcome(measure, month=8) == Decimal(300)
    assert MeasureOutcome.objects.get(measure=measure, month=8).updated_by is None  # Styr wrote it, not Bob


def test_a_decided_outcome_follows_only_an_amendment_of_the_figures(economy):
    world = economy.world
    measure = ledger_measure(world)
    run(economy, "5010;110;12;utfall;-9 000", "5010;210;12;utfall;-4 500")
    PeriodProgress.objects.update_or_create(plan=world.plan, period=world.period, defaults={
        "state": ProgressState.DECIDED, "decided_on": datetime.date(2021, 3, 20), "decision_paragraph": "§ 7"})
    with pytest.raises(services.WriteRefused):
        run(economy, "5010;110;12;utfall;-10 000", "5010;210;12;utfall;-4 500")
    assert outcome(measure) == Decimal("1.5")
    run(economy, "5010;110;12;utfall;-10 000", "5010;210;12;utfall;-4 500", reason="Sen faktura")
    assert outcome(measure) == Decimal("0.5")
    change = Change.objects.filter(content_type__model="measureoutcome").latest("pk")
    assert (change.event, change.source, change.reason, change.user) == (
        ChangeEvent.AMENDED, ChangeSource.LEDGER, "Sen faktura", world.alice)


def test_a_typed_outcome_is_refused_and_the_followup_page_shows_the_derived_one(economy, criterion, client):
    world = economy.world
    measure = ledger_measure(world)
    run(economy, "5010;110;12;utfall;-9 000", "5010;210;12;utfall;-4 500")
    with pytest.raises(followup_services.WriteRefused):
        followup_services.report_measure(
            user=world.alice, measure=measure, period=world.period, month=12, total=Decimal(7), women=None,
            men=None, outcome_version=1, analysis="", unjustified_differences=None, differences_explanation="",
            analysis_version=0)
    assert outcome(measure) == Decimal("1.5")
    client.force_login(world.alice)
    url = reverse("followup_edit", args=["testby", "socialnamnden", 2020, "vb"])
    page = client.get(url).content.decode()
    item = page[page.index(f'id="item-measure-{measure.pk}"'):]
    item = item[:item.index("</form>")]
    assert f'name="measure-{measure.pk}-total"' not in item and "1,5" in item and criterion.label in item
    # The analysis is still the committee's to write; the derived outcome is left as it was.
    response = client.post(url, {"item": f"measure-{measure.pk}", f"measure-{measure.pk}-analysis": "God budgethållning",
                                 f"measure-{measure.pk}-outcome_version": "1", f"measure-{measure.pk}-analysis_version": "0",
                                 f"measure-{measure.pk}-total": "99"})
    assert response.status_code in (200, 302)
    assert outcome(measure) == Decimal("1.5")
    assert measure.analyses.get(period=world.period).analysis == "God budgethållning"


def test_the_measure_page_and_the_document_show_the_derived_outcome(economy, criterion):
    world = economy.world
    measure = ledger_measure(world)
    run(economy, "5010;110;12;utfall;-9 000", "5010;210;12;utfall;-4 500")
    page = Client().get(reverse("measure", args=["testby", "socialnamnden", 2020, measure.slug])).content.decode()
    assert "Härlett ur huvudboken" in page and "1,5" in page and criterion.label in page
    document = json.dumps(build_document(unit=world.committee, year=2020, period=world.period).to_dict(),
                          ensure_ascii=False)
    assert "Budgethållning, resultat" in document and "1,5" in document


def test_only_a_share_or_an_amount_comes_from_the_ledger(economy):
    with pytest.raises(ValidationError):
        ledger_measure(economy.world, unit_of_measure=UnitOfMeasure.COUNT)


def test_the_demos_sund_ekonomi_is_derived_from_its_driftredovisning(db):
    municipality = load_demo()
    vb = FollowUpPeriod.objects.get(municipality=municipality, slug="vb")
    values = {outcome.measure.slug: outcome.total for outcome in MeasureOutcome.objects.filter(
        measure__ledger_figure__gt="", year=2020, month=vb.as_of.month)}
    # Seed 001: "Resultatet för år 2020 är positivt med 38,8 miljoner kronor", 37,3 without ensamkommande.
    assert values == {"budgethallning-resultat": Decimal("38.8"),
                      "budgethallning-exkl-flyktingkostnader": Decimal("37.3")}
    assert Change.objects.filter(content_type__model="measureoutcome", source=ChangeSource.LEDGER).count() == 2
