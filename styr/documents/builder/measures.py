"""Measure tables and charts: the seed's five columns, and the outcome chart of each measure."""

from django.utils.translation import gettext as _

from styr.documents import model as m
from styr.followup.charts import measure_chart
from styr.followup.results import MeasureResult
from styr.plans.models import MeasureKind


def measure_columns(words: dict[str, str]) -> list[str]:
    return [
        words["measure"], _("Outcome & trend"), _("%(target)s, ranking & average") % {"target": words["target"]},
        _("Gender"), _("Unjustified differences?"),
    ]


def keep(value: str) -> str:
    """Values never break inside ("85 %", "index 80,2"): a no-break space joins number and unit."""
    return value.replace(" ", "\u00a0")


def measure_row(result: MeasureResult, words: dict[str, str], *, with_analysis: bool = True) -> m.MeasureRow:
    measure = result.measure
    row = m.MeasureRow(name=measure.name, note=words["indicator"] if measure.kind == MeasureKind.INDICATOR else "")
    for index, outcome in enumerate(result.outcomes):
        row.outcome.append(m.Figure(f"{_('Outcome')} {result.period_label(outcome)}", keep(result.value(outcome.total)),
                                    strong=index == 0))
    if result.trend is not None:
        row.outcome.append(m.Figure(_("Trend for the total"), str(result.trend.label)))
    if result.target is not None:
        row.target.append(m.Figure(f"{words['target']} {result.target.year}", keep(result.target_label), strong=True))
        if result.met is not None:
            row.target.append(m.Figure(words["target"], _("met") if result.met else _("not met")))
    for outcome in result.ranked_outcomes:
        if outcome.rank:
            row.target.append(m.Figure(f"{_('Ranking')} {outcome.year}", f"{outcome.rank}/{outcome.rank_of}"))
        if outcome.county_average is not None:
            row.target.append(m.Figure(f"{_('County average')} {outcome.year}", keep(result.average(outcome.county_average))))
    for outcome in result.outcomes:
        label = result.period_label(outcome)
        if outcome.women is not None:
            row.gender.append(m.Figure(f"{_('Women')} {label}", keep(result.value(outcome.women))))
        if outcome.men is not None:
            row.gender.append(m.Figure(f"{_('Men')} {label}", keep(result.value(outcome.men))))
    analysis = result.analysis
    if analysis is not None:
        if analysis.unjustified_differences is not None:
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
