"""Every page of the product at 320 px (WCAG 1.4.10 reflow) and clean by axe-core, as each role sees it.

The pages are found as a person finds them: from each role's start page, following every link to a route
of the site, one page per route (and per kind of item). Then every route of the URLconf must have been
seen, unless it is listed below as not a page (a download, a POST, a JSON answer), so a new page joins
the sweep by itself. The admin is walked the same way from its index: every changelist, add and change form.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.urls import Resolver404, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from styr.demo.loader import DEMO_PASSWORD, load_demo
from styr.testing.routes import routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Routes that are no page to read at 320 px, with why.
NOT_PAGES = {
    "health": "plain text for the load balancer",
    "set_language": "a POST from the footer",
    "logout": "a POST",
    **dict.fromkeys(("oidc_login", "oidc_callback", "saml2_login", "saml2_acs", "saml2_logout", "saml2_ls",
                     "saml2_ls_post", "saml2_metadata"), "single sign-on, redirects to and from the identity provider"),
    **{name: "JSON" for name in routes() if name.startswith("api:")},
    **dict.fromkeys(("followup_step", "followup_remind", "documents:decide", "documents:start_build", "kpis:refresh",
                     "kpis:revision", "planning:publish", "measure_series_import", "people:grant", "people:invite", "people:change",
                     "people:revoke"), "a POST from a form on another page"),
    **dict.fromkeys(("followup_progress_csv", "measure_series_excel", "followup_excel_export", "statistics:download",
                     "control:quality_export", "control:report_excel", "documents:build_download",
                     "documents:decided_file"), "a file"),
    "documents:build_status": "a fragment polled by the document page while a file is built",
    "admin:index": "walked on its own (test_the_admin_at_320_px)",
}
# The admin's own pages beside the models' lists and forms (deleting, history, passwords) are Django's.
ADMIN_PAGES = re.compile(r"^(index|app_list|\w+_(changelist|add|change))$")
ROLES = ["anonymous", "politiker", "enhetschef", "controller"]
NARROW = {"width": 320, "height": 800}


def sign_in(page, base: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "logga-in" not in url)


def route_of(path: str):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match


def site_key(path: str) -> str | None:
    """One page per route, and per kind of item for the routes that edit several kinds."""
    match = route_of(path)
    if match is None or match.namespace == "admin" or match.view_name in NOT_PAGES:
        return None
    kind = match.kwargs.get("kind")
    return f"{match.view_name} {kind}" if kind else match.view_name


def admin_key(path: str) -> str | None:
    match = route_of(path)
    if match is None or match.namespace != "admin" or not ADMIN_PAGES.match(match.url_name or ""):
        return None
    return match.url_name


class Sweep:
    """Visits pages at 320 px and notes what fails: sideways scrolling, axe-core violations, an error status."""

    def __init__(self, page, base: str, axe_check, key, seen: set[str] | None = None):
        self.page, self.base, self.check, self.key = page, base, axe_check, key
        self.seen: dict[str, str] = {}
        self.skip = seen or set()
        self.failures: list[str] = []

    def walk(self, *starts: str) -> None:
        queue = list(starts)
        while queue:
            path = queue.pop(0)
            key = self.key(urlsplit(path).path)
            if key is None or key in self.seen or key in self.skip:
                continue
            self.seen[key] = path
            queue.extend(self.visit(path))

    def visit(self, path: str) -> list[str]:
        response = self.page.goto(self.base + path)
        if response is None or response.status >= 400:
            self.failures.append(f"{path}: status {response.status if response else 'none'}")
            return []
        here = self.page.evaluate("({ scroll: document.documentElement.scrollWidth,"
                                  " client: document.documentElement.clientWidth })")
        if here["scroll"] > here["client"]:
            wide = self.page.evaluate(WIDEST)
            self.failures.append(f"{path}: {here['scroll']} px wide at 320 px; widest: {wide}")
        try:
            self.check(self.page)
        except AssertionError as violations:
            self.failures.append(f"{path}: {violations}")
        links = self.page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
        return [urlsplit(link).path + (f"?{urlsplit(link).query}" if urlsplit(link).query else "")
                for link in links if link.startswith(self.base)]


# What sticks out of the viewport, to name in a failure.
WIDEST = """Array.from(document.querySelectorAll('body *'))
  .filter(element => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(element => !element.closest('.table-scroll'))
  .slice(-4).map(element => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
    + (element.className && typeof element.className === 'string' ? '.' + element.className.split(' ').join('.') : '')
    + ' ' + Math.round(element.getBoundingClientRect().right) + 'px')"""


@pytest.fixture(scope="module")
def seen_routes():
    """The routes the role sweeps have seen, for the check that none was left out."""
    return set()


def set_password_path() -> str:
    user = User.objects.create_user("inbjuden", "inbjuden@huddinge.example")
    return reverse("people:set_password",
                   args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_reflows_and_is_accessible(live_server, page, assert_accessible, role, seen_routes):
    load_demo()
    page.set_viewport_size(NARROW)
    starts = ["/", "/sok/?q=utredningstid", "/sok/?q=omsorg&typ=goal"]
    if role == "anonymous":
        starts += ["/konto/logga-in/", set_password_path()]
    else:
        sign_in(page, live_server.url, role)
    if role == "controller":
        starts += ["/installningar/", "/personer/", "/planera/"]
    sweep = Sweep(page, live_server.url, assert_accessible, site_key)
    sweep.walk(*starts)
    seen_routes.update(key.split(" ")[0] for key in sweep.seen)
    assert not sweep.failures, f"{len(sweep.failures)} of {len(sweep.seen)} pages fail:\n" + "\n".join(sweep.failures)


def test_no_page_of_the_urlconf_was_left_out(seen_routes):
    """Runs after the role sweeps (same module, in order): every page route was reached by some role."""
    if not seen_routes:
        pytest.skip("the role sweeps did not run")
    missing = sorted(name for name in routes() if name not in NOT_PAGES and name not in seen_routes)
    assert not missing, f"No role reached these pages by a link: {missing}"


def test_the_admin_at_320_px(live_server, page, assert_accessible):
    """The controller's admin, then what only a superuser sees (users, tokens, logs)."""
    load_demo()
    User.objects.create_superuser("superuser", "superuser@huddinge.example", DEMO_PASSWORD)
    page.set_viewport_size(NARROW)
    failures, seen = [], set()
    for username in ("controller", "superuser"):
        page.context.clear_cookies()
        sign_in(page, live_server.url, username)
        sweep = Sweep(page, live_server.url, assert_accessible, admin_key, seen)
        sweep.walk("/admin/")
        failures += sweep.failures
        seen |= set(sweep.seen)
    assert any(key.endswith("_change") for key in seen) and any(key.endswith("_add") for key in seen)
    assert not failures, f"{len(failures)} of {len(seen)} admin pages fail:\n" + "\n".join(failures)
