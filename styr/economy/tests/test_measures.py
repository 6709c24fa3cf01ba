"""Economy measures computed from the ledger, with the level the municipality's criteria suggest."""

from decimal import Decimal

from django.test import Client

from styr.demo.loader import load_demo
from styr.economy.measures import economy_measures
from styr.economy.models import EconomyCriterion
from styr.economy.statements import build_statement
from styr.followup.models import FollowUpPeriod
from styr.plans.models import LedgerFigure


def test_the_demo_computes_the_seeds_shares_and_suggests_mycket_god(db):
    municipality = load_demo()
    committee = municipality.units.get(slug="socialnamnden")
    statement = build_statement(unit=committee, year=2020, period=FollowUpPeriod.objects.get(slug="vb"))
    result, excluding, equity = economy_measures(statement)
    # Seed 001: "Budgetavvikelsen motsvarar 10 procent" (38 761 / 402 236), "exklusive … ensamkommande …
    # budgetavvikelsen 9 procent"; UB 12,1 mnkr "eller 3 procent".
    assert (result.measure, result.value, result.suggested.key) == (LedgerFigure.RESULT, Decimal("9.6"), "mycket-god")
    assert (excluding.measure, excluding.value, excluding.expressed_in("mnkr")) == (
        LedgerFigure.RESULT_EXCLUDING, Decimal("9.3"), Decimal("37.3"))
    assert (equity.measure, equity.value, equity.suggested.key) == (LedgerFigure.EQUITY, Decimal("3.0"), "mycket-god")
    page = Client().get("/huddinge/socialnamnden/2020/ekonomi/?period=vb").content.decode()
    assert "Budgethållning, resultat" in page and "9,6 %" in page and "Mycket god" in page


def test_a_value_outside_every_criterion_suggests_no_level(db):
    municipality = load_demo()
    EconomyCriterion.objects.filter(municipality=municipality, measure=LedgerFigure.RESULT).update(minimum=10)
    committee = municipality.units.get(slug="socialnamnden")
    result, *_ = economy_measures(build_statement(unit=committee, year=2020, period=FollowUpPeriod.objects.get(slug="vb")))
    assert result.value == Decimal("9.6") and result.suggested is None
