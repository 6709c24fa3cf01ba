"""Bodies no write can use answer 400 and write nothing: JSON nested too deep, NUL characters."""

import pytest
from django.urls import reverse

from styr.followup.models import GoalAssessment
from styr.history.models import Change


@pytest.fixture
def goal_url(cast):
    return reverse("api:goal_assessment", args=[cast.plan.pk, cast.period.pk, cast.goal.pk])


def put(api, cast, url, body: str):
    return api.as_user(cast.alice).put(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("body", [
    "[" * 5000 + "]" * 5000,
    '{"level": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + ', "text": "", "version": 0}',
])
def test_json_nested_thousands_deep_is_400(cast, api, goal_url, body):
    response = put(api, cast, goal_url, body)
    assert response.status_code == 400
    assert response.json() == {"detail": "The JSON is nested too deeply."}
    assert not GoalAssessment.objects.exists() and not Change.objects.exists()


@pytest.mark.parametrize("body", [
    '{"level": "god\\u0000", "text": "Målet är nått.", "version": 0}',
    '{"level": "god", "text": "Målet är nått.", "version": 0, "extra\\u0000": [1, {"a": "b"}]}',
])
def test_a_nul_character_anywhere_in_the_json_is_400(cast, api, goal_url, body):
    response = put(api, cast, goal_url, body)
    assert response.status_code == 400
    assert response.json() == {"detail": "The JSON holds a NUL character."}
    assert not GoalAssessment.objects.exists() and not Change.objects.exists()


def test_the_same_body_without_nul_is_saved(cast, api, goal_url):
    response = put(api, cast, goal_url, '{"level": "god", "text": "Målet är nått.", "version": 0}')
    assert response.status_code == 200, response.json()
    assert GoalAssessment.objects.get().text == "Målet är nått."
