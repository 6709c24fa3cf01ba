"""The generated municipality's structure: units, people, plans, goals, measures with targets and outcomes,
commitments and activities. Everything is written with bulk_create, level by level, in a fixed order, so one
seed always gives the same municipality."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from styr.followup.models import Deadline, FollowUpPeriod, MeasureOutcome, OutcomeBreakdown, PeriodKind
from styr.generate.shape import (
    AGE_GROUPS,
    AREA_KINDS,
    COUNCIL_GOAL_GROUPS,
    COUNCIL_GOALS,
    DISTRICTS,
    MEASURE_TEMPLATES,
    SECTOR_COMMITTEES,
    TEXT,
    UNIT_WORDS,
    Size,
)
from styr.organisation.memberships import controller_group
from styr.organisation.models import Membership, Municipality, OrganisationUnit, Role, UnitKind
from styr.plans.models import (
    Activity,
    Commitment,
    CouncilGoal,
    CouncilGoalChoice,
    CouncilGoalGroup,
    Direction,
    Goal,
    GoalMeasure,
    Measure,
    MeasureKind,
    PeriodType,
    Plan,
    PlanStatus,
    Target,
    TargetKind,
)

BATCH = 2000


@dataclass
class MeasureSeries:
    """What the generator remembers of a measure to write its outcomes: its level and spread."""

    measure: Measure
    base: float
    spread: float
    percent: bool
    kolada: bool
    breakdown: bool


@dataclass
class World:
    """The generated objects later steps build on (periods by slug, plans by unit, goals by plan, …)."""

    municipality: Municipality
    year: int
    periods: dict[str, FollowUpPeriod] = field(default_factory=dict)
    committees: list[OrganisationUnit] = field(default_factory=list)
    units: list[OrganisationUnit] = field(default_factory=list)
    committee_of: dict[int, OrganisationUnit] = field(default_factory=dict)
    reporters: dict[int, User] = field(default_factory=dict)
    plans: dict[int, Plan] = field(default_factory=dict)
    goals: dict[int, list[Goal]] = field(default_factory=dict)
    choices: dict[int, list[CouncilGoalChoice]] = field(default_factory=dict)
    measures: dict[int, list[MeasureSeries]] = field(default_factory=dict)
    commitments: dict[int, list[Commitment]] = field(default_factory=dict)
    activities: dict[int, list[Activity]] = field(default_factory=dict)


def draw(rng: random.Random, bounds: tuple[int, int]) -> int:
    return rng.randint(*bounds)


def number(value: float) -> Decimal:
    return Decimal(f"{value:.1f}")


class StructureBuilder:
    def __init__(self, world: World, size: Size, rng: random.Random):
        self.world, self.size, self.rng = world, size, rng

    def build(self, *, password: str) -> None:
        self.periods()
        self.council_goals()
        self.units()
        self.people(password)
        self.plans()
        self.goals()
        self.measures()
        self.outcomes()
        self.commitments()

    def periods(self) -> None:
        year, municipality = self.world.year, self.world.municipality
        specs = [
            ("vp", PeriodKind.PLAN, "Verksamhetsplan", datetime.date(year - 1, 11, 30)),
            ("d1", PeriodKind.INTERIM_1, "Delårsrapport 1", datetime.date(year, 4, 30)),
            ("d2", PeriodKind.INTERIM_2, "Delårsrapport 2", datetime.date(year, 8, 31)),
            ("vb", PeriodKind.ANNUAL_REPORT, "Verksamhetsberättelse", datetime.date(year, 12, 31)),
        ]
        periods = FollowUpPeriod.objects.bulk_create(
            FollowUpPeriod(municipality=municipality, year=year, kind=kind, slug=slug, name=name, as_of=as_of,
                           deadline=as_of + datetime.timedelta(days=25))
            for slug, kind, name, as_of in specs
        )
        self.world.periods = {period.slug: period for period in periods}
        # Units first, the committee last: each level a few days after the one below it.
        offsets = {UnitKind.UNIT: 10, UnitKind.AREA: 14, UnitKind.ADMINISTRATION: 18, UnitKind.COMMITTEE: 25}
        Deadline.objects.bulk_create(
            Deadline(period=period, unit_kind=kind, date=period.as_of + datetime.timedelta(days=days))
            for period in periods for kind, days in offsets.items()
        )

    def council_goals(self) -> None:
        groups = {name: CouncilGoalGroup.objects.create(municipality=self.world.municipality, name=name,
                                                        singular=singular, order=order)
                  for order, (name, singular) in enumerate(COUNCIL_GOAL_GROUPS, start=1)}
        CouncilGoal.objects.bulk_create(
            CouncilGoal(municipality=self.world.municipality, key=f"kf-{order + 1}", name=name, group=groups[group],
                        order=order, description=TEXT)
            for order, (group, name) in enumerate(COUNCIL_GOALS)
        )

    def committee_names(self) -> list[str]:
        names = list(SECTOR_COMMITTEES)
        names += [f"Stadsdelsnämnden {district}" for district in DISTRICTS]
        names += [f"Nämnd {number}" for number in range(len(names) + 1, self.size.committees + 1)]
        return names[: self.size.committees]

    def units(self) -> None:
        world, rng = self.world, self.rng
        municipality = world.municipality

        def unit(parent: OrganisationUnit | None, kind: str, name: str, order: int) -> OrganisationUnit:
            count = len(made)
            made.append(OrganisationUnit(municipality=municipality, parent=parent, kind=kind, name=name,
                                         slug=f"{kind[:3]}-{count + 1:04d}", order=order,
                                         responsibility=TEXT if kind == UnitKind.COMMITTEE else ""))
            return made[-1]

        made: list[OrganisationUnit] = []
        committees = [unit(None, UnitKind.COMMITTEE, name, order) for order, name in enumerate(self.committee_names())]
        world.committees = self.saved(committees)
        administrations = []
        for committee in world.committees:
            name = committee.name.replace("nämnden", "förvaltningen").replace("Nämnd", "Förvaltning")
            if name == committee.name:
                name = f"{committee.name}s förvaltning"
            administrations.append(unit(committee, UnitKind.ADMINISTRATION, name, 0))
        administrations = self.saved(administrations)
        areas = []
        for committee_index, administration in enumerate(administrations):
            for order in range(draw(rng, self.size.areas_per_committee)):
                kind = AREA_KINDS[(committee_index + order) % len(AREA_KINDS)]
                areas.append(unit(administration, UnitKind.AREA, f"{kind} {DISTRICTS[order % len(DISTRICTS)]}", order))
        areas = self.saved(areas)
        leaves = []
        for area in areas:
            for order in range(draw(rng, self.size.units_per_area)):
                word = UNIT_WORDS[rng.randrange(len(UNIT_WORDS))]
                leaves.append(unit(area, UnitKind.UNIT, f"{word} {len(made) + 1}", order))
        leaves = self.saved(leaves)
        world.units = [*world.committees, *administrations, *areas, *leaves]
        by_id = {unit.pk: unit for unit in world.units}
        for unit_ in world.units:
            top = unit_
            while top.parent_id is not None:
                top = by_id[top.parent_id]
            world.committee_of[unit_.pk] = top

    @staticmethod
    def saved(units: list[OrganisationUnit]) -> list[OrganisationUnit]:
        """One level of the tree written, with the paths that place it (see OrganisationUnit.path)."""
        units = OrganisationUnit.objects.bulk_create(units, batch_size=BATCH)
        OrganisationUnit.set_paths(units)
        return units

    def people(self, password: str) -> None:
        """A controller and a reader per committee, a reporter (unit manager) per unit below, and a
        controller of the whole municipality; all share one password hash (hashing 1,500 would take minutes)."""
        world = self.world
        hashed = make_password(password)
        prefix = world.municipality.slug
        rows: list[tuple[str, str, str, OrganisationUnit, str]] = [
            (f"{prefix}-strateg", "Kim", "Kommunstrateg", committee, Role.CONTROLLER) for committee in world.committees
        ]
        for unit in world.units:
            if unit.kind == UnitKind.COMMITTEE:
                rows.append((f"{prefix}-controller-{unit.slug}", "Karin", unit.name, unit, Role.CONTROLLER))
                rows.append((f"{prefix}-politiker-{unit.slug}", "Pia", unit.name, unit, Role.READER))
            else:
                rows.append((f"{prefix}-chef-{unit.slug}", "Erik", unit.name, unit, Role.REPORTER))
        users: dict[str, User] = {}
        for username, first, last, _unit, role in rows:
            if username not in users:
                users[username] = User(username=username, email=f"{username}@{prefix}.example", password=hashed,
                                       first_name=first, last_name=last[:150], is_staff=role == Role.CONTROLLER)
        created = {user.username: user for user in User.objects.bulk_create(users.values(), batch_size=BATCH)}
        Membership.objects.bulk_create(
            (Membership(user=created[username], unit=unit, role=role) for username, _f, _l, unit, role in rows),
            batch_size=BATCH,
        )
        controllers = controller_group()
        controllers.user_set.add(*(user for user in created.values() if user.is_staff))
        world.reporters = {unit.pk: created[f"{prefix}-chef-{unit.slug}"] for unit in world.units
                           if unit.kind != UnitKind.COMMITTEE}

    def plans(self) -> None:
        world = self.world
        plans = Plan.objects.bulk_create(
            (Plan(unit=unit, year=world.year, status=PlanStatus.PUBLISHED) for unit in world.units), batch_size=BATCH)
        world.plans = {plan.unit_id: plan for plan in plans}
        council_goals = list(world.municipality.council_goals.order_by("order"))
        choices = []
        for committee in world.committees:
            left_out = self.rng.randrange(len(council_goals) * 3)  # now and then one council goal is left out
            for index, council_goal in enumerate(council_goals):
                included = index != left_out
                choices.append(CouncilGoalChoice(
                    plan=world.plans[committee.pk], council_goal=council_goal, included=included,
                    exclusion_reason="" if included else "Nämnden har inget uppdrag inom målet."))
        for choice in CouncilGoalChoice.objects.bulk_create(choices, batch_size=BATCH):
            world.choices.setdefault(choice.plan_id, []).append(choice)

    def goals(self) -> None:
        """Committee goals under the included council goals; every other unit's goals under its committee's."""
        world, rng = self.world, self.rng
        committee_goals: list[Goal] = []
        for committee in world.committees:
            plan = world.plans[committee.pk]
            for choice in world.choices[plan.pk]:
                if not choice.included:
                    continue
                for _ in range(draw(rng, self.size.committee_goals_per_council_goal)):
                    count = len(committee_goals)
                    committee_goals.append(Goal(
                        plan=plan, council_goal_id=choice.council_goal_id, slug=f"mal-{count + 1}",
                        name=f"Nämndmål {count + 1}: {choice.council_goal.name.lower()} genom bättre stöd",
                        interpretation=TEXT, priorities=TEXT, order=count))
        for goal in Goal.objects.bulk_create(committee_goals, batch_size=BATCH):
            world.goals.setdefault(goal.plan_id, []).append(goal)
        unit_goals = []
        for unit in world.units:
            if unit.kind == UnitKind.COMMITTEE:
                continue
            above = world.goals[world.plans[world.committee_of[unit.pk].pk].pk]
            chosen = rng.sample(above, min(len(above), draw(rng, self.size.unit_goals)))
            for order, parent in enumerate(chosen):
                unit_goals.append(Goal(
                    plan=world.plans[unit.pk], council_goal_id=parent.council_goal_id, parent=parent,
                    slug=f"enhetsmal-{order + 1}", name=f"Enhetsmål {order + 1}: {parent.name.split(': ', 1)[-1]}",
                    interpretation=TEXT, order=order))
        for goal in Goal.objects.bulk_create(unit_goals, batch_size=BATCH):
            world.goals.setdefault(goal.plan_id, []).append(goal)

    def measure_count(self, unit: OrganisationUnit) -> int:
        size = self.size
        counts: dict[str, int] = {
            UnitKind.COMMITTEE: size.committee_measures, UnitKind.ADMINISTRATION: size.administration_measures,
            UnitKind.AREA: draw(self.rng, size.area_measures),
        }
        return counts.get(unit.kind) or draw(self.rng, size.unit_measures)

    def measures(self) -> None:
        """Measures per unit (a fifth indicators), each under one of the unit's goals, with this year's and
        last year's targets."""
        world, rng, year = self.world, self.rng, self.world.year
        series: list[MeasureSeries] = []
        links: list[tuple[Goal, int]] = []
        for unit in world.units:
            goals = world.goals.get(world.plans[unit.pk].pk, [])
            if not goals:
                continue
            for index in range(self.measure_count(unit)):
                name, unit_of_measure, direction, base, spread = MEASURE_TEMPLATES[rng.randrange(len(MEASURE_TEMPLATES))]
                kolada = rng.random() < 0.3
                period_type = rng.choices([PeriodType.YEAR, PeriodType.POINT_IN_TIME, PeriodType.ROLLING_12],
                                          [7, 2, 1])[0]
                measure = Measure(
                    unit=unit, slug=f"matt-{index + 1}", name=f"{name}, {unit.name}", description=TEXT,
                    unit_of_measure=unit_of_measure, direction=direction,
                    kind=MeasureKind.INDICATOR if rng.random() < 0.2 else MeasureKind.MEASURE, period_type=period_type,
                    source="Kolada" if kolada else "Verksamhetssystemet",
                    kolada_kpi=f"N{rng.randrange(100000):05d}" if kolada else "",
                    trend_threshold=Decimal("0.5"))
                level = base * rng.uniform(0.7, 1.3) if base else 0.0
                series.append(MeasureSeries(measure, level, spread, unit_of_measure == "percent", kolada,
                                            rng.random() < 0.1))
                links.append((goals[index % len(goals)], index))
        Measure.objects.bulk_create((item.measure for item in series), batch_size=BATCH)
        GoalMeasure.objects.bulk_create(
            (GoalMeasure(goal=goal, measure=item.measure, order=order) for item, (goal, order) in zip(series, links, strict=True)),
            batch_size=BATCH)
        Target.objects.bulk_create(
            (self.target(item, target_year) for item in series if item.measure.kind == MeasureKind.MEASURE
             for target_year in (year - 1, year)), batch_size=BATCH)
        for item in series:
            world.measures.setdefault(item.measure.unit_id, []).append(item)

    def target(self, item: MeasureSeries, year: int) -> Target:
        measure, roll = item.measure, self.rng.random()
        if roll < 0.1 and item.kolada:
            return Target(measure=measure, year=year, kind=TargetKind.ABOVE_COUNTY_AVERAGE)
        if roll < 0.2 and measure.direction != Direction.NONE:
            kind = TargetKind.INCREASE if measure.direction == Direction.HIGHER else TargetKind.DECREASE
            return Target(measure=measure, year=year, kind=kind)
        comparators: dict[str, str] = {Direction.HIGHER: ">=", Direction.LOWER: "<="}
        factors: dict[str, float] = {Direction.HIGHER: 1.05, Direction.LOWER: 0.95}
        comparator = comparators.get(measure.direction, "=")
        factor = factors.get(measure.direction, 1.0)
        value = min(item.base * factor, 100.0) if item.percent else item.base * factor
        return Target(measure=measure, year=year, kind=TargetKind.NUMBER, comparator=comparator, value=number(value))

    def outcomes(self) -> None:
        """Ten years of outcomes per measure (total, women, men; Kolada's county average and rank where the
        measure is a Kolada KPI; a tenth broken down by age group), written in batches to bound memory."""
        pending: list[tuple[MeasureOutcome, bool]] = []
        for items in self.world.measures.values():
            for item in items:
                pending += [(outcome, item.breakdown) for outcome in self.series(item)]
            if len(pending) >= BATCH * 5:
                self.write_outcomes(pending)
                pending = []
        self.write_outcomes(pending)

    def series(self, item: MeasureSeries) -> list[MeasureOutcome]:
        rng, first = self.rng, self.world.year - self.size.outcome_years
        value, outcomes = item.base, []
        for year in range(first, self.world.year):
            value += rng.gauss(0, item.spread / 5)
            if item.base > 0:  # counts, costs and shares stay positive; a deviation may go either way
                value = max(value, 0.0)
            if item.percent:
                value = min(value, 100.0)
            gap = abs(rng.gauss(0, item.spread / 4))
            kolada = {"county_average": number(value + rng.gauss(0, item.spread / 3)),
                      "rank": rng.randint(1, 290), "rank_of": 290} if item.kolada else {}
            outcomes.append(MeasureOutcome(
                measure=item.measure, year=year, month=12, total=number(value),
                women=number(min(value + gap, 100.0) if item.percent else value + gap),
                men=number(max(value - gap, 0.0) if item.base > 0 else value - gap), **kolada))
        return outcomes

    def write_outcomes(self, pending: list[tuple[MeasureOutcome, bool]]) -> None:
        MeasureOutcome.objects.bulk_create((outcome for outcome, _ in pending), batch_size=BATCH)
        OutcomeBreakdown.objects.bulk_create(
            (OutcomeBreakdown(outcome=outcome, dimension=OutcomeBreakdown.Dimension.AGE_GROUP, label=label,
                              value=number(float(outcome.total or 0) * self.rng.uniform(0.8, 1.2)))
             for outcome, broken_down in pending if broken_down for label in AGE_GROUPS),
            batch_size=BATCH)

    def commitments(self) -> None:
        """Development commitments under goals, activities under them or directly under a goal."""
        world, rng, size = self.world, self.rng, self.size
        commitments: list[Commitment] = []
        for unit in world.units:
            plan = world.plans[unit.pk]
            goals = world.goals.get(plan.pk, [])
            if not goals:
                continue
            count = size.committee_commitments if unit.kind == UnitKind.COMMITTEE else draw(rng, size.unit_commitments)
            commitments += [Commitment(plan=plan, goal=goals[order % len(goals)], order=order, description=TEXT,
                                       name=f"Utvecklingsåtagande {order + 1}: införa nya arbetssätt")
                            for order in range(count)]
        Commitment.objects.bulk_create(commitments, batch_size=BATCH)
        activities: list[Activity] = []
        for commitment in commitments:
            world.commitments.setdefault(commitment.plan_id, []).append(commitment)
            activities += [Activity(plan_id=commitment.plan_id, goal_id=commitment.goal_id, commitment=commitment,
                                    name=f"Aktivitet {order + 1}: genomföra och följa upp", order=order)
                           for order in range(draw(rng, size.activities_per_commitment))]
        for unit in world.units:
            goals = world.goals.get(world.plans[unit.pk].pk, [])
            activities += [Activity(plan=world.plans[unit.pk], goal=goals[0], order=100 + order,
                                    name=f"Aktivitet direkt under målet {order + 1}")
                           for order in range(draw(rng, size.direct_activities) if goals else 0)]
        for activity in Activity.objects.bulk_create(activities, batch_size=BATCH):
            world.activities.setdefault(activity.plan_id, []).append(activity)
