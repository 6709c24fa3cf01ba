"""The economy chapter of the follow-ups (D1, D2, VB, month report): the Driftredovisning by type and by
activity area with the result, the comments on the result, equity with the carry-over rule, the charts (styr.economy.charts), the comments
per activity area and the investments; in an interim period the period's budget and outcome, the
full-year forecast and its deviation. It reads what the economy page reads (styr.economy.statements), so
the two say the same; amounts in whole tkr, right-aligned, in numbers that never break across lines."""

from django.utils.translation import gettext as _

from styr.documents import model as m
from styr.documents.builder.goals import paragraphs
from styr.economy.charts import economy_charts
from styr.economy.statements import Line, Statement, build_statement
from styr.economy.templatetags.economy import tkr
from styr.followup.models import FollowUpPeriod
from styr.organisation.models import OrganisationUnit


def _columns(statement: Statement, dimension: str) -> list[str]:
    year = statement.year
    if statement.interim:
        name = statement.period.name if statement.period else ""
        middle = [_("Budget, %(name)s") % {"name": name}, _("Outcome, %(name)s") % {"name": name},
                  _("Budget %(year)s") % {"year": year}, _("Full-year forecast"), _("Forecast deviation from budget")]
    else:
        middle = [_("Budget %(year)s") % {"year": year}, _("Accounts %(year)s") % {"year": year},
                  _("Deviation from budget")]
    return [dimension, *middle, _("Accounts %(year)s") % {"year": year - 1}]


def _figures(statement: Statement, line: Line) -> list[str]:
    if statement.interim:
        values = [line.period_budget, line.period_outcome, line.budget, line.forecast, line.forecast_deviation]
    else:
        values = [line.budget, line.outcome, line.deviation]
    return [line.name, *(tkr(value) for value in values), tkr(line.previous)]


def _table(caption: str, columns: list[str], rows: list[list[str]], strong: list[int]) -> m.Table:
    return m.Table(caption=caption, columns=columns, rows=rows, numeric=[False] + [True] * (len(columns) - 1),
                   strong_rows=strong)


def _statement_table(statement: Statement, caption: str, dimension: str, lines: list[Line]) -> m.Table:
    return _table(caption, _columns(statement, dimension), [_figures(statement, line) for line in lines],
                  [index for index, line in enumerate(lines) if line.kind in ("subtotal", "result")])


def _equity(statement: Statement) -> list[m.Block]:
    equity = statement.equity
    if equity is None:
        return []
    percent = f"{equity.percent.normalize():f}".replace(".", ",")
    rows = [[_("%(percent)s %% of the budget under the rules of economic control") % {"percent": percent},
             tkr(equity.cap), ""],
            [_("Opening equity (IB)"), tkr(equity.opening), tkr(equity.previous_opening)],
            [_("Closing equity (UB)"), tkr(equity.closing), tkr(equity.previous_closing)]]
    return [m.Heading(2, _("Equity")),
            _table(_("Equity, tkr"), ["", str(statement.year), str(statement.year - 1)], rows, [])]


def _investments(statement: Statement) -> list[m.Block]:
    if not statement.investments:
        return []
    year, lines = statement.year, statement.investments
    columns = [_("Project"), _("Budget %(year)s") % {"year": year}, _("Outcome %(year)s") % {"year": year},
               _("Deviation from budget"), _("Full-year forecast")]
    rows = [[line.name, tkr(line.budget), tkr(line.outcome), tkr(line.deviation), tkr(line.forecast)] for line in lines]
    report = statement.report
    return [m.Heading(2, _("Investments")),
            _table(_("Investments, tkr"), columns, rows, [len(rows) - 1]),
            *paragraphs(report.investment_comment if report else "")]


def economy_chapter(unit: OrganisationUnit, period: FollowUpPeriod | None) -> list[m.Block]:
    """The chapter, or nothing when the committee has no economy in Styr for the period's year."""
    if period is None:
        return []
    statement = build_statement(unit=unit, year=period.year, period=period)
    if not statement.has_figures and statement.equity is None and not statement.investments:
        return []
    blocks: list[m.Block] = [m.Heading(1, _("Economy"), anchor="ekonomi"), m.Paragraph(_("Amounts in tkr; costs are negative."))]
    if statement.by_type:
        blocks += [m.Heading(2, _("Operating statement by type")),
                   _statement_table(statement, _("Operating statement by revenue and cost type, tkr"),
                                    _("Revenue/cost"), statement.by_type + statement.type_results)]
    if statement.report is not None and statement.report.result_comment:
        blocks += [m.Heading(2, _("Comments on the result")), *paragraphs(statement.report.result_comment)]
    if statement.by_area:
        blocks += [m.Heading(2, _("Operating statement by activity area")),
                   _statement_table(statement, _("Operating statement by activity area, tkr"), _("Activity area"),
                                    statement.by_area + statement.area_results)]
    blocks += [m.Chart(caption=chart.title, alt=chart.alt_text, svg=chart.svg, width=chart.width, height=chart.height)
               for chart in economy_charts(unit=unit, year=period.year, period=period)]
    blocks += _equity(statement)
    if statement.commented_areas:
        blocks.append(m.Heading(2, _("Comments on the activity result")))
        for line in statement.commented_areas:
            blocks += [m.Heading(3, line.name), *paragraphs(line.comment)]
    return [*blocks, *_investments(statement)]
