"""Economy measures computed, not typed: each period's figures give "Budgethållning, resultat" (the result,
i.e. the deviation from budget, or the forecast's in an interim period, as a share of the net budget) and
"Nämndens balanserade resultat" (closing equity as a share of it); the municipality's criteria suggest the
level, next to the level the committee sets in its assessment."""

from dataclasses import dataclass
from decimal import Decimal

from styr.economy.models import EconomyCriterion, EconomyMeasure
from styr.economy.statements import Statement
from styr.followup.models import AssessmentLevel


@dataclass
class MeasureValue:
    measure: EconomyMeasure
    value: Decimal | None  # % of the net budget
    suggested: AssessmentLevel | None

    @property
    def label(self) -> str:
        return str(self.measure.label)


def economy_measures(statement: Statement) -> list[MeasureValue]:
    results = statement.type_results or statement.area_results
    budget = results[0].budget if results else None
    if not budget:
        return []
    result = results[0].forecast_deviation if statement.interim else results[0].deviation
    closing = statement.equity.closing if statement.equity is not None else None
    values = {EconomyMeasure.RESULT: result, EconomyMeasure.EQUITY: closing}
    criteria = list(EconomyCriterion.objects.filter(municipality_id=statement.unit.municipality_id)
                    .select_related("level"))
    found = []
    for measure, amount in values.items():
        share = None if amount is None else (amount / abs(budget) * 100).quantize(Decimal("0.1"))
        level = next((criterion.level for criterion in criteria
                      if criterion.measure == measure and share is not None and criterion.holds(share)), None)
        found.append(MeasureValue(measure, share, level))
    return found
