"""Economy measures computed from the ledger, with the level the municipality's criteria suggest."""

from decimal import Decimal

from django.test import Client

from styr.demo.loader import load_demo
from styr.economy.measures import economy_measures
from styr.economy.models import EconomyCriterion, EconomyMeasure
from styr.economy.statements import build_statement
from styr.followup.models import FollowUpPeriod


def test_the_demo_computes_the_seeds_shares_and_suggests_mycket_god(db):
    municipality = load_demo()
    committee = municipality.units.get(slug="socialnamnden")
    statement = build_statement(unit=committee, year=2020, period=FollowUpPeriod.objects.get(slug="vb"))
    result, equity = economy_measures(statement)
    # Seed 001: "Budgetavvikelsen motsvarar 10 procent" (38 761 / 402 236); UB 12,1 mnkr "eller 3 procent".
    assert (result.measure, result.value, result.suggested.key) == (EconomyMeasure.RESULT, Decimal("9.6"), "mycket-god")
    assert (equity.measure, equity.value, equity.suggested.key) == (EconomyMeasure.EQUITY, Decimal("3.0"), "mycket-god")
    page = Client().get("/huddinge/socialnamnden/2020/ekonomi/?period=vb").content.decode()
    assert "Budgethållning, resultat" in page and "9,6 %" in page and "Mycket god" in page


def test_a_value_outside_every_criterion_suggests_no_level(db):
    municipality = load_demo()
    EconomyCriterion.objects.filter(municipality=municipality, measure=EconomyMeasure.RESULT).update(minimum=10)
    committee = municipality.units.get(slug="socialnamnden")
    result, _ = economy_measures(build_statement(unit=committee, year=2020, period=FollowUpPeriod.objects.get(slug="vb")))
    assert result.value == Decimal("9.6") and result.suggested is None
