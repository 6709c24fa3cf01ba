"""What the internal-control page and the documents read for a plan and a period: the risks numbered as on
the heat map and grouped by the goal each threatens, the reviews and the controls, each with its status or
result in the period. One reading, so that the page and the VB show the same."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from styr.control.heatmap import risk_heatmap, risk_label
from styr.control.models import (
    AuditActionReport,
    ContractFollowUp,
    ControlActivity,
    ControlReport,
    ControlResult,
    ImprovementArea,
    RiskActionReport,
    RiskMatrix,
    SelfInspection,
)
from styr.followup.models import FollowUpPeriod
from styr.plans.models import Plan


def unit_controls(plan: Plan):
    """The control activities the plan's unit follows up in its year: its own and the municipality's common ones."""
    return ControlActivity.objects.filter(
        Q(unit=plan.unit) | Q(unit=None, municipality_id=plan.unit.municipality_id), year=plan.year,
    ).select_related("category")


def _first(reports) -> Any:
    return next(iter(reports), None)


def risk_rows(plan: Plan, period: FollowUpPeriod | None, matrix: RiskMatrix) -> list[dict]:
    reports = RiskActionReport.objects.filter(period=period).select_related("status")
    risks = list(plan.risks.select_related("goal__council_goal").prefetch_related(
        Prefetch("actions__reports", queryset=reports)))
    rows = []
    for number, risk in enumerate(risks, start=1):
        probability, consequence = risk.probability, risk.consequence
        rows.append({
            "risk": risk, "label": risk_label(number),
            "band": matrix.band(probability, consequence) if probability and consequence else None,
            "score": probability * consequence if probability and consequence else None,
            "probability_label": matrix.probabilities[probability - 1] if probability else "",
            "consequence_label": matrix.consequences[consequence - 1] if consequence else "",
            "actions": [(action, _first(action.reports.all())) for action in risk.actions.all()],
        })
    return rows


def by_goal(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """The risks under the goal each threatens, in the plan's order of goals; risks without a goal last."""
    groups: dict[int | None, list[dict]] = {}
    for row in sorted(rows, key=lambda row: (row["risk"].goal is None,
                                             (row["risk"].goal.council_goal.order, row["risk"].goal.order)
                                             if row["risk"].goal else (0, 0))):
        groups.setdefault(row["risk"].goal_id, []).append(row)
    return [(members[0]["risk"].goal.name if key else _("Other risks"), members) for key, members in groups.items()]


@dataclass
class ControlReading:
    plan: Plan
    period: FollowUpPeriod | None
    matrix: RiskMatrix
    risk_rows: list[dict]
    reviews: list[tuple[Any, list[tuple[Any, Any]]]]
    controls: list[tuple[ControlActivity, ControlResult | None]]
    report: ControlReport | None
    contracts: list[ContractFollowUp]
    inspections: list[SelfInspection]
    improvements: list[ImprovementArea]

    @property
    def groups(self) -> list[tuple[str, list[dict]]]:
        return by_goal(self.risk_rows)

    @property
    def heatmap(self):
        return risk_heatmap(matrix=self.matrix, risks=[row["risk"] for row in self.risk_rows],
                            title=_("Risk matrix: %(unit)s %(year)s") % {"unit": self.plan.unit.name,
                                                                         "year": self.plan.year})

    @property
    def is_empty(self) -> bool:
        return not (self.risk_rows or self.reviews or self.controls or self.report or self.contracts
                    or self.inspections or self.improvements)


def read_control(plan: Plan, period: FollowUpPeriod | None) -> ControlReading:
    matrix = RiskMatrix.for_municipality(plan.unit.municipality)
    audit_reports = AuditActionReport.objects.filter(period=period).select_related("status")
    reviews = plan.audit_reviews.prefetch_related(Prefetch("actions__reports", queryset=audit_reports))
    results = {result.control_id: result for result in
               ControlResult.objects.filter(unit=plan.unit, period=period).select_related("status")}
    return ControlReading(
        plan=plan, period=period, matrix=matrix, risk_rows=risk_rows(plan, period, matrix),
        reviews=[(review, [(action, _first(action.reports.all())) for action in review.actions.all()])
                 for review in reviews],
        controls=[(control, results.get(control.pk)) for control in unit_controls(plan)],
        report=ControlReport.objects.filter(plan=plan, period=period).first() if period is not None else None,
        contracts=list(plan.contract_followups.select_related("planned_period")),
        inspections=list(plan.self_inspections.select_related("process", "planned_period")),
        improvements=list(ImprovementArea.objects.filter(plan=plan, period=period).select_related("goal"))
        if period is not None else [],
    )
