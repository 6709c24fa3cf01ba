"""The login page in Debian's chromium: WCAG 2.1 AA checks (axe) and use by keyboard alone."""

import pytest

from styr.accounts.models import SignInEvent, SignInEventKind
from styr.testing import make_user

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def login_page(page, settings):
    """The shared browser page (root conftest), with both providers configured so their buttons are checked too."""
    settings.STYR_OIDC_CLIENT_ID = "styr"
    settings.STYR_OIDC_METADATA_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.STYR_SAML_IDP_METADATA_FILE = "/nonexistent/idp.xml"  # nothing is fetched to show the buttons
    return page


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    return [f"{violation['id']}: {violation['help']}" for violation in results.response["violations"]]


def test_login_page_meets_wcag_aa_and_works_by_keyboard(login_page, live_server):
    page = login_page
    make_user("alice", "Alice")
    page.goto(f"{live_server.url}/konto/logga-in/")
    assert axe_violations(page) == []

    # The username field has focus on arrival; type, Tab to the password, Enter to send.
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type("wrong password")
    page.keyboard.press("Enter")
    page.wait_for_selector("#login-errors")

    assert page.get_attribute("#id_username", "aria-invalid") == "true"
    described_by = page.get_attribute("#id_password", "aria-describedby")
    assert page.inner_text(f"#{described_by}").strip() != ""
    assert page.get_attribute("#login-errors", "role") == "alert"
    assert axe_violations(page) == []
    # After a failure the username is kept and the password field has focus for the retry.
    assert page.evaluate("document.activeElement.id") == "id_password"
    assert SignInEvent.objects.filter(kind=SignInEventKind.FAILED, username="alice").count() == 1
