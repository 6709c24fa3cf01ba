"""Project-wide pytest fixtures: a real Chromium (Debian's) driven by Playwright for browser tests."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("STYR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture
def world(db):
    """The shared cast (styr.testing) in the test database."""
    from styr.testing import World

    return World.build()


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("STYR_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Browser tests are required but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as the pages' actions do (a loaded machine answers slowly, not wrongly).
    expect.set_options(timeout=15000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page and fail with the violations listed (WCAG 2.1 A and AA)."""

    def check(page):
        results = axe.run(page, options=WCAG_21_AA)
        violations = results.response["violations"]
        assert not violations, "\n".join(
            f"{item['id']}: {item['help']} at {[node['target'] for node in item['nodes']][:5]}" for item in violations
        )

    return check


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing(django_test_environment):
    """The real hasher costs ~0.3 s a login; tests check our code, not PBKDF2."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
