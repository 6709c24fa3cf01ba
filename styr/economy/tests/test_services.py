"""The economy services: the only writers, with the follow-up's locks, scope checks and history."""

import datetime
from decimal import Decimal

import pytest

from styr.economy import services
from styr.economy.models import AreaReport, LedgerRule
from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodProgress, ProgressState
from styr.history.models import Change, ChangeEvent
from styr.organisation.models import Municipality, OrganisationUnit, UnitKind


def forecast(economy, period, *, user, area=None, amount="-1500000", comment="Prognos", version=0, reason=""):
    return services.report_area(user=user, area=area or economy.children, period=period, forecast=Decimal(amount),
                                comment=comment, expected_version=version, reason=reason)


def set_state(world, period, state):
    extra = {"decided_on": datetime.date(2020, 10, 20), "decision_paragraph": "§ 7"} if state == ProgressState.DECIDED else {}
    PeriodProgress.objects.update_or_create(plan=world.plan, period=period, defaults={"state": state, **extra})


def test_the_areas_reporter_enters_a_forecast_and_history_records_it(economy, d2):
    report = forecast(economy, d2, user=economy.world.bob, comment="Lägre kostnad \uf0b7 färre placeringar")
    assert (report.forecast, report.comment) == (Decimal("-1500000"), "Lägre kostnad • färre placeringar")
    change = Change.objects.get(content_type__model="areareport")
    assert (change.event, change.user) == (ChangeEvent.REPORTED, economy.world.bob)


def test_a_reporter_may_not_forecast_another_units_area(economy, d2):
    with pytest.raises(services.WriteRefused):
        forecast(economy, d2, user=economy.world.bob, area=economy.common)
    with pytest.raises(services.WriteRefused):
        forecast(economy, d2, user=economy.world.charlie)
    assert not AreaReport.objects.exists()


def test_ready_refuses_the_reporter_and_decided_takes_an_amendment(economy, d2):
    world = economy.world
    report = forecast(economy, d2, user=world.bob)
    set_state(world, d2, ProgressState.READY)
    with pytest.raises(services.WriteRefused):
        forecast(economy, d2, user=world.bob, amount="-1", version=report.version)
    report = forecast(economy, d2, user=world.alice, amount="-1400000", version=report.version)
    set_state(world, d2, ProgressState.DECIDED)
    with pytest.raises(services.WriteRefused, match=r"reason|skäl"):
        forecast(economy, d2, user=world.alice, amount="-1", version=report.version)
    with pytest.raises(services.WriteRefused):
        forecast(economy, d2, user=world.bob, amount="-1", version=report.version, reason="Fel")
    forecast(economy, d2, user=world.alice, amount="-1300000", version=report.version, reason="Rättad prognos")
    assert AreaReport.objects.get().forecast == Decimal("-1300000")
    assert Change.objects.filter(content_type__model="areareport").latest("pk").event == ChangeEvent.AMENDED


def test_a_stale_version_is_a_conflict(economy, d2):
    forecast(economy, d2, user=economy.world.bob)
    with pytest.raises(services.EditConflict):
        forecast(economy, d2, user=economy.world.bob, amount="-2", version=0)


def test_no_forecast_in_the_plan_or_the_annual_report(economy):
    world = economy.world
    with pytest.raises(services.WriteRefused):
        forecast(economy, world.period, user=world.alice)
    plan_period = FollowUpPeriod.objects.create(municipality=world.municipality, year=2020, kind=PeriodKind.PLAN,
                                                slug="vp", name="Verksamhetsplan", as_of=datetime.date(2019, 11, 30))
    with pytest.raises(services.WriteRefused):
        forecast(economy, plan_period, user=world.alice)
    services.report_area(user=world.bob, area=economy.children, period=world.period, forecast=None,
                         comment="Året gick bra.", expected_version=0)


def test_posted_objects_of_another_municipality_are_refused(economy):
    world = economy.world
    other = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby", kolada_id="0128")
    other_committee = OrganisationUnit.objects.create(municipality=other, kind=UnitKind.COMMITTEE, name="Omsorg",
                                                      slug="omsorg")
    other_period = FollowUpPeriod.objects.create(municipality=other, year=2020, kind=PeriodKind.INTERIM_2, slug="d2",
                                                 name="Delår", as_of=datetime.date(2020, 8, 31))
    with pytest.raises(services.WriteRefused):
        forecast(economy, other_period, user=world.alice)
    with pytest.raises(services.WriteRefused):
        services.save_activity_area(user=world.alice, committee=world.committee, key="x", name="X", unit=other_committee)
    with pytest.raises(services.WriteRefused):
        services.save_ledger_rule(user=economy.root, municipality=other, order=9, account="4*", activity="*",
                                  row=economy.rows["personal"], area=None)
    with pytest.raises(services.WriteRefused):
        services.save_ledger_rule(user=world.alice, municipality=world.municipality, order=9, account="4*",
                                  activity="*", row=economy.rows["personal"], area=None)
    assert LedgerRule.objects.count() == 4


def test_equity_and_investments_are_the_controllers_and_lock_with_the_year(economy):
    world = economy.world
    with pytest.raises(services.WriteRefused):
        services.save_equity(user=world.bob, unit=world.committee, year=2020, opening=Decimal(-5), budgeted_withdrawal=0,
                             withdrawal=0, expected_version=0)
    equity = services.save_equity(user=world.alice, unit=world.committee, year=2020, opening=Decimal(-5),
                                  budgeted_withdrawal=0, withdrawal=0, expected_version=0)
    set_state(world, world.period, ProgressState.DECIDED)
    with pytest.raises(services.WriteRefused):
        services.save_investment(user=world.alice, unit=world.committee, year=2020, name="Lokalplaner",
                                 budget=Decimal(-500000), outcome=0, forecast=None, expected_version=0)
    services.save_equity(user=world.alice, unit=world.committee, year=2020, opening=Decimal(-6), budgeted_withdrawal=0,
                         withdrawal=0, expected_version=equity.version, reason="Rättat IB")
    assert Change.objects.filter(content_type__model="equity").latest("pk").event == ChangeEvent.AMENDED
