"""Fixtures of the API tests: the shared cast (styr.testing) and API clients signed in by token."""

from types import SimpleNamespace

import pytest

from styr.testing import Cast


@pytest.fixture
def cast(db) -> SimpleNamespace:
    world = SimpleNamespace()
    Cast.build(world)
    return world


@pytest.fixture
def api():
    """An anonymous client; `api.as_user(user)` signs it in with the user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient(HTTP_ACCEPT_LANGUAGE="sv")

    def as_user(user):
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    client.as_user = as_user
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The cast and the demo create users with passwords; a fast hasher keeps the API tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
