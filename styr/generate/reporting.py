"""The generated municipality's year as of deadline day for delårsrapport 2: the plan and delårsrapport 1
decided by every committee (approved below), delårsrapport 2 under way (open, ready or approved per unit,
filled in accordingly), the annual report ahead. With risks and the committees' economy."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from styr.control.models import Risk, RiskAction, RiskActionReport
from styr.economy.models import ActivityArea, Amount, AmountKind, AreaReport, Equity, ReportRow, RowKind
from styr.followup.models import (
    ActivityReport,
    AssessmentLevel,
    CommitmentReport,
    CouncilGoalAssessment,
    FollowUpPeriod,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    PeriodProgress,
    PeriodReport,
    ProgressState,
    StatusOption,
)
from styr.generate.shape import TEXT, Size
from styr.generate.structure import BATCH, World, number
from styr.organisation.models import UnitKind
from styr.plans.models import PeriodType


class ReportingBuilder:
    def __init__(self, world: World, size: Size, rng: random.Random):
        self.world, self.size, self.rng = world, size, rng
        municipality = world.municipality
        self.levels = list(AssessmentLevel.objects.filter(scale__municipality=municipality).order_by("order"))
        self.statuses = list(StatusOption.objects.filter(municipality=municipality).order_by("order"))

    def build(self) -> None:
        states = self.progress()
        for slug in ("d1", "d2"):
            period = self.world.periods[slug]
            # In delårsrapport 2 open units have filled in about half; the others all of it.
            share = {plan_id: 1.0 if slug == "d1" or state != ProgressState.OPEN else 0.5
                     for plan_id, state in states.items()}
            self.reports(period, share)
            self.current_outcomes(period, share)
        self.risks()
        self.economy()

    def progress(self) -> dict[int, str]:
        """Every plan's progress; returns each plan's state in delårsrapport 2."""
        world, rng, year = self.world, self.rng, self.world.year
        rows: list[PeriodProgress] = []
        states: dict[int, str] = {}
        for unit in world.units:
            plan = world.plans[unit.pk]
            reporter = world.reporters.get(unit.pk)
            for slug in ("vp", "d1"):
                period = world.periods[slug]
                if unit.kind == UnitKind.COMMITTEE:
                    rows.append(PeriodProgress(plan=plan, period=period, state=ProgressState.DECIDED,
                                               decided_on=period.as_of + datetime.timedelta(days=40),
                                               decision_paragraph=f"§ {rng.randint(1, 200)}"))
                else:
                    stamp = self.moment(period.as_of + datetime.timedelta(days=8))
                    rows.append(PeriodProgress(plan=plan, period=period, state=ProgressState.APPROVED, ready_at=stamp,
                                               ready_by=reporter, approved_at=stamp + datetime.timedelta(days=2)))
            state = rng.choices([ProgressState.OPEN, ProgressState.READY, ProgressState.APPROVED], [4, 4, 2])[0]
            states[plan.pk] = state
            row = PeriodProgress(plan=plan, period=world.periods["d2"], state=state)
            if state != ProgressState.OPEN:
                # Now and then the person who marked it ready has left (the account deleted: no user).
                row.ready_at = self.moment(datetime.date(year, 9, 5))
                row.ready_by = reporter if rng.random() > 0.02 else None
            if state == ProgressState.APPROVED:
                row.approved_at = self.moment(datetime.date(year, 9, 7))
            rows.append(row)
        PeriodProgress.objects.bulk_create(rows, batch_size=BATCH)
        return states

    @staticmethod
    def moment(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 30)))

    def level(self) -> AssessmentLevel:
        return self.rng.choices(self.levels, [2, 5, 2, 1][: len(self.levels)] + [1] * (len(self.levels) - 4))[0]

    def reports(self, period: FollowUpPeriod, share: dict[int, float]) -> None:
        """Assessments of goals and council goals, statuses, analyses and the period's texts per plan."""
        world, rng = self.world, self.rng
        goals: list[GoalAssessment] = []
        council: list[CouncilGoalAssessment] = []
        commitments: list[CommitmentReport] = []
        activities: list[ActivityReport] = []
        analyses: list[MeasureAnalysis] = []
        texts: list[PeriodReport] = []
        for unit in world.units:
            plan = world.plans[unit.pk]
            fill = share[plan.pk]
            for goal in world.goals.get(plan.pk, []):
                if rng.random() < fill:
                    goals.append(GoalAssessment(goal=goal, period=period, level=self.level(), text=TEXT))
            for choice in world.choices.get(plan.pk, []):
                if choice.included and rng.random() < fill:
                    council.append(CouncilGoalAssessment(choice=choice, period=period, level=self.level(), text=TEXT))
            for commitment in world.commitments.get(plan.pk, []):
                if rng.random() < fill:
                    commitments.append(CommitmentReport(commitment=commitment, period=period,
                                                        status=rng.choice(self.statuses), comment=TEXT))
            for activity in world.activities.get(plan.pk, []):
                if rng.random() < fill:
                    activities.append(ActivityReport(activity=activity, period=period,
                                                     status=rng.choice(self.statuses), comment=TEXT))
            for item in world.measures.get(unit.pk, []):
                if rng.random() < fill * 0.6:
                    analyses.append(MeasureAnalysis(measure=item.measure, period=period, analysis=TEXT,
                                                    unjustified_differences=rng.random() < 0.2))
            if rng.random() < fill:
                texts.append(PeriodReport(plan=plan, period=period, level=self.level(), text=TEXT, summary=TEXT * 3,
                                          events="Ny organisation\nNytt verksamhetssystem",
                                          improvement_areas="Tillgänglighet\nKompetensförsörjning"))
        GoalAssessment.objects.bulk_create(goals, batch_size=BATCH)
        CouncilGoalAssessment.objects.bulk_create(council, batch_size=BATCH)
        CommitmentReport.objects.bulk_create(commitments, batch_size=BATCH)
        ActivityReport.objects.bulk_create(activities, batch_size=BATCH)
        MeasureAnalysis.objects.bulk_create(analyses, batch_size=BATCH)
        PeriodReport.objects.bulk_create(texts, batch_size=BATCH)

    def current_outcomes(self, period: FollowUpPeriod, share: dict[int, float]) -> None:
        """This year's outcome as of the period's month for the measures followed by month."""
        world, rng = self.world, self.rng
        rows = []
        for unit in world.units:
            fill = share[world.plans[unit.pk].pk]
            for item in world.measures.get(unit.pk, []):
                if item.measure.period_type != PeriodType.YEAR and rng.random() < fill:
                    value = item.base + rng.gauss(0, item.spread / 5)
                    value = min(max(value, 0.0), 100.0) if item.percent else value
                    rows.append(MeasureOutcome(measure=item.measure, year=world.year, month=period.as_of.month,
                                               total=number(value), updated_by=world.reporters.get(unit.pk)))
        MeasureOutcome.objects.bulk_create(rows, batch_size=BATCH)

    def risks(self) -> None:
        """Each committee's risks in its plan, with risk-reducing actions and their status in delårsrapport 1."""
        world, rng = self.world, self.rng
        risks = []
        for committee in world.committees:
            plan = world.plans[committee.pk]
            goals = world.goals.get(plan.pk, [])
            risks += [Risk(plan=plan, goal=goals[order % len(goals)] if goals else None,
                           risk=f"Risk {order + 1}: svårt att rekrytera och behålla personal", background=TEXT,
                           effects=TEXT, owner="Förvaltningschef", probability=rng.randint(1, 4),
                           consequence=rng.randint(1, 4), order=order)
                      for order in range(self.size.risks_per_committee)]
        Risk.objects.bulk_create(risks, batch_size=BATCH)
        actions = RiskAction.objects.bulk_create(
            (RiskAction(risk=risk, text=f"Åtgärd {order + 1}: se över bemanningen", order=order)
             for risk in risks for order in range(2)), batch_size=BATCH)
        RiskActionReport.objects.bulk_create(
            (RiskActionReport(action=action, period=world.periods["d1"], status=rng.choice(self.statuses),
                              comment=TEXT) for action in actions), batch_size=BATCH)

    def economy(self) -> None:
        """Per committee: its areas (one per activity area unit), budget, last year's outcome and this year's
        outcome per month until delårsrapport 2, per report row and per area; forecasts; opening equity."""
        world, rng, year = self.world, self.rng, self.world.year
        rows = list(ReportRow.objects.filter(municipality=world.municipality).order_by("order"))
        areas = ActivityArea.objects.bulk_create(
            (ActivityArea(committee=world.committee_of[unit.pk], unit=unit, key=unit.slug, name=unit.name,
                          order=unit.order) for unit in world.units if unit.kind == UnitKind.AREA), batch_size=BATCH)
        months = range(1, world.periods["d2"].as_of.month + 1)
        amounts: list[Amount] = []
        for committee in world.committees:
            scale = rng.uniform(50, 2000) * 1_000_000  # the committee's yearly budget, kr
            for row in rows:
                sign = 1 if row.kind == RowKind.REVENUE else -1
                amounts += self.amounts(committee, sign * scale / len(rows), months, row=row)
        for area in areas:
            amounts += self.amounts(area.committee, -rng.uniform(10, 300) * 1_000_000, months, area=area)
        Amount.objects.bulk_create(amounts, batch_size=BATCH)
        AreaReport.objects.bulk_create(
            (AreaReport(area=area, period=world.periods[slug], forecast=Decimal(-rng.randint(10, 300) * 1_000_000),
                        comment=TEXT) for area in areas for slug in ("d1", "d2")), batch_size=BATCH)
        Equity.objects.bulk_create(
            (Equity(unit=committee, year=year, opening=Decimal(rng.randint(1, 40) * 1_000_000))
             for committee in world.committees), batch_size=BATCH)

    def amounts(self, unit, yearly: float, months: range, **target) -> list[Amount]:
        year, rng = self.world.year, self.rng

        def kr(value: float) -> Decimal:
            return Decimal(f"{value:.2f}")

        made = [Amount(unit=unit, year=year, month=0, kind=AmountKind.BUDGET, amount=kr(yearly), **target),
                Amount(unit=unit, year=year, month=0, kind=AmountKind.PREVIOUS_OUTCOME,
                       amount=kr(yearly * rng.uniform(0.95, 1.05)), **target)]
        made += [Amount(unit=unit, year=year, month=month, kind=AmountKind.OUTCOME,
                        amount=kr(yearly / 12 * rng.uniform(0.85, 1.15)), **target) for month in months]
        return made
