import os
import shutil

import pytest

from styr.accounts.tests.browser import Browser
from styr.testing import PASSWORD, make_user

__all__ = ["PASSWORD"]

@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Django's default hasher takes a noticeable fraction of a second per login attempt.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice(db):
    return make_user("alice", "Alice")


@pytest.fixture
def browser(client):
    """Styr through Django's test client, the peer over HTTP."""
    return Browser(client)


def require_xmlsec() -> None:
    if shutil.which("xmlsec1") is None:
        message = "xmlsec1 is missing (SAML needs it): apt-get install -y xmlsec1"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
