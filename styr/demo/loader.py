"""Loads the demo municipality (Huddinge) and committee (Socialnämnden 2020, seed 001) from YAML files.

The data files in `data/` are the source; this module only maps their keys onto the models.
"""

import re
from decimal import Decimal
from pathlib import Path

import yaml
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.text import slugify

from styr.control.models import (
    AuditAction,
    AuditActionReport,
    AuditReview,
    ContractFollowUp,
    ContractKind,
    ContractState,
    ControlReport,
    Risk,
    RiskAction,
    RiskActionReport,
)
from styr.control.presets import install_control_categories, install_quality_categories
from styr.documents.logo import logo_svg
from styr.documents.models import CoverLogo
from styr.economy.models import (
    ActivityArea,
    Amount,
    AmountKind,
    AreaReport,
    EconomyReport,
    Equity,
    Investment,
    ReportRow,
)
from styr.economy.presets import install_economy_criteria, install_report_rows
from styr.economy.services import derive_outcomes
from styr.followup.models import (
    AssessmentLevel,
    CommitmentReport,
    CouncilGoalAssessment,
    FollowUpPeriod,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    PeriodReport,
    StatusOption,
)
from styr.followup.presets import calendar_periods, install_presets
from styr.kpis.services import import_demo_comparisons
from styr.organisation.memberships import controller_group
from styr.organisation.models import (
    ComparisonMunicipality,
    Membership,
    Municipality,
    OrganisationUnit,
    Role,
)
from styr.plans.models import (
    Commitment,
    CouncilGoal,
    CouncilGoalChoice,
    CouncilGoalGroup,
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
from styr.statistics.models import (
    StatisticsComment,
    StatisticsRow,
    StatisticsTable,
    StatisticsUnit,
    StatisticsValue,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "styr-demo-2020"
DEMO_USERS = [
    # username, first name, last name, role at the committee
    ("controller", "Karin", "Kontroller", Role.CONTROLLER),
    ("enhetschef", "Erik", "Enhetschef", Role.REPORTER),
    ("politiker", "Pia", "Politiker", Role.READER),
]
TARGET_KINDS = {
    "number": TargetKind.NUMBER,
    "increase": TargetKind.INCREASE,
    "decrease": TargetKind.DECREASE,
    "above_county_average": TargetKind.ABOVE_COUNTY_AVERAGE,
    "reported_in_annual_report": TargetKind.REPORTED_IN_ANNUAL_REPORT,
}


class DemoDataError(ValueError):
    """A demo data file lacks a key or holds a value the models refuse."""


def _read(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _decimal(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _periods(municipality: Municipality, year: int) -> dict[str, FollowUpPeriod]:
    return {period.slug: period for period in FollowUpPeriod.objects.bulk_create(calendar_periods(municipality, year))}


def _units(municipality: Municipality, specs: list[dict], parent: OrganisationUnit) -> None:
    for order, spec in enumerate(specs):
        unit = OrganisationUnit.objects.create(
            municipality=municipality, parent=parent, kind=spec["kind"], name=spec["name"], slug=spec["slug"],
            order=order,
        )
        _units(municipality, spec.get("children", []), unit)


def _period_type(outcomes: list[dict]) -> str:
    if any(outcome.get("rolling_12") for outcome in outcomes):
        return PeriodType.ROLLING_12
    if any(outcome.get("as_of_month") for outcome in outcomes):
        return PeriodType.POINT_IN_TIME
    return PeriodType.YEAR


class Loader:
    def __init__(self, municipality: Municipality, committee: OrganisationUnit, periods: dict[str, FollowUpPeriod]):
        self.municipality = municipality
        self.committee = committee
        self.periods = periods
        self.levels = {level.key: level for level in AssessmentLevel.objects.filter(scale__municipality=municipality)}
        self.statuses = {status.key: status for status in StatusOption.objects.filter(municipality=municipality)}

    def assessment_fields(self, spec: dict | None) -> dict:
        if not spec:
            return {}
        try:
            return {
                "level": self.levels[spec["level"]] if spec.get("level") else None,
                "upper_level": self.levels[spec["upper_level"]] if spec.get("upper_level") else None,
                "text": (spec.get("text") or "").strip(),
            }
        except KeyError as missing:
            raise DemoDataError(f"unknown assessment level {missing}") from None

    def measure(self, goal: Goal, order: int, spec: dict, year: int) -> None:
        outcomes = spec.get("outcomes") or []
        measure = Measure.objects.create(
            unit=self.committee, slug=spec["key"], name=spec["name"], description=(spec.get("description") or "").strip(),
            unit_of_measure=spec["unit"], direction=spec["direction"], kind=spec.get("kind", MeasureKind.MEASURE),
            period_type=_period_type(outcomes), source=spec.get("source") or "", kolada_kpi=spec.get("kolada_kpi") or "",
            ledger_figure=spec.get("ledger_figure") or "", trend_threshold=_decimal(spec.get("trend_threshold")) or Decimal(0),
        )
        GoalMeasure.objects.create(goal=goal, measure=measure, order=order)
        for target in spec.get("targets") or []:
            kind = TARGET_KINDS.get(target["kind"])
            if kind is None:
                raise DemoDataError(f"measure {spec['key']}: unknown target kind {target['kind']!r}")
            Target.objects.create(
                measure=measure, year=target["year"], kind=kind, comparator=target.get("comparator", ""),
                value=_decimal(target.get("value")),
            )
        MeasureOutcome.objects.bulk_create(
            MeasureOutcome(
                measure=measure, year=outcome["year"], month=outcome.get("as_of_month") or 12,
                total=_decimal(outcome.get("total")), women=_decimal(outcome.get("women")),
                men=_decimal(outcome.get("men")), county_average=_decimal(outcome.get("county_average")),
                rank=outcome.get("rank"), rank_of=outcome.get("rank_of"),
            )
            for outcome in outcomes
            if not (measure.ledger_figure and outcome["year"] == year)  # derived from the year's ledger instead
        )
        if spec.get("analysis") or "unjustified_differences" in spec:
            MeasureAnalysis.objects.create(
                measure=measure, period=self.periods["vb"], analysis=(spec.get("analysis") or "").strip(),
                unjustified_differences=spec.get("unjustified_differences"),
                differences_explanation=(spec.get("differences_explanation") or "").strip(),
            )

    def commitment(self, plan: Plan, goal: Goal, order: int, spec: dict) -> None:
        commitment = Commitment.objects.create(
            plan=plan, goal=goal, name=spec["name"], description=(spec.get("description") or "").strip(), order=order
        )
        status = spec.get("status")
        if status or spec.get("comment"):
            CommitmentReport.objects.create(
                commitment=commitment, period=self.periods["vb"],
                status=self.statuses[status] if status else None, comment=(spec.get("comment") or "").strip(),
            )
        for activity_order, activity in enumerate(spec.get("activities") or []):
            plan.activities.create(
                goal=goal, commitment=commitment, name=activity["name"],
                description=(activity.get("description") or "").strip(), order=activity_order,
            )

    def committee_year(self, data: dict) -> Plan:
        year = data["year"]
        plan = Plan.objects.create(unit=self.committee, year=year, status=PlanStatus.PUBLISHED)
        council_goals = {goal.key: goal for goal in self.municipality.council_goals.all()}
        for spec in data["council_goals"]:
            council_goal = council_goals[spec["key"]]
            choice = CouncilGoalChoice.objects.create(
                plan=plan, council_goal=council_goal, included=spec.get("included", True),
                exclusion_reason=(spec.get("exclusion_reason") or "").strip(),
            )
            if spec.get("assessment"):
                CouncilGoalAssessment.objects.create(
                    choice=choice, period=self.periods["vb"], **self.assessment_fields(spec["assessment"])
                )
            for order, goal_spec in enumerate(spec.get("committee_goals") or []):
                goal = Goal.objects.create(
                    plan=plan, council_goal=council_goal, slug=goal_spec["key"], name=goal_spec["name"],
                    interpretation=(goal_spec.get("interpretation") or "").strip(),
                    priorities=(goal_spec.get("priorities") or "").strip(),
                    core_mission=(goal_spec.get("core_mission") or "").strip(), order=order,
                )
                if goal_spec.get("assessment"):
                    GoalAssessment.objects.create(
                        goal=goal, period=self.periods["vb"], **self.assessment_fields(goal_spec["assessment"])
                    )
                for measure_order, measure_spec in enumerate(goal_spec.get("measures") or []):
                    self.measure(goal, measure_order, measure_spec, year)
                for commitment_order, commitment_spec in enumerate(goal_spec.get("commitments") or []):
                    self.commitment(plan, goal, commitment_order, commitment_spec)
        report = data.get("annual_report") or {}
        PeriodReport.objects.create(
            plan=plan, period=self.periods["vb"], **self.assessment_fields(report.get("overall_assessment")),
            summary=(report.get("summary") or "").strip(),
            events="\n".join(report.get("events") or []), events_text=(report.get("events_text") or "").strip(),
            improvement_areas="\n".join(report.get("improvement_areas") or []),
            comparison_text=(report.get("comparison_text") or "").strip(),
        )
        return plan


def _text(spec: dict, key: str) -> str:
    return (spec.get(key) or "").strip()


def _review_year(spec: dict, year: int) -> int:
    """The review's year, else the year of its first case number ("SN 2019/1703"), else the plan's."""
    found = re.search(r"(\d{4})/", " ".join(spec.get("case_numbers") or []))
    return spec.get("year") or (int(found.group(1)) if found else year)


class ControlLoader:
    """The committee's internal control of the year (data/*-control.yaml), reported in the annual report."""

    def __init__(self, plan: Plan, period: FollowUpPeriod, statuses: dict[str, StatusOption]):
        self.plan, self.period, self.statuses = plan, period, statuses
        self.goals = {goal.name: goal for goal in plan.goals.all()}

    def status(self, spec: dict) -> dict:
        key = spec.get("status") or ""
        if key and key not in self.statuses:
            raise DemoDataError(f"unknown status {key!r}")
        return {"status": self.statuses.get(key), "comment": _text(spec, "comment")}

    def risk(self, order: int, spec: dict) -> None:
        if spec["goal"] not in self.goals:
            raise DemoDataError(f"risk {spec['key']}: no goal named {spec['goal']!r}")
        risk = Risk.objects.create(plan=self.plan, goal=self.goals[spec["goal"]], risk=spec["risk"].strip(),
                                   background=_text(spec, "background"), effects=_text(spec, "effects"),
                                   owner=_text(spec, "owner"), order=order)
        for action_order, action_spec in enumerate(spec.get("actions") or []):
            action = RiskAction.objects.create(risk=risk, text=action_spec["action"].strip(), order=action_order)
            RiskActionReport.objects.create(action=action, period=self.period, **self.status(action_spec))

    def review(self, order: int, spec: dict, recommendations: list[str]) -> None:
        review = AuditReview.objects.create(
            plan=self.plan, name=spec["review"].strip(), reviewer=_text(spec, "reviewer"),
            year=_review_year(spec, self.plan.year), case_numbers="\n".join(spec.get("case_numbers") or []),
            background=_text(spec, "background"), recommendations="\n".join(recommendations), order=order,
        )
        for action_order, action_spec in enumerate(spec.get("actions") or []):
            action = AuditAction.objects.create(review=review, text=action_spec["action"].strip(), order=action_order)
            AuditActionReport.objects.create(action=action, period=self.period, **self.status(action_spec))

    def contracts(self, plan_data: dict) -> None:
        """The plan's follow-ups of contracts and own units in competition; a postponed one's result is its reason."""
        kinds = {"avtal": ContractKind.PRIVATE, "egen-regi": ContractKind.OWN_IN_COMPETITION}
        for order, spec in enumerate((plan_data.get("follow_up") or {}).get("items") or []):
            if spec["kind"] not in kinds or spec.get("state", "planned") not in ContractState.values:
                raise DemoDataError(f"follow-up {spec['what']!r}: unknown kind or state")
            state = ContractState(spec.get("state", "planned"))
            text = _text(spec, "result")
            ContractFollowUp.objects.create(
                plan=self.plan, contract=spec["what"].strip(), kind=kinds[spec["kind"]], planned_period=self.period,
                state=state, postponed_reason=text if state == ContractState.POSTPONED else "",
                result="" if state == ContractState.POSTPONED else text, order=order)

    def load(self, data: dict) -> None:
        risks, audits, controls = data["risk_reducing_actions"], data["audit_actions"], data["systematic_controls"]
        for order, spec in enumerate(risks.get("risks") or []):
            self.risk(order, spec)
        for order, spec in enumerate(audits.get("reviews") or []):
            self.review(order, spec, audits.get("recommendations") or [])
        self.contracts(data.get("follow_up_plan") or {})
        ControlReport.objects.create(
            plan=self.plan, period=self.period, introduction=_text(data, "introduction"),
            summary=_text(data["summary"], "text"), risks_text=_text(risks, "text"), audits_text=_text(audits, "text"),
            controls_text=_text(controls, "text"),
        )


# Which unit reports each activity area's forecast (the seed names the areas, not their units; the
# committee where no unit is named), and the areas financed apart ("exklusive ensamkommande").
AREA_UNITS = {"Socialpsykiatri": "socialpsykiatri", "Vård och behandling": "ifo",
              "Ensamkommande barn och unga": "ifo", "Förvaltningsgemensamma kostnader": "socialforvaltningen"}
RING_FENCED = {"Ensamkommande barn och unga"}
COLUMN_KINDS = {"budget": AmountKind.BUDGET, "outcome": AmountKind.OUTCOME, "previous_outcome": AmountKind.PREVIOUS_OUTCOME}


def _kr(value) -> Decimal:
    return Decimal(str(value)) * 1000


class EconomyLoader:
    """The committee's economy of the year (data/*-economy.yaml, in tkr) as amounts of the whole year: the
    seed prints the two marginals (by type, by activity area), so each is loaded on its own dimension."""

    def __init__(self, committee: OrganisationUnit, period: FollowUpPeriod):
        self.committee, self.period, self.year = committee, period, period.year
        self.units = {unit.slug: unit for unit in OrganisationUnit.objects.filter(municipality=committee.municipality)}

    def amounts(self, spec: dict, **target) -> list[Amount]:
        return [Amount(unit=self.committee, year=self.year, month=12 if kind == AmountKind.OUTCOME else 0, kind=kind,
                       amount=_kr(spec[column]), **target)
                for column, kind in COLUMN_KINDS.items() if spec.get(column) is not None]

    def equity(self, table: dict) -> None:
        results = [row for row in table["rows"] if row["kind"] == "result"]
        result, excluding, withdrawal = results[0], results[1], results[2]
        opening = {row["name"]: row for row in table["equity"]}["IB eget kapital"]
        Equity.objects.create(unit=self.committee, year=self.year - 1, opening=_kr(opening["previous_outcome"]),
                              withdrawal=_kr(withdrawal["previous_outcome"]),
                              closed_result=_kr(result["previous_outcome"]),
                              closed_result_excluding=_kr(excluding["previous_outcome"]))
        Equity.objects.create(unit=self.committee, year=self.year, opening=_kr(opening["outcome"]),
                              budgeted_withdrawal=_kr(withdrawal["budget"]), withdrawal=_kr(withdrawal["outcome"]))

    def load(self, data: dict) -> None:
        rows = {(row.kind, row.name): row for row in ReportRow.objects.filter(municipality=self.committee.municipality)}
        amounts: list[Amount] = []
        for spec in data["operating_statement_by_type"]["rows"]:
            if spec["kind"] in ("revenue", "cost"):
                if (spec["kind"], spec["name"]) not in rows:
                    raise DemoDataError(f"no {spec['kind']} row named {spec['name']!r}")
                amounts += self.amounts(spec, row=rows[(spec["kind"], spec["name"])])
        comments = {section["activity"]: section["text"].strip() for section in data["activity_comments"]["sections"]}
        areas = [spec for spec in data["operating_statement_by_activity"]["rows"] if spec["kind"] == "activity"]
        for order, spec in enumerate(areas):
            area = ActivityArea.objects.create(
                committee=self.committee, unit=self.units.get(AREA_UNITS.get(spec["name"], ""), self.committee),
                key=slugify(spec["name"]), name=spec["name"], ring_fenced=spec["name"] in RING_FENCED, order=order)
            amounts += self.amounts(spec, area=area)
            if spec["name"] in comments:
                AreaReport.objects.create(area=area, period=self.period, comment=comments.pop(spec["name"]))
        if comments:
            raise DemoDataError(f"comments on unknown activity areas: {sorted(comments)}")
        Amount.objects.bulk_create(amounts)
        self.equity(data["operating_statement_by_type"])
        investments = data["investments"]
        for order, spec in enumerate(row for row in investments["rows"] if row["kind"] == "project"):
            Investment.objects.create(unit=self.committee, year=self.year, name=spec["name"], budget=_kr(spec["budget"]),
                                      outcome=_kr(spec["outcome"]), order=order)
        EconomyReport.objects.create(unit=self.committee, period=self.period,
                                     result_comment=_text(data["result_comments"], "text"),
                                     investment_comment=_text(investments, "text"))


STATISTICS_UNITS = {"antal": StatisticsUnit.COUNT, "årsplaceringar": StatisticsUnit.PLACEMENT_YEARS}


def load_statistics(committee: OrganisationUnit, period: FollowUpPeriod, data: dict) -> None:
    """The committee's activity statistics (data/*-statistics.yaml): the tables, and their values as of the
    period's month in each year printed (a table without a unit is reported by the committee)."""
    units = {unit.slug: unit for unit in OrganisationUnit.objects.filter(municipality=committee.municipality)}
    values: list[StatisticsValue] = []
    for order, spec in enumerate(data["tables"]):
        table = StatisticsTable.objects.create(committee=committee, unit=units.get(spec["unit_slug"], committee),
                                               key=spec["key"], title=spec["title"], area=data["area"], order=order)
        for row_order, row_spec in enumerate(spec["rows"]):
            unit = STATISTICS_UNITS[row_spec["unit"]]
            row = StatisticsRow.objects.create(table=table, section=row_spec["section"], name=row_spec["name"],
                                               unit=unit, decimals=1 if unit == StatisticsUnit.PLACEMENT_YEARS else 0,
                                               order=row_order)
            values += [StatisticsValue(row=row, year=year, month=period.as_of.month, value=Decimal(str(value)))
                       for year, value in row_spec["values"].items()]
    StatisticsValue.objects.bulk_create(values)
    StatisticsComment.objects.create(unit=committee, period=period, text=data["comment"].strip())


def _municipality(data: dict) -> Municipality:
    spec = data["municipality"]
    municipality = Municipality.objects.create(
        name=spec["name"], short_name=spec["short_name"], slug=spec["slug"], kolada_id=spec["kolada_id"],
        vision=spec.get("vision", ""), vision_text=(spec.get("vision_text") or "").strip(),
        assessment_criteria=(data.get("assessment_criteria") or "").strip(),
        publish_without_login=spec.get("publish_without_login", False),
    )
    if spec.get("logo"):
        CoverLogo.objects.create(municipality=municipality, svg=logo_svg((DATA_DIR / spec["logo"]).read_bytes()),
                                 alt=spec["logo_alt"])
    install_presets(municipality, scale=spec.get("assessment_scale", "huddinge"))
    install_control_categories(municipality)
    install_report_rows(municipality)
    install_economy_criteria(municipality)
    install_quality_categories(municipality)
    ComparisonMunicipality.objects.bulk_create(
        ComparisonMunicipality(municipality=municipality, kolada_id=item["kolada_id"], name=item["name"])
        for item in spec.get("comparison_municipalities") or []
    )
    groups = {
        spec["name"]: CouncilGoalGroup.objects.create(municipality=municipality, order=order, **spec)
        for order, spec in enumerate(data["council_goal_groups"], start=1)
    }
    CouncilGoal.objects.bulk_create(
        CouncilGoal(municipality=municipality, key=goal["key"], name=goal["name"], group=groups[goal["group"]],
                    number=str(goal.get("number", "")), order=order)
        for order, goal in enumerate(data["council_goals"])
    )
    return municipality


def _demo_users(committee: OrganisationUnit) -> list[User]:
    users = []
    controllers = controller_group()
    for username, first_name, last_name, role in DEMO_USERS:
        user = User.objects.create_user(
            username, f"{username}@huddinge.example", DEMO_PASSWORD, first_name=first_name, last_name=last_name,
            is_staff=role == Role.CONTROLLER,
        )
        Membership.objects.create(user=user, unit=committee, role=role)
        if role == Role.CONTROLLER:
            user.groups.add(controllers)
        users.append(user)
    return users


@transaction.atomic
def load_demo() -> Municipality:
    """Create Huddinge with Socialnämnden's year 2020; all or nothing."""
    try:
        municipality = _municipality(_read("huddinge.yaml"))
        data = _read("socialnamnden-2020.yaml")
        organisation = data["organisation"]
        committee = OrganisationUnit.objects.create(
            municipality=municipality, kind=organisation.get("kind", "committee"), name=organisation["name"],
            slug=organisation["slug"], responsibility=(organisation.get("responsibility") or "").strip(),
        )
        _units(municipality, organisation.get("units") or [], committee)
        periods = _periods(municipality, data["year"])
        loader = Loader(municipality, committee, periods)
        plan = loader.committee_year(data)
        ControlLoader(plan, periods["vb"], loader.statuses).load(_read("socialnamnden-2020-control.yaml"))
        EconomyLoader(committee, periods["vb"]).load(_read("socialnamnden-2020-economy.yaml"))
        derive_outcomes(user=None, unit=committee, year=data["year"])  # "Sund ekonomi" from the ledger
        load_statistics(committee, periods["vb"], _read("socialnamnden-2020-statistics.yaml"))
        _demo_users(committee)
        # Rankings and county averages are not typed in: they come from recorded Kolada responses.
        import_demo_comparisons(municipality=municipality)
    except KeyError as missing:
        raise DemoDataError(f"demo data lacks the key {missing}") from None
    return municipality
