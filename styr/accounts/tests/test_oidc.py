"""OpenID Connect sign-in against a real provider started on 127.0.0.1 (Authlib's server side).

Styr fetches the provider's discovery document, JWKS and tokens over HTTP; the browser's part of
the redirect flow is followed step by step. One test runs everything over HTTP with a live server.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from joserfc.jwk import RSAKey

from styr.accounts.models import ExternalIdentity, SignInEvent, SignInEventKind, SignInMethod
from styr.accounts.tests.browser import TEST_SERVER, USER_AGENT, Browser, only_form
from styr.accounts.tests.peers.oidc_provider import OidcProvider
from styr.testing import make_user

pytestmark = pytest.mark.django_db

ENTRA_CLAIMS = {
    "oid": "00000000-0000-0000-0000-00000000a11c",
    "preferred_username": "anna.andersson@testby.se",
    "email": "anna.andersson@testby.se",
    "given_name": "Anna",
    "family_name": "Andersson",
    "name": "Anna Andersson",
    "groups": ["grp-socialnamnden"],
}


def start_provider(settings, styr_url: str) -> OidcProvider:
    peer = OidcProvider().start()
    peer.client.redirect_uris.append(f"{styr_url}/konto/oidc/callback/")
    peer.add_user("anna", "anna-password", **ENTRA_CLAIMS)
    settings.STYR_OIDC_CLIENT_ID = peer.client.client_id
    settings.STYR_OIDC_CLIENT_SECRET = peer.client.client_secret
    settings.STYR_OIDC_METADATA_URL = peer.metadata_url
    return peer


@pytest.fixture
def provider(settings):
    peer = start_provider(settings, TEST_SERVER)
    yield peer
    peer.stop()


def sign_in(browser: Browser, *, username="anna", password="anna-password", next_url="/"):
    """Run the flow; returns the provider's redirect back and Styr's answer to it."""
    start = browser.get("/konto/oidc/logga-in/", params={"next": next_url})
    assert start.status == 302, start.text
    login_page = browser.get(start.location)
    assert login_page.status == 200, login_page.text
    action, fields = only_form(login_page)
    back = browser.post(action, data={**fields, "username": username, "password": password})
    assert back.status == 302, back.text
    return back, browser.get(back.location)


def test_login_page_offers_the_entra_button(provider, browser):
    page = browser.get("/konto/logga-in/?next=/plan/").text
    assert 'href="/konto/oidc/logga-in/?next=/plan/"' in page
    assert "Microsoft Entra ID" in page


def test_first_sign_in_creates_and_links_the_user_and_is_logged(provider, browser):
    back, callback = sign_in(browser, next_url="/om/")
    assert set(parse_qs(urlsplit(back.location).query)) >= {"code", "state"}
    assert callback.status == 302 and callback.location == f"{TEST_SERVER}/om/"

    user = User.objects.get(username="anna.andersson@testby.se")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Andersson", "anna.andersson@testby.se")
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject, identity.groups) == (
        provider.issuer, ENTRA_CLAIMS["oid"], ["grp-socialnamnden"],
    )
    event = SignInEvent.objects.get(kind=SignInEventKind.LOGIN)
    assert (event.user, event.method, event.ip_address, event.user_agent) == (
        user, SignInMethod.OIDC, "127.0.0.1", USER_AGENT,
    )

    browser.post("/konto/logga-ut/", data={})
    logout = SignInEvent.objects.get(kind=SignInEventKind.LOGOUT)
    assert (logout.user, logout.method) == (user, SignInMethod.OIDC)


def test_the_request_uses_pkce_a_nonce_and_state(provider, browser):
    start = browser.get("/konto/oidc/logga-in/")
    query = parse_qs(urlsplit(start.location).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["nonce"] and query["state"] and query["code_challenge"]
    assert query["scope"] == ["openid profile email"]


def test_an_outside_next_address_is_ignored(provider, browser):
    _, callback = sign_in(browser, next_url="https://evil.example/")
    assert callback.location == f"{TEST_SERVER}/"


def test_the_person_is_found_again_by_oid_when_the_username_changes(provider, browser):
    sign_in(browser)
    provider.users["anna"].claims.update(preferred_username="anna.berg@testby.se", family_name="Berg")
    browser.forget_cookies()
    sign_in(browser)
    user = User.objects.get()
    assert (user.username, user.last_name) == ("anna.andersson@testby.se", "Berg")
    assert SignInEvent.objects.filter(kind=SignInEventKind.LOGIN, user=user).count() == 2


def test_a_prepared_local_account_with_the_upn_as_username_is_linked(provider, browser):
    prepared = make_user("anna.andersson@testby.se", "Anna")
    sign_in(browser)
    assert User.objects.count() == 1
    assert ExternalIdentity.objects.get().user == prepared


def test_unknown_people_are_refused_when_user_creation_is_off(provider, browser, settings):
    settings.STYR_OIDC_CREATE_USERS = False
    _, callback = sign_in(browser)
    assert callback.status == 302 and callback.location == f"{TEST_SERVER}/konto/logga-in/"
    assert not User.objects.exists()
    event = SignInEvent.objects.get()
    assert (event.kind, event.method, event.username) == (
        SignInEventKind.FAILED, SignInMethod.OIDC, "anna.andersson@testby.se",
    )


def test_an_inactive_linked_user_is_refused(provider, browser):
    sign_in(browser)
    User.objects.update(is_active=False)
    browser.forget_cookies()
    _, callback = sign_in(browser)
    assert callback.location == f"{TEST_SERVER}/konto/logga-in/"
    assert SignInEvent.objects.filter(kind=SignInEventKind.FAILED, method=SignInMethod.OIDC).count() == 1


def test_a_replayed_callback_without_the_state_is_refused_and_logged(provider, browser):
    back, _ = sign_in(browser)
    browser.forget_cookies()  # another browser, without the state in its session
    callback = browser.get(back.location)
    assert callback.status == 403
    event = SignInEvent.objects.get(kind=SignInEventKind.FAILED)
    assert event.method == SignInMethod.OIDC and "State" in event.reason


def test_an_id_token_with_a_wrong_signature_is_refused(provider, browser):
    # The provider keeps publishing its key but signs with another one under the same key id.
    published = provider.signing_key
    provider.published_keys = [published]
    provider.signing_key = RSAKey.generate_key(2048, parameters={"kid": published.kid}, private=True)
    _, callback = sign_in(browser)
    assert callback.status == 403
    assert not User.objects.exists()
    assert "Signature" in SignInEvent.objects.get(kind=SignInEventKind.FAILED).reason


def test_an_error_answer_from_the_provider_is_logged(provider, browser):
    start = browser.get("/konto/oidc/logga-in/")
    state = parse_qs(urlsplit(start.location).query)["state"][0]
    callback = browser.get(f"/konto/oidc/callback/?error=access_denied&state={state}")
    assert callback.status == 403
    assert "access_denied" in SignInEvent.objects.get(kind=SignInEventKind.FAILED).reason


def test_an_unreachable_provider_is_a_logged_failure_not_a_crash(browser, settings):
    settings.STYR_OIDC_CLIENT_ID = "styr"
    settings.STYR_OIDC_METADATA_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    assert browser.get("/konto/oidc/logga-in/").status == 403
    assert SignInEvent.objects.get().kind == SignInEventKind.FAILED


def test_wrong_password_at_the_provider_keeps_the_person_there(provider, browser):
    start = browser.get("/konto/oidc/logga-in/")
    page = browser.get(start.location)
    action, fields = only_form(page)
    answer = browser.post(action, data={**fields, "username": "anna", "password": "nope"})
    assert answer.status == 200 and "wrong username or password" in answer.text
    assert not SignInEvent.objects.exists()


def test_oidc_urls_are_not_found_when_not_configured(browser):
    assert browser.get("/konto/oidc/logga-in/").status == 404
    assert browser.get("/konto/oidc/callback/").status == 404


@pytest.mark.django_db(transaction=True)
def test_whole_flow_over_http_with_a_live_server(live_server, settings):
    peer = start_provider(settings, live_server.url)
    try:
        browser = Browser(styr_url=live_server.url)
        _, callback = sign_in(browser, next_url="/om/")
        assert callback.location == f"{live_server.url}/om/"
        event = SignInEvent.objects.get(kind=SignInEventKind.LOGIN)
        assert (event.username, event.method, event.ip_address) == (
            "anna.andersson@testby.se", SignInMethod.OIDC, "127.0.0.1",
        )
        browser.post("/konto/logga-ut/", data={"csrfmiddlewaretoken": browser.csrf_token()})
        assert SignInEvent.objects.filter(kind=SignInEventKind.LOGOUT, method=SignInMethod.OIDC).exists()
    finally:
        browser.http.close()
        peer.stop()
