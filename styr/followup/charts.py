"""The outcome chart of a measure, the same on the measure page and in the documents."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from styr.charts import Chart, measure_line_chart
from styr.followup.models import MeasureOutcome
from styr.organisation.models import Vocabulary, vocabulary
from styr.plans.models import Direction, Measure, Target, TargetKind


def measure_chart(measure: Measure, outcomes: Iterable[MeasureOutcome], targets: Iterable[Target],
                  words: Vocabulary | None = None) -> Chart | None:
    """Total, women, men, numeric targets and the county average per year (each year's latest month).

    The target's line is named in the municipality's words (`words`, else read for the measure).

    Only where at least two years have a total: below that a table says it all.
    """
    latest: dict[int, MeasureOutcome] = {}
    for outcome in sorted(outcomes, key=lambda outcome: (outcome.year, outcome.month)):
        latest[outcome.year] = outcome
    if sum(outcome.total is not None for outcome in latest.values()) < 2:
        return None
    years = sorted(latest)
    direction = {Direction.HIGHER.value: _("Higher is better."), Direction.LOWER.value: _("Lower is better.")}
    targets = [target for target in targets if target.kind == TargetKind.NUMBER]
    if targets:
        words = words or vocabulary(measure.unit.municipality_id)
    return measure_line_chart(
        title=measure.name, years=years, unit=measure.unit_of_measure,
        total={year: row.total for year, row in latest.items()},
        women={year: row.women for year, row in latest.items()},
        men={year: row.men for year, row in latest.items()},
        target={target.year: target.value for target in targets},
        county_average={year: row.county_average for year, row in latest.items()},
        description=direction.get(measure.direction, ""), target_label=words["target"] if words else "",
    )
