"""Reading through the API: what is published is public, drafts need a role, answers carry the plan's figures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from styr.followup.models import (
    AssessmentLevel,
    CommitmentReport,
    FollowUpPeriod,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    PeriodKind,
    StatusOption,
)
from styr.plans.models import Commitment, Plan, PlanStatus, Target, TargetKind


def url(name: str, *args) -> str:
    return reverse(name, args=args)


@pytest.fixture
def draft(cast) -> Plan:
    """Next year's plan, still a draft, which uses the same measure with its own target."""
    plan = Plan.objects.create(unit=cast.committee, year=2021, status=PlanStatus.DRAFT)
    goal = plan.goals.create(council_goal=cast.council_goal, slug="utkast", name="Utkastmål")
    goal.goal_measures.create(measure=cast.measure)
    Target.objects.create(measure=cast.measure, year=2021, kind=TargetKind.NUMBER, value=Decimal(40))
    MeasureOutcome.objects.create(measure=cast.measure, year=2021, month=4, total=Decimal(50))
    return plan


def test_anonymous_sees_published_municipalities_plans_and_units(cast, api):
    assert [row["slug"] for row in api.get(url("api:municipalities")).json()["results"]] == ["testby"]
    detail = api.get(url("api:municipality", "testby")).json()
    assert [level["key"] for level in detail["assessment_levels"]] == ["mycket-god", "god", "godtagbar", "ej-godtagbar"]
    assert "klart" in {status["key"] for status in detail["statuses"]}
    assert detail["vocabulary"]["committee_goal"] == "Nämndmål"
    units = api.get(url("api:units", "testby")).json()["results"]
    assert {unit["slug"]: unit["parent"] for unit in units} == {
        "socialnamnden": None, "barnenheten": cast.committee.pk,
    }
    plans = api.get(url("api:unit_plans", cast.committee.pk)).json()["results"]
    assert [(plan["id"], plan["year"], plan["status"]) for plan in plans] == [(cast.plan.pk, 2020, "published")]


def test_a_municipality_that_does_not_publish_is_closed_to_anonymous_visitors(cast, api):
    cast.municipality.publish_without_login = False
    cast.municipality.save(update_fields=["publish_without_login"])
    assert api.get(url("api:municipalities")).json()["results"] == []
    response = api.get(url("api:municipality", "testby"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert api.get(url("api:plan", cast.plan.pk)).status_code == 401
    assert api.as_user(cast.dave).get(url("api:plan", cast.plan.pk)).status_code == 403
    assert api.as_user(cast.charlie).get(url("api:plan", cast.plan.pk)).status_code == 200
    assert [row["slug"] for row in api.get(url("api:municipalities")).json()["results"]] == ["testby"]


def test_draft_plans_are_read_only_by_role_holders(cast, api, draft):
    assert api.get(url("api:plan", draft.pk)).status_code == 401
    assert [plan["year"] for plan in api.get(url("api:unit_plans", cast.committee.pk)).json()["results"]] == [2020]
    assert api.as_user(cast.dave).get(url("api:plan", draft.pk)).status_code == 403
    # Bob reports for a unit below the committee: he reads the committee's plans, drafts too.
    assert api.as_user(cast.bob).get(url("api:plan", draft.pk)).status_code == 200
    assert [plan["year"] for plan in api.get(url("api:unit_plans", cast.committee.pk)).json()["results"]] == [2021, 2020]


def test_unknown_items_are_404(cast, api):
    for address in (url("api:municipality", "nowhere"), url("api:plan", 999999), url("api:unit_plans", 999999),
                    url("api:measure", 999999), url("api:plan_followup", cast.plan.pk, 999999)):
        assert api.get(address).status_code == 404, address


def test_a_period_of_another_year_is_not_the_plans(cast, api):
    other = FollowUpPeriod.objects.create(
        municipality=cast.municipality, year=2019, kind=PeriodKind.ANNUAL_REPORT, slug="vb",
        name="Verksamhetsberättelse", as_of=datetime.date(2019, 12, 31),
    )
    assert api.get(url("api:plan_followup", cast.plan.pk, other.pk)).status_code == 404


def test_periods_by_year_and_a_bad_year_is_400(cast, api):
    assert [p["slug"] for p in api.get(url("api:periods", "testby"), {"year": 2020}).json()["results"]] == ["vb"]
    assert api.get(url("api:periods", "testby"), {"year": 2019}).json()["results"] == []
    response = api.get(url("api:periods", "testby"), {"year": "tjugo"})
    assert response.status_code == 400
    assert response.json() == {"year": ["Ett giltigt heltal krävs."]}


def test_plan_structure_holds_goals_measures_commitments_and_activities(cast, api):
    commitment = Commitment.objects.create(plan=cast.plan, goal=cast.goal, name="Ny arbetsmodell")
    cast.plan.activities.create(goal=cast.goal, commitment=commitment, name="Utbilda personalen")
    cast.plan.activities.create(goal=cast.goal, name="Egen aktivitet")
    body = api.get(url("api:plan", cast.plan.pk)).json()
    assert body["plan"]["municipality"] == "testby"
    assert [period["slug"] for period in body["periods"]] == ["vb"]
    (council_goal,) = body["council_goals"]
    assert (council_goal["key"], council_goal["included"]) == ("god-omsorg", True)
    (goal,) = council_goal["goals"]
    assert goal["name"] == "Fler upplever god vård och omsorg"
    assert [measure["slug"] for measure in goal["measures"]] == ["utredningstid"]
    assert [(c["name"], [a["name"] for a in c["activities"]]) for c in goal["commitments"]] == [
        ("Ny arbetsmodell", ["Utbilda personalen"])
    ]
    assert [activity["name"] for activity in goal["activities"]] == ["Egen aktivitet"]


def test_followup_of_a_period_has_assessments_results_and_statuses(cast, api):
    god = AssessmentLevel.objects.get(scale__municipality=cast.municipality, key="god")
    GoalAssessment.objects.create(goal=cast.goal, period=cast.period, level=god, text="Nått.")
    Target.objects.create(measure=cast.measure, year=2020, kind=TargetKind.NUMBER, value=Decimal(120))
    MeasureOutcome.objects.create(measure=cast.measure, year=2019, month=12, total=Decimal(130))
    MeasureOutcome.objects.create(
        measure=cast.measure, year=2020, month=12, total=Decimal(111), women=Decimal("121.5"), men=Decimal(100),
        county_average=Decimal(115), rank=5, rank_of=26,
    )
    MeasureAnalysis.objects.create(measure=cast.measure, period=cast.period, analysis="Kortare tider.")
    commitment = Commitment.objects.create(plan=cast.plan, goal=cast.goal, name="Ny arbetsmodell")
    CommitmentReport.objects.create(
        commitment=commitment, period=cast.period, comment="Klart i maj.",
        status=StatusOption.objects.get(municipality=cast.municipality, key="klart"),
    )
    body = api.get(url("api:plan_followup", cast.plan.pk, cast.period.pk)).json()
    assert body["period"]["kind"] == "annual_report"
    assert body["counts"] == {"met": 1, "missed": 0, "not_judged": 0}
    goal = body["council_goals"][0]["goals"][0]
    assert (goal["assessment"]["level"], goal["assessment"]["label"], goal["assessment"]["text"]) == ("god", "God", "Nått.")
    assert body["council_goals"][0]["suggested_level"] == "god"
    (result,) = goal["results"]
    assert (result["trend"], result["met"], result["target"]["value"]) == ("positive", True, 120.0)
    current = result["outcomes"][0]
    assert (current["year"], current["total"], current["women"], current["men"]) == (2020, 111.0, 121.5, 100.0)
    assert (current["county_average"], current["rank"], current["rank_of"]) == (115.0, 5, 26)
    assert [outcome["year"] for outcome in result["outcomes"]] == [2020, 2019]
    assert result["analysis"]["analysis"] == "Kortare tider."
    assert [(item["name"], item["report"]["status"], item["report"]["comment"]) for item in body["commitments"]] == [
        ("Ny arbetsmodell", "klart", "Klart i maj.")
    ]
    assert body["report"] is None


def test_a_measure_shows_only_the_years_of_readable_plans(cast, api, draft):
    Target.objects.create(measure=cast.measure, year=2020, kind=TargetKind.NUMBER, value=Decimal(120))
    MeasureOutcome.objects.create(measure=cast.measure, year=2020, month=12, total=Decimal(111))
    public = api.get(url("api:measure", cast.measure.pk)).json()
    assert [target["year"] for target in public["targets"]] == [2020]
    assert [(outcome["year"], outcome["month"]) for outcome in public["outcomes"]] == [(2020, 12)]
    insider = api.as_user(cast.charlie).get(url("api:measure", cast.measure.pk)).json()
    assert [target["year"] for target in insider["targets"]] == [2020, 2021]
    assert [(outcome["year"], outcome["month"]) for outcome in insider["outcomes"]] == [(2020, 12), (2021, 4)]


def test_a_measure_in_no_readable_plan_is_refused(cast, api, draft):
    orphan = cast.committee.measures.create(slug="ny", name="Nytt mått", unit_of_measure="count", direction="higher")
    draft.goals.get().goal_measures.create(measure=orphan)
    assert api.get(url("api:measure", orphan.pk)).status_code == 401
    assert api.as_user(cast.dave).get(url("api:measure", orphan.pk)).status_code == 403


def test_a_result_holds_the_years_outcomes_and_the_judgement_beside_the_suggestion(cast, api):
    Target.objects.create(measure=cast.measure, year=2020, kind=TargetKind.DECREASE, value=Decimal(100))
    MeasureOutcome.objects.create(measure=cast.measure, year=2020, month=4, total=Decimal(115))
    MeasureOutcome.objects.create(measure=cast.measure, year=2020, month=12, total=Decimal(111),
                                  reference_value=Decimal(98), reference_label="Riket")
    MeasureAnalysis.objects.create(measure=cast.measure, period=cast.period, target_met=True, forecast=Decimal(110))
    body = api.get(url("api:plan_followup", cast.plan.pk, cast.period.pk)).json()
    (result,) = body["council_goals"][0]["goals"][0]["results"]
    assert (result["met"], result["judged_met"], result["suggested_met"]) == (True, True, False)
    assert [(outcome["month"], outcome["total"]) for outcome in result["year_outcomes"]] == [(4, 115.0), (12, 111.0)]
    assert (result["outcomes"][0]["reference_value"], result["outcomes"][0]["reference_label"]) == (98.0, "Riket")
    assert (result["analysis"]["forecast"], result["analysis"]["target_met"]) == (110.0, True)
