"""Measure tables and charts: the municipality's columns (the seed's five by default), and the outcome chart."""

from django.utils.translation import gettext as _

from styr.documents import model as m
from styr.followup.charts import measure_chart
from styr.followup.models import MeasureColumn, MeasureTableLayout
from styr.followup.results import MeasureResult, column_headings
from styr.plans.models import MeasureKind


def measure_columns(words: dict[str, str], layout: MeasureTableLayout) -> list[str]:
    return [words["measure"], *(heading for _column, heading in column_headings(layout, words))]


def measure_parts(layout: MeasureTableLayout) -> list[str]:
    """The MeasureRow fields the table's columns show, in order."""
    return [column.value for column in layout.columns]


def keep(value: str) -> str:
    """Values never break inside ("85 %", "index 80,2"): a no-break space joins number and unit."""
    return value.replace(" ", "\u00a0")


def met_label(met: bool) -> str:
    return _("met") if met else _("not met")


def _outcome_figures(result: MeasureResult, layout: MeasureTableLayout) -> list[m.Figure]:
    figures = []
    if layout.show_earlier_months:
        figures += [m.Figure(f"{_('Outcome')} {result.month_label(outcome)}", keep(result.value(outcome.total)))
                    for outcome in result.earlier_months]
    for index, outcome in enumerate(result.outcomes):
        label = result.month_label(outcome) if index == 0 and figures else result.period_label(outcome)
        figures.append(m.Figure(f"{_('Outcome')} {label}", keep(result.value(outcome.total)), strong=index == 0))
    if result.forecast is not None:
        figures.append(m.Figure(_("Full-year forecast"), keep(result.value(result.forecast))))
    if result.trend is not None:
        figures.append(m.Figure(_("Trend for the total"), str(result.trend.label)))
    return figures


def _target_figures(result: MeasureResult, words: dict[str, str], layout: MeasureTableLayout) -> list[m.Figure]:
    figures = []
    if result.target is not None:
        figures.append(m.Figure(f"{words['target']} {result.target.year}", keep(result.target_label), strong=True))
        if result.judged_met is not None:
            figures.append(m.Figure(words["target"], met_label(result.judged_met)))
        if result.suggested_met is not None and result.suggested_met != result.judged_met:
            figures.append(m.Figure(_("Suggested by the outcome"), met_label(result.suggested_met)))
    if layout.show_ranking:
        for outcome in result.ranked_outcomes:
            if outcome.rank:
                figures.append(m.Figure(f"{_('Ranking')} {outcome.year}", f"{outcome.rank}/{outcome.rank_of}"))
            if outcome.county_average is not None:
                figures.append(m.Figure(f"{_('County average')} {outcome.year}",
                                        keep(result.average(outcome.county_average))))
    return figures


def measure_row(result: MeasureResult, words: dict[str, str], layout: MeasureTableLayout, *,
                with_analysis: bool = True) -> m.MeasureRow:
    measure = result.measure
    row = m.MeasureRow(name=measure.name, note=words["indicator"] if measure.kind == MeasureKind.INDICATOR else "",
                       outcome=_outcome_figures(result, layout), target=_target_figures(result, words, layout))
    columns = layout.columns
    if MeasureColumn.REFERENCE in columns:
        row.reference = [m.Figure(f"{outcome.reference_label} {outcome.year}", keep(result.average(outcome.reference_value)))
                         for outcome in result.referenced_outcomes]
    if MeasureColumn.GENDER in columns:
        for outcome in result.outcomes:
            label = result.period_label(outcome)
            if outcome.women is not None:
                row.gender.append(m.Figure(f"{_('Women')} {label}", keep(result.value(outcome.women))))
            if outcome.men is not None:
                row.gender.append(m.Figure(f"{_('Men')} {label}", keep(result.value(outcome.men))))
    analysis = result.analysis
    if analysis is not None:
        if analysis.unjustified_differences is not None and MeasureColumn.UNJUSTIFIED in columns:
            row.unjustified = _("Yes") if analysis.unjustified_differences else _("No")
        if with_analysis:
            row.analysis = "\n\n".join(text for text in (analysis.analysis, analysis.differences_explanation) if text)
    return row


def measure_figure(result: MeasureResult) -> m.Chart | None:
    """The measure's outcome chart over the years shown, with the year's target."""
    chart = measure_chart(result.measure, result.outcomes, [result.target] if result.target else [], result.words)
    if chart is None:
        return None
    return m.Chart(caption=result.measure.name, alt=chart.alt_text, svg=chart.svg, width=chart.width,
                   height=chart.height)
