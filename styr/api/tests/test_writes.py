"""Follow-up writes through the API: the table decides, services write with history, conflicts lose nothing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from styr.followup.models import (
    ActivityReport,
    CommitmentReport,
    FollowUpPeriod,
    GoalAssessment,
    MeasureAnalysis,
    MeasureOutcome,
    PeriodKind,
    PeriodProgress,
    ProgressState,
)
from styr.history.models import Change
from styr.organisation.models import Membership, Role
from styr.plans.models import Commitment, UnitOfMeasure
from styr.testing import make_user


def measure_body(**values) -> dict:
    return {"total": None, "women": None, "men": None, "outcome_version": 0, "analysis": "",
            "unjustified_differences": None, "differences_explanation": "", "analysis_version": 0, **values}


@pytest.fixture
def urls(cast):
    base = (cast.plan.pk, cast.period.pk)
    return {
        "goal": reverse("api:goal_assessment", args=[*base, cast.goal.pk]),
        "measure": reverse("api:measure_report", args=[*base, cast.measure.pk]),
    }


@pytest.fixture
def erik(cast):
    """A reporter at the committee itself: he reports values and statuses, but does not assess goals."""
    user = make_user("erik", "Erik")
    Membership.objects.create(user=user, unit=cast.committee, role=Role.REPORTER)
    return user


def test_controller_assesses_a_goal_with_history_and_versions(cast, api, urls):
    assert api.get(urls["goal"]).json()["version"] == 0
    client = api.as_user(cast.alice)
    response = client.put(urls["goal"], {"level": "god", "text": "Målet är nått.", "version": 0}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["level"], response.json()["label"], response.json()["version"]) == ("god", "God", 1)
    response = client.put(urls["goal"], {"level": "mycket-god", "text": "Med råge.", "version": 1}, format="json")
    assert response.json()["version"] == 2
    assessment = GoalAssessment.objects.get(goal=cast.goal, period=cast.period)
    assert (assessment.level.key, assessment.text, assessment.updated_by) == ("mycket-god", "Med råge.", cast.alice)
    changes = list(Change.objects.filter(object_id=str(assessment.pk)).order_by("pk"))
    assert [change.user for change in changes] == [cast.alice, cast.alice]
    assert (changes[1].before["text"], changes[1].after["text"]) == ("Målet är nått.", "Med råge.")


def test_a_stale_version_is_409_with_the_saved_item_and_writes_nothing(cast, api, urls):
    client = api.as_user(cast.alice)
    client.put(urls["goal"], {"level": "god", "text": "Först.", "version": 0}, format="json")
    response = client.put(urls["goal"], {"level": "godtagbar", "text": "Sen.", "version": 0}, format="json",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("Someone else saved this in the meantime.")
    assert (body["current"]["text"], body["current"]["level"], body["current"]["version"]) == ("Först.", "god", 1)
    assert GoalAssessment.objects.get().text == "Först."
    assert Change.objects.count() == 1


def test_who_may_write_what_comes_from_the_table(cast, api, urls, erik):
    goal = {"level": "god", "text": "", "version": 0}
    assert api.put(urls["goal"], goal, format="json").status_code == 401
    for user in (cast.dave, cast.charlie, cast.bob, erik):
        assert api.as_user(user).put(urls["goal"], goal, format="json").status_code == 403, user.username
    for user in (cast.dave, cast.charlie, cast.bob):
        assert api.as_user(user).put(urls["measure"], measure_body(), format="json").status_code == 403, user.username
    response = api.as_user(erik).put(urls["measure"], measure_body(total="111", women=121.5, analysis="Kortare."),
                                     format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["outcome"]["total"] == 111.0
    outcome = MeasureOutcome.objects.get(measure=cast.measure, year=2020, month=12)
    assert (outcome.total, outcome.women, outcome.men) == (Decimal(111), Decimal("121.5"), None)
    assert MeasureAnalysis.objects.get().analysis == "Kortare."
    assert not GoalAssessment.objects.exists()


def test_bad_input_names_each_field_in_swedish_and_writes_nothing(cast, api, urls):
    client = api.as_user(cast.alice)
    response = client.put(urls["measure"], measure_body(total="tolv", men=-4, unjustified_differences=True,
                                                        analysis="Min analys."), format="json")
    assert response.status_code == 400
    assert response.json() == {"total": ["”tolv” är inte ett tal som Styr kan läsa: skriv decimaler med komma och mellanslag mellan tusental, t.ex. 1 250,5."]}
    response = client.put(urls["measure"], measure_body(men=-4, unjustified_differences=True), format="json")
    assert response.json() == {
        "men": ["Värdet måste vara minst 0."],
        "differences_explanation": ["Förklara de omotiverade skillnaderna och vad som görs åt dem."],
    }
    response = client.put(urls["goal"], {"level": "utmärkt", "text": "x"}, format="json")
    assert set(response.json()) == {"level", "version"}
    assert response.json()["version"] == ["Det här fältet är obligatoriskt."]
    assert not MeasureOutcome.objects.exists() and not MeasureAnalysis.objects.exists()
    assert not GoalAssessment.objects.exists() and not Change.objects.exists()


def test_percent_values_above_100_are_refused_as_in_the_form(cast, api, urls):
    cast.measure.unit_of_measure = UnitOfMeasure.PERCENT
    cast.measure.save(update_fields=["unit_of_measure"])
    response = api.as_user(cast.alice).put(urls["measure"], measure_body(total=100.5), format="json")
    assert response.json() == {"total": ["Värdet måste vara mellan 0 och 100."]}


def test_in_english_when_asked(cast, api, urls):
    response = api.as_user(cast.alice).put(urls["measure"], measure_body(men=-4), format="json",
                                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"men": ["The value must be at least 0."]}


def test_the_plan_period_takes_analyses_but_no_outcomes(cast, api):
    plan_period = FollowUpPeriod.objects.create(
        municipality=cast.municipality, year=2020, kind=PeriodKind.PLAN, slug="vp", name="Verksamhetsplan",
        as_of=datetime.date(2019, 11, 30),
    )
    address = reverse("api:measure_report", args=[cast.plan.pk, plan_period.pk, cast.measure.pk])
    client = api.as_user(cast.alice)
    assert client.get(address).json()["values_editable"] is False
    response = client.put(address, measure_body(total=10), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["total"]
    response = client.put(address, measure_body(analysis="Planerad analys."), format="json")
    assert response.status_code == 200
    assert response.json()["outcome"] is None and response.json()["analysis"]["version"] == 1


def test_a_measure_conflict_returns_both_saved_parts(cast, api, urls):
    client = api.as_user(cast.alice)
    client.put(urls["measure"], measure_body(total=100, analysis="Först."), format="json")
    response = client.put(urls["measure"], measure_body(total=90, analysis="Min."), format="json")
    assert response.status_code == 409
    current = response.json()["current"]
    assert (current["outcome"]["total"], current["outcome"]["version"]) == (100.0, 1)
    assert (current["analysis"]["analysis"], current["analysis"]["version"]) == ("Först.", 1)
    assert MeasureOutcome.objects.get().total == Decimal(100)


def test_commitment_and_activity_statuses(cast, api, erik):
    commitment = Commitment.objects.create(plan=cast.plan, goal=cast.goal, name="Ny arbetsmodell")
    activity = cast.plan.activities.create(goal=cast.goal, commitment=commitment, name="Utbilda personalen")
    base = (cast.plan.pk, cast.period.pk)
    client = api.as_user(erik)
    response = client.put(reverse("api:commitment_status", args=[*base, commitment.pk]),
                          {"status": "klart", "comment": "Klart i maj.", "version": 0}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["status_label"]) == ("klart", "Klart")
    response = client.put(reverse("api:activity_status", args=[*base, activity.pk]),
                          {"status": None, "comment": "Inte påbörjad.", "version": 0}, format="json")
    assert (response.json()["status"], response.json()["version"]) == (None, 1)
    assert CommitmentReport.objects.get().comment == "Klart i maj."
    assert ActivityReport.objects.get().comment == "Inte påbörjad."
    response = client.put(reverse("api:commitment_status", args=[*base, commitment.pk]),
                          {"status": "finns-inte", "comment": "", "version": 1}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["status"]
    # An activity of another plan is not found through this plan.
    other = reverse("api:activity_status", args=[*base, activity.pk + 1000])
    assert client.get(other).status_code == 404


def test_session_users_need_the_csrf_token(cast, urls):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cast.alice)
    body = {"level": "god", "text": "", "version": 0}
    response = client.put(urls["goal"], body, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert client.get(urls["goal"]).status_code == 200
    assert not GoalAssessment.objects.exists()


def test_a_bad_token_is_401(cast, api, urls):
    api.credentials(HTTP_AUTHORIZATION="Token nonsense")
    assert api.get(urls["goal"]).status_code == 401


def test_a_period_marked_ready_is_closed_to_reporters_but_not_to_the_controller(cast, api, urls, erik):
    PeriodProgress.objects.create(plan=cast.plan, period=cast.period, state=ProgressState.READY)
    assert api.as_user(erik).put(urls["measure"], measure_body(total=5), format="json").status_code == 403
    assert api.as_user(cast.alice).put(urls["measure"], measure_body(total=5), format="json").status_code == 200
    state = api.get(reverse("api:plan_followup", args=[cast.plan.pk, cast.period.pk])).json()["state"]
    assert state == "ready"


def test_a_decided_period_takes_only_amendments_with_a_reason(cast, api, urls, erik):
    PeriodProgress.objects.create(plan=cast.plan, period=cast.period, state=ProgressState.DECIDED,
                                  decided_on=datetime.date(2021, 2, 23), decision_paragraph="§ 12")
    body = {"level": "god", "text": "Rättat.", "version": 0}
    assert api.as_user(erik).put(urls["goal"], body, format="json").status_code == 403
    client = api.as_user(cast.alice)
    response = client.put(urls["goal"], body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"amendment_reason": ["The period is decided: give the reason for the amendment."]}
    assert not GoalAssessment.objects.exists()
    response = client.put(urls["goal"], {**body, "amendment_reason": "Fel nivå i beslutet."}, format="json")
    assert response.status_code == 200
    assert Change.objects.get().reason == "Fel nivå i beslutet."


def test_texts_are_cleaned_and_one_over_the_limit_is_400_naming_the_field(cast, api, urls):
    client = api.as_user(cast.alice)
    response = client.put(urls["measure"], measure_body(total=111, analysis="å" * 100_001), format="json")
    assert response.status_code == 400
    assert response.json() == {"analysis": [
        "analysis är 100\u00a0001 tecken lång; högst 100\u00a0000 tecken får plats. Korta texten och spara igen."]}
    assert not MeasureOutcome.objects.exists() and not Change.objects.exists()
    response = client.put(urls["measure"], measure_body(analysis="\uf0b7\tKortare kö\x0b\r\n" + "å" * 99_980),
                          format="json")
    assert response.status_code == 200, response.json()
    assert MeasureAnalysis.objects.get().analysis == "•\tKortare kö\n" + "å" * 99_980


def test_a_number_as_a_string_is_read_as_swedes_write_it(cast, api, urls):
    client = api.as_user(cast.alice)
    response = client.put(urls["measure"], measure_body(total="1 250,5"), format="json")
    assert response.status_code == 200, response.json()
    assert MeasureOutcome.objects.get().total == Decimal("1250.5")
    response = client.put(urls["measure"], measure_body(total="1.250", outcome_version=1), format="json")
    assert response.status_code == 400
    assert "”1.250”" in response.json()["total"][0]
    assert MeasureOutcome.objects.get().total == Decimal("1250.5")
