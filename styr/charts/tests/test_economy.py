"""The economy's charts: the shared line and bar charts with the economy's series and words."""

from decimal import Decimal

from django.utils import translation

from styr.charts.economy import forecast_chart, outcome_budget_chart, years_chart


def test_outcome_against_budget_names_both_lines_and_their_figures_in_words():
    with translation.override("sv"):
        chart = outcome_budget_chart(title="Utfall mot budget", months=["jan", "feb", "mar"],
                                     outcome=[Decimal(-1000), Decimal(-2100), None],
                                     budget=[Decimal(-1050), Decimal(-2100), Decimal(-3150)])
    assert [one.label for one in chart.series] == ["Utfall, ackumulerat", "Budget, ackumulerad"]
    assert "Utfall, ackumulerat: jan -1\u00a0000 tkr, feb -2\u00a0100 tkr." in chart.alt_text
    assert 'role="img"' in chart.svg and "<desc" in chart.svg and "mar -3\u00a0150 tkr" in chart.svg


def test_a_forecast_without_budget_has_one_line_and_a_cost_type_has_its_years():
    with translation.override("sv"):
        forecast = forecast_chart(title="Prognos", periods=["D1", "D2"], forecasts=[Decimal(-400), None], budget=None)
        years = years_chart(title="Personal", label="Personal", years=[2018, 2019, 2020],
                            values=[None, Decimal(-250), Decimal(-260)])
    assert [one.label for one in forecast.series] == ["Helårsprognos"]
    assert "D1 -400 tkr" in forecast.description and "D2" not in forecast.description
    assert years.kind == "bar" and years.categories == ("2018", "2019", "2020")
    assert "Personal: 2019 -250 tkr, 2020 -260 tkr." in years.description
