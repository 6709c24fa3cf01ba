"""The statistics services: the only writers, with the follow-up's locks per year, permissions and history."""

import datetime
from decimal import Decimal

import pytest

from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodProgress, ProgressState
from styr.history.models import Change, ChangeEvent
from styr.plans.models import Plan
from styr.statistics import services
from styr.statistics.models import StatisticsValue
from styr.statistics.services import Cell
from styr.statistics.tables import build_tables


def write(stats, *cells, user=None, month=12, reason=""):
    return services.save_values(user=user or stats.world.bob, table=stats.table, month=month, reason=reason,
                                cells=[Cell(*cell) for cell in cells])


def decide(world, year):
    period = FollowUpPeriod.objects.filter(year=year, as_of__month=12).first() or FollowUpPeriod.objects.create(
        municipality=world.municipality, year=year, kind=PeriodKind.ANNUAL_REPORT, slug="vb",
        name="Verksamhetsberättelse", as_of=datetime.date(year, 12, 31))
    plan, _ = Plan.objects.get_or_create(unit=world.committee, year=year)
    PeriodProgress.objects.update_or_create(plan=plan, period=period, defaults={
        "state": ProgressState.DECIDED, "decided_on": datetime.date(year + 1, 2, 20), "decision_paragraph": "§ 7"})


def test_the_reporter_fills_in_three_years_and_the_table_shows_them(stats):
    assert write(stats, (stats.investigations, 2020, Decimal(1733), 0), (stats.investigations, 2019, Decimal(1751), 0),
                 (stats.placements, 2018, Decimal("43.3"), 0)) == 3
    [view] = build_tables(committee=stats.world.committee, year=2020, month=12)
    assert view.columns == ["Bokslut 2020", "Bokslut 2019", "Bokslut 2018"]
    assert [section.name for section in view.sections] == ["Pågående utredningar", "Årsplaceringar"]
    assert [line.values for line in view.lines] == [[1733, 1751, None], [None, None, Decimal("43.3")]]
    change = Change.objects.filter(content_type__model="statisticsvalue").latest("pk")
    assert (change.event, change.user) == (ChangeEvent.REPORTED, stats.world.bob)


def test_another_month_is_another_column(stats):
    write(stats, (stats.investigations, 2020, Decimal(900), 0), month=8)
    write(stats, (stats.investigations, 2020, Decimal(1733), 0))
    [august] = build_tables(unit=stats.world.unit, year=2020, month=8)
    assert august.columns[0] == "2020 t.o.m. augusti"
    assert august.lines[0].values[0] == 900


def test_values_are_checked_against_the_row(stats):
    with pytest.raises(services.WriteRefused, match="decimal"):
        write(stats, (stats.placements, 2020, Decimal("28.15"), 0))
    with pytest.raises(services.WriteRefused, match="heltal"):
        write(stats, (stats.investigations, 2020, Decimal("2.5"), 0))
    with pytest.raises(services.WriteRefused, match="negativ"):
        write(stats, (stats.investigations, 2020, Decimal(-1), 0))
    assert not StatisticsValue.objects.exists()


def test_others_may_not_write_and_a_refusal_saves_nothing(stats):
    world = stats.world
    with pytest.raises(services.WriteRefused):
        write(stats, (stats.investigations, 2020, Decimal(1), 0), user=world.charlie)
    with pytest.raises(services.WriteRefused):  # the second cell fails: the first is not kept either
        write(stats, (stats.investigations, 2020, Decimal(1), 0), (stats.placements, 2020, Decimal("0.01"), 0))
    assert not StatisticsValue.objects.exists()


def test_a_decided_year_takes_only_an_amendment_while_earlier_years_stay_open(stats):
    world = stats.world
    write(stats, (stats.investigations, 2020, Decimal(1733), 0))
    decide(world, 2020)
    with pytest.raises(services.WriteRefused):
        write(stats, (stats.investigations, 2020, Decimal(1), 1), reason="Fel")
    with pytest.raises(services.WriteRefused, match=r"skäl|reason"):
        write(stats, (stats.investigations, 2020, Decimal(1), 1), user=world.alice)
    write(stats, (stats.investigations, 2019, Decimal(1751), 0))  # no follow-up of 2019 in Styr: open
    write(stats, (stats.investigations, 2020, Decimal(1734), 1), user=world.alice, reason="Rättad siffra")
    assert Change.objects.filter(content_type__model="statisticsvalue").latest("pk").event == ChangeEvent.AMENDED


def test_a_stale_version_is_a_conflict_and_none_removes(stats):
    write(stats, (stats.investigations, 2020, Decimal(1), 0))
    with pytest.raises(services.EditConflict):
        write(stats, (stats.investigations, 2020, Decimal(2), 0))
    write(stats, (stats.investigations, 2020, None, 1))
    assert not StatisticsValue.objects.exists()
    assert Change.objects.filter(content_type__model="statisticsvalue").latest("pk").event == ChangeEvent.DELETED


def test_a_row_of_another_table_is_refused(stats, world):
    from styr.statistics.models import StatisticsRow, StatisticsTable

    other = StatisticsTable.objects.create(committee=world.committee, unit=world.committee, key="x", title="X")
    row = StatisticsRow.objects.create(table=other, name="Y")
    with pytest.raises(services.WriteRefused):
        write(stats, (row, 2020, Decimal(1), 0))
