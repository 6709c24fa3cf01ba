"""Measure results for a year as the reports show them: outcome and trend, target, comparisons.

One call loads everything a page or document needs for any number of measures in a fixed
number of queries.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from styr.core.formatting import format_average, format_value
from styr.followup.models import FollowUpPeriod, MeasureAnalysis, MeasureOutcome
from styr.followup.rules import Trend, target_met, trend
from styr.organisation.models import Vocabulary, vocabulary
from styr.plans.models import Measure, MeasureKind, PeriodType, Target, TargetKind

YEARS_SHOWN = 3


@dataclass
class MeasureResult:
    measure: Measure
    year: int
    words: Vocabulary
    outcomes: list[MeasureOutcome] = field(default_factory=list)  # newest first, one per year
    target: Target | None = None
    analysis: MeasureAnalysis | None = None
    previous_county_average: Decimal | None = None

    @property
    def current(self) -> MeasureOutcome | None:
        if self.outcomes and self.outcomes[0].year == self.year:
            return self.outcomes[0]
        return None

    @property
    def previous(self) -> MeasureOutcome | None:
        """The latest earlier outcome: last year's, or an older one where a year was not measured."""
        return next((outcome for outcome in self.outcomes if outcome.year < self.year), None)

    @property
    def trend(self) -> Trend | None:
        current, previous = self.current, self.previous
        return trend(
            self.measure.direction,
            current.total if current else None,
            previous.total if previous else None,
            self.measure.trend_threshold,
        )

    @property
    def met(self) -> bool | None:
        if self.target is None or self.current is None:
            return None
        previous = self.previous
        return target_met(
            kind=self.target.kind, measure_kind=self.measure.kind, direction=self.measure.direction,
            current=self.current.total, previous=previous.total if previous else None,
            target_value=self.target.value, comparator=self.target.comparator,
            previous_county_average=self.previous_county_average,
        )

    @property
    def has_gender_split(self) -> bool:
        return any(outcome.women is not None or outcome.men is not None for outcome in self.outcomes)

    @property
    def ranked_outcomes(self) -> list[MeasureOutcome]:
        return [outcome for outcome in self.outcomes if outcome.rank is not None or outcome.county_average is not None]

    def value(self, number) -> str:
        return format_value(number, self.measure.unit_of_measure)

    def average(self, number) -> str:
        """A county or group average, to one decimal at most."""
        return format_average(number, self.measure.unit_of_measure)

    def period_label(self, outcome: MeasureOutcome) -> str:
        """"2020", or "11-2020" for values as of a month."""
        if self.measure.period_type == PeriodType.YEAR:
            return str(outcome.year)
        return f"{outcome.month:02d}-{outcome.year}"

    @property
    def target_label(self) -> str:
        return target_label(self.target, self.measure.unit_of_measure, self.words) if self.target else ""


def target_label(target: Target, unit: str, words: Vocabulary | None = None) -> str:
    """The target as reports print it: "index 75", "Öka", "> Länssnitt", "Redovisas i VB" (the municipality's
    words: `words`, else read for the target's measure)."""
    if target.kind == TargetKind.NUMBER:
        prefix = f"{target.get_comparator_display()} " if target.comparator else ""
        return prefix + format_value(target.value, unit)
    if target.kind == TargetKind.REPORTED_IN_ANNUAL_REPORT:
        words = words or vocabulary(target.measure.unit.municipality_id)
        return _("Reported in %(annual_report)s") % {"annual_report": words["annual_report_short"]}
    return {
        TargetKind.INCREASE: _("Increase"),
        TargetKind.DECREASE: _("Decrease"),
        TargetKind.ABOVE_COUNTY_AVERAGE: _("> County average"),
    }[TargetKind(target.kind)]


def _pick_outcomes(rows: list[MeasureOutcome], year: int, last_month: int) -> list[MeasureOutcome]:
    """One outcome per year, newest year first: the latest month allowed, the same month in earlier years."""
    by_year: dict[int, list[MeasureOutcome]] = defaultdict(list)
    for row in rows:
        by_year[row.year].append(row)
    picked = []
    month = None
    for shown_year in range(year, year - YEARS_SHOWN, -1):
        candidates = sorted(by_year.get(shown_year, []), key=lambda row: row.month, reverse=True)
        if shown_year == year:
            candidates = [row for row in candidates if row.month <= last_month]
        chosen = next((row for row in candidates if row.month == month), None) if month else None
        chosen = chosen or (candidates[0] if candidates else None)
        if chosen:
            month = month or chosen.month
            picked.append(chosen)
    return picked


def measure_results(
    measures: Iterable[Measure], *, year: int, period: FollowUpPeriod | None = None, words: Vocabulary | None = None
) -> dict[int, MeasureResult]:
    """Results by measure id for the year, as known at the period (default: the whole year).

    `words` is the measures' municipality's vocabulary, for the labels ("Redovisas i VB"); read when not given.
    """
    measures = list(measures)
    if words is None:
        words = vocabulary(measures[0].unit.municipality_id) if measures else Vocabulary.of([])
    ids = [measure.pk for measure in measures]
    last_month = period.as_of.month if period is not None and period.year == year else 12
    outcome_rows: dict[int, list[MeasureOutcome]] = defaultdict(list)
    for outcome in MeasureOutcome.objects.filter(
        measure_id__in=ids, year__gt=year - YEARS_SHOWN - 1, year__lte=year
    ):
        outcome_rows[outcome.measure_id].append(outcome)
    targets = {target.measure_id: target for target in Target.objects.filter(measure_id__in=ids, year=year)}
    analyses = {}
    if period is not None:
        analyses = {
            analysis.measure_id: analysis
            for analysis in MeasureAnalysis.objects.filter(measure_id__in=ids, period=period)
        }
    results = {}
    for measure in measures:
        rows = outcome_rows.get(measure.pk, [])
        previous_year_rows = [row for row in rows if row.year == year - 1 and row.county_average is not None]
        results[measure.pk] = MeasureResult(
            measure=measure, year=year, words=words, outcomes=_pick_outcomes(rows, year, last_month),
            target=targets.get(measure.pk), analysis=analyses.get(measure.pk),
            previous_county_average=max(previous_year_rows, key=lambda row: row.month).county_average
            if previous_year_rows else None,
        )
    return results


@dataclass
class TargetCounts:
    met: int = 0
    missed: int = 0
    not_judged: int = 0

    @classmethod
    def of(cls, results: Iterable[MeasureResult]) -> "TargetCounts":
        """How many measures meet their target, miss it, or cannot be judged; indicators are not counted."""
        counts = cls()
        for result in results:
            if result.measure.kind == MeasureKind.INDICATOR:
                continue
            met = result.met
            if met is True:
                counts.met += 1
            elif met is False:
                counts.missed += 1
            else:
                counts.not_judged += 1
        return counts
