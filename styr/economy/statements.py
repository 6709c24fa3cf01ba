"""The read model of a committee's economy in a year or follow-up: the Driftredovisning by type and by
activity area, the result, equity with the carry-over rule, and investments (pages and documents share it).

Amounts are summed from the ledger's cells. "Last year" is the year's imported last-year outcome, else
the previous year's outcome. In an interim period the period's budget (months up to the period's month;
a whole-year budget pro rata) and outcome stand beside the full-year budget and each area's forecast.
Result rows print last year's result (its deviation from budget) in the last-year column, as reports do.
Equity: closing equity (UB) = opening (IB) + the balance result, a surplus only up to the cap (a share of
the net budget, EconomySettings); a deficit is carried in full.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from styr.economy.models import (
    ActivityArea,
    Amount,
    AmountKind,
    AreaReport,
    EconomyReport,
    EconomySettings,
    Equity,
    Investment,
    ReportRow,
    RowKind,
)
from styr.followup.models import FollowUpPeriod
from styr.organisation.models import OrganisationUnit
from styr.plans.models import LedgerFigure

Number = Decimal | None


def _add(*values: Number) -> Number:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


def _minus(left: Number, right: Number) -> Number:
    return None if left is None or right is None else left - right


@dataclass
class Line:
    name: str
    kind: str = "row"  # row, area, subtotal, result
    budget: Number = None
    outcome: Number = None
    previous: Number = None
    period_budget: Number = None
    period_outcome: Number = None
    forecast: Number = None
    comment: str = ""
    figure: str = ""  # the LedgerFigure a result line is

    @property
    def deviation(self) -> Number:
        return _minus(self.outcome, self.budget)

    @property
    def period_deviation(self) -> Number:
        return _minus(self.period_outcome, self.period_budget)

    @property
    def forecast_deviation(self) -> Number:
        return _minus(self.forecast, self.budget)


def total(name: str, lines: list[Line], kind: str = "subtotal") -> Line:
    columns = ("budget", "outcome", "previous", "period_budget", "period_outcome", "forecast")
    sums: dict[str, Any] = {column: _add(*(getattr(line, column) for line in lines)) for column in columns}
    return Line(name, kind, **sums)


@dataclass
class EquityView:
    percent: Decimal
    cap: Number  # what the year's surplus may add to equity
    opening: Number
    closing: Number
    previous_opening: Number
    previous_closing: Number


@dataclass
class Statement:
    unit: OrganisationUnit
    year: int
    period: FollowUpPeriod | None
    interim: bool
    by_type: list[Line] = field(default_factory=list)
    type_results: list[Line] = field(default_factory=list)
    by_area: list[Line] = field(default_factory=list)
    area_results: list[Line] = field(default_factory=list)
    equity: EquityView | None = None
    investments: list[Line] = field(default_factory=list)
    report: EconomyReport | None = None

    @property
    def commented_areas(self) -> list[Line]:
        return [line for line in self.by_area if line.comment]

    @property
    def has_figures(self) -> bool:
        return bool(self.by_type or any(line.budget is not None or line.outcome is not None for line in self.by_area))


class _Cells:
    """The unit's summed amounts of the year and the year before, per kind, month and row or area."""

    def __init__(self, unit: OrganisationUnit, year: int, month: int):
        self.month = month
        self.sums: dict[tuple, dict] = defaultdict(lambda: defaultdict(Decimal))
        rows = (Amount.objects.filter(unit=unit, year__in=[year, year - 1])
                .values_list("year", "kind", "month", "row_id", "area_id").annotate(total=Sum("amount")).order_by())
        self.present: set[tuple[int, str]] = set()
        for cell_year, kind, cell_month, row, area, amount in rows:
            self.present.add((cell_year, kind))
            for dimension, key in (("row", row), ("area", area)):
                if key is not None:
                    self.sums[(cell_year, kind, dimension, "year")][key] += amount
                    if cell_month == 0:
                        self.sums[(cell_year, kind, dimension, "period")][key] += amount * month / 12
                    elif cell_month <= month:
                        self.sums[(cell_year, kind, dimension, "period")][key] += amount
        self.previous = ((year, AmountKind.PREVIOUS_OUTCOME) if (year, AmountKind.PREVIOUS_OUTCOME) in self.present
                         else (year - 1, AmountKind.OUTCOME))

    def get(self, year: int, kind: str, dimension: str, key: int, span: str = "year") -> Number:
        found = self.sums.get((year, kind, dimension, span), {})
        return found.get(key)

    def line(self, name: str, kind: str, year: int, dimension: str, key: int, interim: bool) -> Line:
        line = Line(name, kind, budget=self.get(year, AmountKind.BUDGET, dimension, key),
                    previous=self.get(*self.previous, dimension, key))
        if interim:
            line.period_budget = self.get(year, AmountKind.BUDGET, dimension, key, "period")
            line.period_outcome = self.get(year, AmountKind.OUTCOME, dimension, key, "period")
        else:
            line.outcome = self.get(year, AmountKind.OUTCOME, dimension, key)
        return line

    def result_of(self, year: int) -> Number:
        """A year's result (outcome − budget) if both are in Styr."""
        if not {(year, AmountKind.BUDGET), (year, AmountKind.OUTCOME)} <= self.present:
            return None
        return (sum(self.sums[(year, AmountKind.OUTCOME, "row", "year")].values(), Decimal(0))
                - sum(self.sums[(year, AmountKind.BUDGET, "row", "year")].values(), Decimal(0)))


def _excluding(names: list[str]) -> str:
    """ "Årets resultat exklusive ensamkommande barn och unga": the areas' names as the sentence goes on."""
    areas = [name[:1].lower() + name[1:] for name in names]
    joined = areas[0] if len(areas) == 1 else _("%(first)s and %(last)s") % {"first": ", ".join(areas[:-1]),
                                                                          "last": areas[-1]}
    return _("Result of the year excluding %(areas)s") % {"areas": joined}


def _results(net: Line, ring_fenced: Line, names: list[str], equity: Equity | None, previous: Equity | None,
             previous_result: Number) -> list[Line]:
    """Årets resultat; without the ring-fenced areas, if any; the withdrawal from equity and the balance result
    (the result without the ring-fenced areas and with the withdrawal, which is what equity carries)."""
    result = Line(_("Result of the year"), "result", budget=net.budget, outcome=net.outcome, forecast=net.forecast,
                  period_budget=net.period_budget, period_outcome=net.period_outcome, previous=previous_result,
                  figure=LedgerFigure.RESULT)
    remaining: dict[str, Any] = {column: _minus(getattr(result, column), getattr(ring_fenced, column) or Decimal(0))
                                 for column in ("budget", "outcome", "forecast", "period_budget", "period_outcome")}
    excluded = Line(_excluding(names) if names else "", "result", **remaining,
                    previous=previous.closed_result_excluding if previous else None, figure=LedgerFigure.RESULT_EXCLUDING)
    lines = [result, excluded] if names else [result]
    if equity is None:
        return lines
    withdrawal = Line(_("of which withdrawal from equity"), "result", budget=equity.budgeted_withdrawal,
                      outcome=equity.withdrawal, previous=previous.withdrawal if previous else None)
    balance = Line(_("Balance result"), "result", budget=_add(excluded.budget, withdrawal.budget),
                   outcome=None if excluded.outcome is None else excluded.outcome + (withdrawal.outcome or 0),
                   forecast=None if excluded.forecast is None else excluded.forecast + (withdrawal.outcome or 0),
                   previous=None if excluded.previous is None else excluded.previous + (withdrawal.previous or 0))
    return [*lines, withdrawal, balance]


def _equity(unit: OrganisationUnit, equity: Equity | None, previous: Equity | None, net_budget: Number,
            balance: Line | None, interim: bool) -> EquityView | None:
    if equity is None:
        return None
    percent = EconomySettings.for_municipality(unit.municipality_id).carry_over_percent
    cap = None if net_budget is None else max(abs(net_budget) * percent / 100 - equity.opening, Decimal(0))
    surplus = None if balance is None else (balance.forecast_deviation if interim else balance.deviation)
    closing = None
    if surplus is not None and cap is not None:
        closing = equity.opening + (surplus if surplus < 0 else min(surplus, cap))
    return EquityView(percent=percent, cap=cap, opening=equity.opening, closing=closing,
                      previous_opening=previous.opening if previous else None, previous_closing=equity.opening)


def build_statement(*, unit: OrganisationUnit, year: int, period: FollowUpPeriod | None = None) -> Statement:
    interim = period is not None and period.as_of.year == year and period.as_of.month < 12
    cells = _Cells(unit, year, period.as_of.month if period is not None and interim else 12)
    statement = Statement(unit=unit, year=year, period=period, interim=interim)
    rows = list(ReportRow.objects.filter(municipality_id=unit.municipality_id))
    lines = {kind: [line for line in (cells.line(row.name, "row", year, "row", row.pk, interim) for row in rows
                                      if row.kind == kind)
                    if any(value is not None for value in (line.budget, line.outcome, line.previous,
                                                            line.period_outcome))]
             for kind in RowKind.values}
    if lines[RowKind.REVENUE] or lines[RowKind.COST]:
        revenue = total(_("Operating revenue"), lines[RowKind.REVENUE])
        costs = total(_("Operating costs"), lines[RowKind.COST])
        statement.by_type = [*lines[RowKind.REVENUE], revenue, *lines[RowKind.COST], costs]
    reports = {report.area_id: report for report in AreaReport.objects.filter(area__committee=unit, period=period)}
    areas = list(ActivityArea.objects.filter(committee=unit))
    for area in areas:
        line = cells.line(area.name, "area", year, "area", area.pk, interim)
        report = reports.get(area.pk)
        line.forecast, line.comment = (report.forecast, report.comment) if report else (None, "")
        statement.by_area.append(line)
    ring_fenced = total("", [line for area, line in zip(areas, statement.by_area, strict=True) if area.ring_fenced])
    names = [area.name for area in areas if area.ring_fenced]
    equity = Equity.objects.filter(unit=unit, year=year).first()
    previous = Equity.objects.filter(unit=unit, year=year - 1).first()
    previous_result = cells.result_of(year - 1)
    if previous_result is None and previous is not None:
        previous_result = previous.closed_result
    by_type_net = total("", lines[RowKind.REVENUE] + lines[RowKind.COST])
    by_area_net = total("", statement.by_area)
    if statement.by_type:
        by_type_net.forecast = by_area_net.forecast
        statement.type_results = _results(by_type_net, ring_fenced, names, equity, previous, previous_result)
    if statement.by_area:
        statement.area_results = _results(by_area_net, ring_fenced, names, equity, previous, previous_result)
    results = statement.type_results or statement.area_results
    statement.equity = _equity(unit, equity, previous, results[0].budget if results else None,
                               results[-1] if equity is not None and results else None, interim)
    investments = [Line(item.name, budget=item.budget, outcome=item.outcome, forecast=item.forecast)
                   for item in Investment.objects.filter(unit=unit, year=year)]
    if investments:
        statement.investments = [*investments, total(_("Sum"), investments)]
    statement.report = EconomyReport.objects.filter(unit=unit, period=period).first() if period else None
    return statement
