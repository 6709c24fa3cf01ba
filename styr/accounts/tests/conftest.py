import shutil

import lxml.html
import pytest
import requests

from styr.core.testing import PASSWORD, make_user

__all__ = ["PASSWORD"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Django's default hasher takes a noticeable fraction of a second per login attempt.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice(db):
    return make_user("alice", "Alice")


@pytest.fixture
def browser_session():
    """An HTTP client that keeps cookies per host, as a browser does."""
    with requests.Session() as session:
        session.headers["User-Agent"] = "styr-sign-in-test"
        yield session


def only_form(page_html: str, base_url: str) -> tuple[str, dict]:
    """The action URL and field values of the single form on a page."""
    document = lxml.html.fromstring(page_html, base_url=base_url)
    (form,) = document.forms
    return form.action or base_url, dict(form.form_values())


def require_xmlsec() -> None:
    if shutil.which("xmlsec1") is None:
        pytest.skip("xmlsec1 is missing: apt-get install -y xmlsec1")
