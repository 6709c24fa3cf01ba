"""The analysis of a plan's period: what risks, control results, quality counts and follow-ups say, gathered per
area (the goal each threatens or serves), so the unit can turn them into improvement areas linked to goals
(styr.control.oversight.add_improvement_area). One reading, for the analysis page and the documents."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext as _

from styr.control.models import Band, ContractState, ImprovementArea, QualityCount, QualityKind
from styr.control.reading import ControlReading, read_control
from styr.followup.models import FollowUpPeriod
from styr.plans.models import Goal, Plan


@dataclass
class Area:
    """The findings of one area: a goal of the plan, or none (what threatens or serves no single goal)."""

    goal: Goal | None
    findings: list[str] = field(default_factory=list)
    improvements: list[ImprovementArea] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.goal.name if self.goal else _("Across the goals")


def _risk_findings(reading: ControlReading, areas: dict) -> None:
    for row in reading.risk_rows:
        if row["band"] in (Band.HIGH, Band.MEDIUM):
            risk = row["risk"]
            areas[risk.goal_id].findings.append(_("Risk %(label)s (%(band)s): %(risk)s") % {
                "label": row["label"], "band": row["band"].label, "risk": risk.risk})


def _control_findings(reading: ControlReading, areas: dict) -> None:
    for control, result in reading.controls:
        if result is not None and result.outcome == "remark":
            found = f" {result.found}" if result.found else ""
            areas[None].findings.append(_("Control with remark: %(what)s.%(found)s") % {
                "what": control.what.rstrip("."), "found": found})


def _follow_up_findings(reading: ControlReading, areas: dict) -> None:
    for contract in reading.contracts:
        if contract.state == ContractState.DONE and contract.result:
            areas[None].findings.append(_("Contract follow-up, %(contract)s: %(result)s") % {
                "contract": contract.contract, "result": contract.result})
        elif contract.state == ContractState.POSTPONED:
            areas[None].findings.append(_("Contract follow-up postponed, %(contract)s: %(reason)s") % {
                "contract": contract.contract, "reason": contract.postponed_reason})
    for inspection in reading.inspections:
        if inspection.done and inspection.result:
            areas[None].findings.append(_("Self-inspection, %(what)s: %(result)s") % {
                "what": inspection.what.rstrip("."), "result": inspection.result})


def _quality_findings(plan: Plan, period: FollowUpPeriod, areas: dict) -> None:
    """The period's counts of the unit and those below it, per kind and category, beside the year's earlier period."""
    units = plan.unit.subtree_ids()
    earlier = FollowUpPeriod.objects.filter(municipality_id=period.municipality_id, year=period.year,
                                            as_of__lt=period.as_of).order_by("-as_of").first()
    totals: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    periods = [period.pk, earlier.pk] if earlier else [period.pk]
    rows = (QualityCount.objects.filter(unit_id__in=units, period_id__in=periods)
            .values("kind", "category__label", "period_id").annotate(total=Sum("count")))
    for row in rows:
        totals[(row["kind"], row["category__label"])][row["period_id"]] = row["total"]
    for (kind, category), by_period in sorted(totals.items()):
        now = by_period.get(period.pk)
        if not now:
            continue
        text = _("%(kind)s, %(category)s: %(count)s") % {
            "kind": QualityKind(kind).label.capitalize(), "category": category, "count": now}
        if earlier is not None and earlier.pk in by_period:
            text += " " + _("(%(count)s in %(period)s)") % {"count": by_period[earlier.pk], "period": earlier.name}
        areas[None].findings.append(text)


def analyse(plan: Plan, period: FollowUpPeriod) -> list[Area]:
    """The plan's areas in the order of its goals, the area across the goals last; areas with nothing left out."""
    reading = read_control(plan, period)
    goals = list(plan.goals.select_related("council_goal").order_by("council_goal__order", "order"))
    areas: dict[int | None, Area] = {goal.pk: Area(goal) for goal in goals}
    areas[None] = Area(None)
    _risk_findings(reading, areas)
    _control_findings(reading, areas)
    _follow_up_findings(reading, areas)
    _quality_findings(plan, period, areas)
    for improvement in ImprovementArea.objects.filter(plan=plan, period=period).select_related("goal"):
        areas[improvement.goal_id].improvements.append(improvement)
    return [area for area in areas.values() if area.findings or area.improvements]
