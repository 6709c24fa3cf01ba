"""Local accounts: login, wrong password, lockout after repeated failures, logout; all logged."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from styr.accounts.models import SignInEvent, SignInEventKind, SignInMethod
from styr.accounts.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"


def post_login(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra}, HTTP_USER_AGENT="TestAgent/1.0")


def test_url_names_are_kept():
    assert reverse("login") == LOGIN
    assert reverse("logout") == "/konto/logga-ut/"


def test_login_page_has_labelled_fields_and_no_provider_buttons_when_none_configured(client):
    page = client.get(LOGIN).content.decode()
    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page
    assert 'autocomplete="current-password"' in page
    assert reverse("oidc_login") not in page
    assert "/konto/saml2/login/" not in page


def test_successful_login_is_logged_with_user_time_address_and_method(client, alice):
    response = post_login(client, "alice", PASSWORD, next="/om/")
    assert response.status_code == 302
    assert response["Location"] == "/om/"
    event = SignInEvent.objects.get()
    assert (event.kind, event.method, event.user, event.username) == (
        SignInEventKind.LOGIN, SignInMethod.LOCAL, alice, "alice",
    )
    assert event.ip_address == "127.0.0.1"
    assert event.user_agent == "TestAgent/1.0"
    assert event.at.utcoffset() == datetime.timedelta(0)
    assert abs(event.at - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=1)


def test_wrong_password_shows_an_error_tied_to_the_fields_and_is_logged(client, alice):
    response = post_login(client, "alice", "wrong")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert" id="login-errors"' in page
    assert page.count('aria-describedby="login-errors"') == 2
    assert page.count('aria-invalid="true"') == 2
    assert "_auth_user_id" not in client.session
    event = SignInEvent.objects.get()
    assert (event.kind, event.method, event.user, event.username) == (
        SignInEventKind.FAILED, SignInMethod.LOCAL, None, "alice",
    )


def test_empty_field_error_is_tied_to_that_field(client):
    response = post_login(client, "alice", "")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_password-error"' in page
    assert 'aria-describedby="id_password-error"' in page


@pytest.mark.parametrize("length", [151, 256, 5000])
def test_a_username_longer_than_any_account_is_refused_untried(client, alice, length):
    response = post_login(client, "a" * length, PASSWORD)
    assert response.status_code == 400
    assert "Ett användarnamn har högst 150 tecken." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SignInEvent.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_the_admin_login_counts_a_long_username_as_a_failed_attempt(client, alice):
    response = client.post("/admin/login/", {"username": "a" * 300, "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().username == "a" * 255
    assert SignInEvent.objects.get().kind == SignInEventKind.FAILED


def test_unknown_username_is_logged_as_tried(client):
    post_login(client, "mallory", "guess")
    event = SignInEvent.objects.get()
    assert (event.kind, event.username, event.user) == (SignInEventKind.FAILED, "mallory", None)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, alice):
    for _ in range(2):
        assert post_login(client, "alice", "wrong").status_code == 200
    third = post_login(client, "alice", "wrong")
    assert third.status_code == 429
    assert "locked" in third.content.decode() or "låst" in third.content.decode()

    with_right_password = post_login(client, "alice", PASSWORD)
    assert with_right_password.status_code == 429
    assert "_auth_user_id" not in client.session

    kinds = list(SignInEvent.objects.order_by("pk").values_list("kind", flat=True))
    # The third failure is logged and so is the lock it caused; the later attempt only as locked.
    assert sorted(kinds[:4]) == ["failed", "failed", "failed", "locked"]
    assert kinds[4:] == ["locked"]
    assert set(SignInEvent.objects.values_list("username", flat=True)) == {"alice"}
    assert not SignInEvent.objects.filter(kind=SignInEventKind.LOGIN).exists()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_is_per_username(client, alice, db):
    from styr.testing import make_user

    make_user("bob", "Bob")
    for _ in range(3):
        post_login(client, "alice", "wrong")
    assert post_login(client, "bob", PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=datetime.timedelta(seconds=0))
def test_lock_ends_after_the_cool_off_time(client, alice):
    for _ in range(3):
        post_login(client, "alice", "wrong")
    assert post_login(client, "alice", PASSWORD).status_code == 302


def test_successful_login_resets_the_failure_count(client, alice, settings):
    settings.AXES_FAILURE_LIMIT = 3
    post_login(client, "alice", "wrong")
    post_login(client, "alice", "wrong")
    assert post_login(client, "alice", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    post_login(client, "alice", "wrong")
    assert post_login(client, "alice", PASSWORD).status_code == 302


def test_logout_is_logged_with_the_method_the_session_was_opened_with(client, alice):
    post_login(client, "alice", PASSWORD)
    client.post(reverse("logout"))
    event = SignInEvent.objects.latest("pk")
    assert (event.kind, event.method, event.user) == (SignInEventKind.LOGOUT, SignInMethod.LOCAL, alice)


def test_logout_without_a_session_logs_nothing(client):
    client.post(reverse("logout"))
    assert not SignInEvent.objects.exists()


def test_client_login_without_request_still_works_for_other_apps_tests(client, alice):
    assert client.login(username="alice", password=PASSWORD)
