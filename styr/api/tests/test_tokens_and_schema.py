"""API tokens (management command and admin) and the OpenAPI description."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token


def apitoken(*args) -> str:
    out = io.StringIO()
    call_command("apitoken", *args, stdout=out)
    return out.getvalue().strip()


def test_apitoken_prints_the_same_token_until_reset_and_delete_removes_it(cast, api):
    key = apitoken("alice")
    assert len(key) == 40 and apitoken("alice") == key
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:goal_assessment", args=[cast.plan.pk, cast.period.pk, cast.goal.pk])).status_code == 200
    new = apitoken("alice", "--reset")
    assert new != key and Token.objects.get(user=cast.alice).key == new
    assert api.get(reverse("api:municipalities")).status_code == 401  # the old key no longer works
    assert apitoken("alice", "--delete") == "Removed the token of alice."
    assert not Token.objects.exists()


def test_apitoken_refuses_unknown_and_inactive_users(cast):
    with pytest.raises(CommandError, match="No user is called 'nobody'"):
        apitoken("nobody")
    cast.dave.is_active = False
    cast.dave.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="inactive"):
        apitoken("dave")
    assert not Token.objects.exists()


def test_superusers_manage_tokens_in_the_admin(cast, client):
    admin = User.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    response = client.post(reverse("admin:authtoken_tokenproxy_add"), {"user": cast.bob.pk})
    assert response.status_code == 302
    assert Token.objects.filter(user=cast.bob).exists()
    client.force_login(cast.alice)  # a controller keeps the structure, not other people's keys
    assert client.get(reverse("admin:authtoken_tokenproxy_changelist")).status_code == 403


def test_the_openapi_description_is_served_valid_and_complete(db, api):
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    operations = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    assert ("PUT", "/api/plans/{plan_id}/periods/{period_id}/measures/{measure_id}/report/") in operations
    assert ("GET", "/api/municipalities/") in operations
    assert ("PUT", "/api/plans/{plan_id}/periods/{period_id}/internal-control/") in operations
    assert len(operations) == 18
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    put = schema["paths"]["/api/plans/{plan_id}/periods/{period_id}/goals/{goal_id}/assessment/"]["put"]
    assert set(put["responses"]) == {"200", "400", "401", "403", "404", "409"}


def test_unknown_api_addresses_answer_in_json(db, api):
    response = api.get("/api/no/such/thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Hittades inte."}
