"""A NUL character in a query string or a form field answers 400 before any view or query sees it."""

import pytest
from axes.models import AccessAttempt

from styr.accounts.models import SignInEvent
from styr.testing import PASSWORD

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/?app_label=organisation&model_name=membership&field_name=unit&term="


@pytest.fixture
def superuser(world):
    world.alice.is_superuser = world.alice.is_staff = True
    world.alice.save(update_fields=["is_superuser", "is_staff"])
    return world.alice


def test_an_admin_autocomplete_with_nul_is_400(client, superuser):
    client.force_login(superuser)
    found = client.get(AUTOCOMPLETE + "Social")
    assert found.status_code == 200
    assert [item["text"] for item in found.json()["results"]] == ["Socialnämnden"]
    assert client.get(AUTOCOMPLETE + "Social%00").status_code == 400


@pytest.mark.parametrize("query", ["q=%00", "%00=x", "q=a&q=b%00c"])
def test_nul_anywhere_in_the_query_string_is_400(client, world, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert response.content.decode() == "Anropet innehåller ett NUL-tecken, som Styr inte kan lagra."
    assert client.get("/?q=a").status_code == 200


def test_the_api_answers_nul_in_json_as_it_answers_everything(client, world):
    response = client.get("/api/municipalities/?year=2020%00", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request holds a NUL character, which Styr cannot store."}


@pytest.mark.parametrize("form", [{"username": "alice\x00", "password": PASSWORD}, {"username\x00": "alice"}])
def test_nul_in_a_posted_form_is_400_and_signs_nobody_in(client, world, form):
    response = client.post("/konto/logga-in/", form)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not SignInEvent.objects.exists()
    assert not AccessAttempt.objects.exists()
