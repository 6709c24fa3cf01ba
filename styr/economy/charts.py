"""The economy's charts from the ledger's figures (styr.charts.economy draws them): outcome against budget
by month, when the outcome is by month; the committee's full-year forecast across the year's follow-ups,
when a forecast is given; the largest cost type's outcome over three years. Shared by the page and documents."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from styr.charts.economy import forecast_chart, outcome_budget_chart, years_chart
from styr.charts.model import Chart
from styr.economy.models import Amount, AmountKind, AreaReport, ReportRow, RowKind
from styr.followup.models import FollowUpPeriod, PeriodKind
from styr.organisation.models import OrganisationUnit

THOUSAND = Decimal(1000)


def in_tkr(value: Decimal | None) -> Decimal | None:
    return None if value is None else (value / THOUSAND).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _dimension(unit: OrganisationUnit, year: int) -> Q:
    """Sum one dimension only: the report rows if the year's amounts have them (each line is on a row and
    maybe an area), else the activity areas; so nothing is counted twice."""
    by_row = Amount.objects.filter(unit=unit, year=year, row__isnull=False).exists()
    return Q(row__isnull=False) if by_row else Q(area__isnull=False)


def _by_month(unit: OrganisationUnit, year: int, month: int) -> Chart | None:
    sums: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    rows = (Amount.objects.filter(_dimension(unit, year), unit=unit, year=year,
                                  kind__in=[AmountKind.BUDGET, AmountKind.OUTCOME])
            .values_list("kind", "month").annotate(total=Sum("amount")).order_by())
    for kind, cell_month, amount in rows:
        sums[(kind, cell_month)] += amount
    reported = sorted(cell_month for kind, cell_month in sums if kind == AmountKind.OUTCOME and cell_month <= month)
    if len(reported) < 2:  # a year's outcome in one sum is no line
        return None
    outcome: list[Decimal | None] = []
    budget: list[Decimal | None] = []
    running_outcome = running_budget = Decimal(0)
    for number in range(1, 13):
        running_outcome += sums.get((AmountKind.OUTCOME, number), Decimal(0))
        running_budget += sums.get((AmountKind.BUDGET, number), Decimal(0)) + sums.get((AmountKind.BUDGET, 0), Decimal(0)) / 12
        outcome.append(in_tkr(running_outcome) if number <= reported[-1] else None)
        budget.append(in_tkr(running_budget))
    return outcome_budget_chart(title=_("Outcome against budget by month %(year)s, tkr") % {"year": year},
                                months=[str(MONTHS_3[number]) for number in range(1, 13)], outcome=outcome,
                                budget=budget)


def _forecasts(unit: OrganisationUnit, year: int) -> Chart | None:
    periods = list(FollowUpPeriod.objects.filter(municipality_id=unit.municipality_id, year=year,
                                                 kind__in=[PeriodKind.INTERIM_1, PeriodKind.INTERIM_2, PeriodKind.MONTH]))
    totals = dict(AreaReport.objects.filter(area__committee=unit, period__in=periods, forecast__isnull=False)
                  .values_list("period_id").annotate(total=Sum("forecast")).order_by())
    if not totals:
        return None
    budget = Amount.objects.filter(_dimension(unit, year), unit=unit, year=year, kind=AmountKind.BUDGET).aggregate(
        total=Sum("amount"))["total"]
    return forecast_chart(title=_("Full-year forecast in the follow-ups of %(year)s, tkr") % {"year": year},
                          periods=[period.name for period in periods],
                          forecasts=[in_tkr(totals.get(period.pk)) for period in periods], budget=in_tkr(budget))


def _cost_type(unit: OrganisationUnit, year: int) -> Chart | None:
    years = [year - 2, year - 1, year]
    rows = (Amount.objects.filter(unit=unit, year__in=years, row__kind=RowKind.COST,
                                  kind__in=[AmountKind.OUTCOME, AmountKind.PREVIOUS_OUTCOME])
            .values_list("row_id", "year", "kind").annotate(total=Sum("amount")).order_by())
    outcome: dict[int, dict[int, Decimal]] = defaultdict(dict)
    previous: dict[int, dict[int, Decimal]] = defaultdict(dict)  # last year's outcome as imported in a year
    for row_id, cell_year, kind, amount in rows:
        (outcome if kind == AmountKind.OUTCOME else previous)[row_id][cell_year] = amount
    if not outcome:
        return None
    largest = min(outcome, key=lambda row_id: outcome[row_id].get(year, Decimal(0)))  # costs are negative
    values = [outcome[largest].get(one, previous[largest].get(one + 1)) for one in years]
    name = ReportRow.objects.get(pk=largest).name
    return years_chart(title=_("%(type)s, outcome %(first)s–%(last)s, tkr") % {"type": name, "first": years[0],
                                                                               "last": years[-1]},
                       label=name, years=years, values=[in_tkr(value) for value in values])


def economy_charts(*, unit: OrganisationUnit, year: int, period: FollowUpPeriod | None) -> list[Chart]:
    month = period.as_of.month if period is not None and period.as_of.year == year else 12
    charts = (_by_month(unit, year, month), _forecasts(unit, year), _cost_type(unit, year))
    return [chart for chart in charts if chart is not None]
