"""The economy's charts from the ledger: the accumulated outcome by month against the budget, the forecast
across the follow-ups, the largest cost type over three years; on the public page and in the documents."""

import datetime
from decimal import Decimal

from django.test import Client

from styr.demo.loader import load_demo
from styr.documents.builder import build_document
from styr.economy import services
from styr.economy.charts import economy_charts
from styr.economy.tests.test_import import csv_file, run
from styr.followup.models import FollowUpPeriod, PeriodKind


def test_the_charts_follow_the_ledger_and_the_forecasts(economy, d2):
    world = economy.world
    run(economy, csv_file("5010;100;1;utfall;-100", "5010;100;2;utfall;-120", "3010;100;2;utfall;20",
                          "5010;100;;budget;-1 200"))
    d1 = FollowUpPeriod.objects.create(municipality=world.municipality, year=2020, kind=PeriodKind.INTERIM_1,
                                       slug="d1", name="Delårsrapport 1", as_of=datetime.date(2020, 4, 30))
    services.report_area(user=world.bob, area=economy.children, period=d2, forecast=Decimal(-1_150_000),
                         comment="", expected_version=0)
    by_month, forecast, cost = economy_charts(unit=world.committee, year=2020, period=d2)
    outcome, budget = by_month.series
    assert outcome.values[:3] == (Decimal(-100), Decimal(-200), None)
    assert budget.values[:2] == (Decimal(-100), Decimal(-200)) and budget.values[-1] == Decimal(-1200)
    assert forecast.categories == (d1.name, d2.name)
    assert forecast.series[0].values == (None, Decimal(-1150)) and forecast.series[1].values == (Decimal(-1200),) * 2
    assert cost.title == "Personal, utfall 2018–2020, tkr" and cost.series[0].values == (None, None, Decimal(-220))


def test_a_year_in_one_sum_draws_no_monthly_line(economy):
    run(economy, csv_file("5010;100;12;utfall;-100", "5010;100;;budget;-1 200"))
    assert [chart.kind for chart in economy_charts(unit=economy.world.committee, year=2020, period=None)] == ["bar"]


def test_the_demo_shows_the_largest_cost_type_over_the_years_on_the_page_and_in_the_vb(db):
    municipality = load_demo()
    page = Client().get("/huddinge/socialnamnden/2020/ekonomi/?period=vb").content.decode()
    assert "Personal, utfall 2018–2020, tkr" in page and 'role="img"' in page
    committee = municipality.units.get(slug="socialnamnden")
    document = build_document(unit=committee, year=2020, period=FollowUpPeriod.objects.get(slug="vb"))
    [chart] = [block for block in document.charts if block.caption.startswith("Personal, utfall")]
    assert "2019" in chart.alt and "2020" in chart.alt and "<svg" in chart.svg
