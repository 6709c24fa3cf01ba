"""Passwords are hashed with Argon2id at OWASP's cost; older PBKDF2 hashes still sign in and are upgraded."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher
from django.contrib.auth.models import User
from django.test import Client

from styr.accounts.hashers import Argon2idHasher

PASSWORD = "ett långt och hemligt lösenord"
PRODUCTION = ["styr.accounts.hashers.Argon2idHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.mark.django_db
def test_a_pbkdf2_password_signs_in_and_is_rehashed_with_argon2id(settings):
    settings.PASSWORD_HASHERS = PRODUCTION  # the tests' own settings hash with MD5, for speed
    old = PBKDF2PasswordHasher()
    user = User.objects.create(username="maria", password=old.encode(PASSWORD, old.salt(), iterations=1000))
    response = Client().post("/konto/logga-in/", {"username": "maria", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert isinstance(identify_hasher(user.password), Argon2idHasher) and user.check_password(PASSWORD)
    assert not user.check_password(PASSWORD + "x")
