"""Refused access (403 and CSRF failures) is logged; the log is readable but not editable in the admin."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from styr.accounts.access_log import log_refused_access
from styr.accounts.models import SignInEvent, SignInEventKind, SignInMethod
from styr.accounts.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.urls("styr.accounts.tests.urls_forbidden")
def test_permission_denied_shows_the_403_page_and_logs_who_was_refused(client, alice):
    client.post("/konto/logga-in/", {"username": "alice", "password": PASSWORD})
    response = client.get("/forbidden/?unit=7", HTTP_USER_AGENT="Agent/2", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 403
    assert "base.html" in [template.name for template in response.templates]
    event = SignInEvent.objects.get(kind=SignInEventKind.REFUSED)
    assert (event.user, event.username, event.method) == (alice, "alice", SignInMethod.LOCAL)
    assert (event.ip_address, event.user_agent, event.path) == ("10.1.2.3", "Agent/2", "/forbidden/?unit=7")
    assert event.reason == "unit 7 is not yours"


@pytest.mark.urls("styr.accounts.tests.urls_forbidden")
def test_refused_anonymous_access_is_logged_without_user(client):
    response = client.get("/forbidden/")
    assert response.status_code == 403
    event = SignInEvent.objects.get()
    assert (event.kind, event.user, event.username) == (SignInEventKind.REFUSED, None, "")


def test_log_refused_access_can_be_called_from_permission_code(alice):
    request = RequestFactory().get("/plan/7/", REMOTE_ADDR="2001:db8::1")
    request.user = alice
    request.session = {}
    event = log_refused_access(request, reason="not a member of the unit")
    assert (event.kind, event.user, event.ip_address, event.reason) == (
        SignInEventKind.REFUSED, alice, "2001:db8::1", "not a member of the unit",
    )


def test_an_unparseable_address_is_stored_as_unknown(alice):
    request = RequestFactory().get("/", REMOTE_ADDR="not-an-address")
    request.user = alice
    assert log_refused_access(request).ip_address is None


def test_csrf_failure_is_refused_and_logged():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/logga-in/", {"username": "alice", "password": "x"})
    assert response.status_code == 403
    event = SignInEvent.objects.get()
    assert event.kind == SignInEventKind.REFUSED
    assert event.reason.startswith("CSRF:")


@pytest.fixture
def admin_client_of_superuser(client):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.post("/konto/logga-in/", {"username": "root", "password": PASSWORD})
    return client


def test_admin_lists_the_log_read_only(admin_client_of_superuser):
    client = admin_client_of_superuser
    event = SignInEvent.objects.get(kind=SignInEventKind.LOGIN)
    listing = client.get("/admin/accounts/signinevent/")
    assert listing.status_code == 200
    assert "UTC" in listing.content.decode()
    assert client.get("/admin/accounts/signinevent/add/").status_code == 403
    detail = client.get(f"/admin/accounts/signinevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="username"' not in detail.content.decode()  # shown, not editable
    client.post(f"/admin/accounts/signinevent/{event.pk}/delete/", {"post": "yes"})
    assert SignInEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no trusted proxy: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is skipped
        (2, "203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (1, "", "10.0.0.1"),
    ],
)
def test_client_address_behind_trusted_proxies(settings, alice, proxies, forwarded_for, expected):
    settings.STYR_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    request.user = alice
    assert log_refused_access(request).ip_address == expected
