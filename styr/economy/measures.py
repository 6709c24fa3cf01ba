"""Economy measures computed, not typed: each period's figures give "Budgethållning, resultat" (the result,
i.e. the deviation from budget, or the forecast's in an interim period), the same without the ring-fenced
areas, and "Nämndens balanserade resultat" (closing equity). The municipality's criteria, on each figure as
a share of the net budget, suggest the level, next to the level the committee sets in its assessment.

A plan's measure whose `ledger_figure` names one of them has its outcome derived from these: in the
measure's unit (kr in tkr or mnkr as reports print them, or the share in per cent).
"""

from dataclasses import dataclass
from decimal import Decimal

from styr.economy.models import EconomyCriterion
from styr.economy.statements import Statement, build_statement
from styr.followup.models import AssessmentLevel, FollowUpPeriod
from styr.plans.models import LedgerFigure, Measure, UnitOfMeasure

# How a figure is written in a measure's unit: kronor divided by the factor, rounded to the places.
EXPRESSED = {UnitOfMeasure.MNKR: (Decimal(1_000_000), Decimal("0.1")), UnitOfMeasure.TKR: (Decimal(1000), Decimal(1))}


@dataclass
class MeasureValue:
    measure: str  # a LedgerFigure
    amount: Decimal | None  # kr
    value: Decimal | None  # % of the net budget
    suggested: AssessmentLevel | None

    @property
    def label(self) -> str:
        return str(LedgerFigure(self.measure).label)

    def expressed_in(self, unit_of_measure: str) -> Decimal | None:
        """The figure in a measure's unit: the share for per cent, else the amount in tkr or mnkr."""
        if unit_of_measure == UnitOfMeasure.PERCENT:
            return self.value
        if self.amount is None or unit_of_measure not in EXPRESSED:
            return None
        factor, places = EXPRESSED[UnitOfMeasure(unit_of_measure)]
        return (self.amount / factor).quantize(places)


def economy_measures(statement: Statement) -> list[MeasureValue]:
    results = statement.type_results or statement.area_results
    budget = results[0].budget if results else None
    if not budget:
        return []

    values: dict[str, Decimal | None] = {
        line.figure: line.forecast_deviation if statement.interim else line.deviation for line in results if line.figure}
    values[LedgerFigure.EQUITY] = statement.equity.closing if statement.equity is not None else None
    criteria = list(EconomyCriterion.objects.filter(municipality_id=statement.unit.municipality_id)
                    .select_related("level"))
    found = []
    for measure, amount in values.items():
        share = None if amount is None else (amount / abs(budget) * 100).quantize(Decimal("0.1"))
        level = next((criterion.level for criterion in criteria
                      if criterion.measure == measure and share is not None and criterion.holds(share)), None)
        found.append(MeasureValue(LedgerFigure(measure), amount, share, level))
    return found


def ledger_values(measures: list[Measure], period: FollowUpPeriod) -> dict[int, MeasureValue | None]:
    """Each measure's figure of the period, from its own unit's economy (one statement per unit)."""
    by_unit: dict[int, dict[str, MeasureValue]] = {}
    found: dict[int, MeasureValue | None] = {}
    for measure in measures:
        if measure.unit_id not in by_unit:
            statement = build_statement(unit=measure.unit, year=period.year, period=period)
            by_unit[measure.unit_id] = {item.measure: item for item in economy_measures(statement)}
        found[measure.pk] = by_unit[measure.unit_id].get(measure.ledger_figure)
    return found


def suggested_levels(measures: list[Measure], period: FollowUpPeriod) -> dict[int, AssessmentLevel | None]:
    """The level the municipality's criteria suggest for each measure's figure (styr.followup.derived)."""
    return {pk: value.suggested if value else None for pk, value in ledger_values(measures, period).items()}
