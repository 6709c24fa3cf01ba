"""OpenID Connect sign-in against a real provider started on 127.0.0.1 (Authlib's server side).

The whole redirect flow runs over HTTP: Styr (live server) -> provider's login form -> code ->
Styr's callback, which fetches discovery, JWKS and tokens from the provider.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from joserfc.jwk import RSAKey

from styr.accounts.models import ExternalIdentity, SignInEvent, SignInEventKind, SignInMethod
from styr.accounts.tests.conftest import only_form
from styr.accounts.tests.peers.oidc_provider import OidcProvider
from styr.core.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)

ENTRA_CLAIMS = {
    "oid": "00000000-0000-0000-0000-00000000a11c",
    "preferred_username": "anna.andersson@testby.se",
    "email": "anna.andersson@testby.se",
    "given_name": "Anna",
    "family_name": "Andersson",
    "name": "Anna Andersson",
    "groups": ["grp-socialnamnden"],
}


@pytest.fixture
def provider(live_server, settings):
    peer = OidcProvider().start()
    peer.client.redirect_uris.append(f"{live_server.url}/konto/oidc/callback/")
    peer.add_user("anna", "anna-password", **ENTRA_CLAIMS)
    settings.STYR_OIDC_CLIENT_ID = peer.client.client_id
    settings.STYR_OIDC_CLIENT_SECRET = peer.client.client_secret
    settings.STYR_OIDC_METADATA_URL = peer.metadata_url
    yield peer
    peer.stop()


def sign_in(session, live_server, *, username="anna", password="anna-password", next_url="/"):
    """Run the flow as a browser would; returns Styr's answer to the callback."""
    start = session.get(f"{live_server.url}/konto/oidc/logga-in/", params={"next": next_url}, allow_redirects=False)
    assert start.status_code == 302, start.text
    login_page = session.get(start.headers["Location"])
    assert login_page.status_code == 200, login_page.text
    action, fields = only_form(login_page.text, login_page.url)
    answer = session.post(action, data={**fields, "username": username, "password": password}, allow_redirects=False)
    assert answer.status_code == 302, answer.text
    return answer, session.get(answer.headers["Location"], allow_redirects=False)


def test_login_page_offers_the_entra_button(provider, live_server, browser_session):
    page = browser_session.get(f"{live_server.url}/konto/logga-in/?next=/plan/").text
    assert 'href="/konto/oidc/logga-in/?next=/plan/"' in page


def test_first_sign_in_creates_and_links_the_user_and_is_logged(provider, live_server, browser_session):
    provider_answer, callback = sign_in(browser_session, live_server, next_url="/om/")
    query = parse_qs(urlsplit(provider_answer.headers["Location"]).query)
    assert set(query) >= {"code", "state"}
    assert callback.status_code == 302 and callback.headers["Location"] == "/om/"

    user = User.objects.get(username="anna.andersson@testby.se")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Andersson", "anna.andersson@testby.se")
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject, identity.groups) == (
        provider.issuer, ENTRA_CLAIMS["oid"], ["grp-socialnamnden"],
    )
    event = SignInEvent.objects.get(kind=SignInEventKind.LOGIN)
    assert (event.user, event.method, event.ip_address) == (user, SignInMethod.OIDC, "127.0.0.1")
    assert event.user_agent == "styr-sign-in-test"

    # The session is signed in: logging out is possible and logged as an OIDC session's end.
    csrf = browser_session.get(f"{live_server.url}/konto/logga-in/").cookies.get("csrftoken") or \
        browser_session.cookies.get("csrftoken")
    browser_session.post(f"{live_server.url}/konto/logga-ut/", data={"csrfmiddlewaretoken": csrf},
                         headers={"Referer": f"{live_server.url}/"})
    logout = SignInEvent.objects.get(kind=SignInEventKind.LOGOUT)
    assert (logout.user, logout.method) == (user, SignInMethod.OIDC)


def test_the_request_used_pkce_and_a_nonce(provider, live_server, browser_session):
    start = browser_session.get(f"{live_server.url}/konto/oidc/logga-in/", allow_redirects=False)
    query = parse_qs(urlsplit(start.headers["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["nonce"] and query["state"]
    assert query["scope"] == ["openid profile email"]


def test_the_person_is_found_again_by_oid_when_the_username_changes(provider, live_server, browser_session):
    sign_in(browser_session, live_server)
    provider.users["anna"].claims.update(preferred_username="anna.berg@testby.se", family_name="Berg")
    browser_session.cookies.clear()
    sign_in(browser_session, live_server)
    user = User.objects.get()
    assert (user.username, user.last_name) == ("anna.andersson@testby.se", "Berg")
    assert SignInEvent.objects.filter(kind=SignInEventKind.LOGIN, user=user).count() == 2


def test_a_prepared_local_account_with_the_upn_as_username_is_linked(provider, live_server, browser_session):
    prepared = make_user("anna.andersson@testby.se", "Anna")
    sign_in(browser_session, live_server)
    assert User.objects.count() == 1
    assert ExternalIdentity.objects.get().user == prepared


def test_unknown_people_are_refused_when_user_creation_is_off(provider, live_server, browser_session, settings):
    settings.STYR_OIDC_CREATE_USERS = False
    _, callback = sign_in(browser_session, live_server)
    assert callback.status_code == 302 and callback.headers["Location"] == "/konto/logga-in/"
    assert not User.objects.exists()
    event = SignInEvent.objects.get()
    assert (event.kind, event.method, event.username) == (
        SignInEventKind.FAILED, SignInMethod.OIDC, "anna.andersson@testby.se",
    )


def test_an_inactive_linked_user_is_refused(provider, live_server, browser_session):
    sign_in(browser_session, live_server)
    User.objects.update(is_active=False)
    browser_session.cookies.clear()
    sign_in(browser_session, live_server)
    assert SignInEvent.objects.filter(kind=SignInEventKind.FAILED, method=SignInMethod.OIDC).count() == 1


def test_a_forged_state_is_refused_and_logged(provider, live_server, browser_session):
    provider_answer, _ = sign_in(browser_session, live_server)
    browser_session.cookies.clear()  # another browser, without the state in its session
    callback = browser_session.get(provider_answer.headers["Location"], allow_redirects=False)
    assert callback.status_code == 403
    event = SignInEvent.objects.get(kind=SignInEventKind.FAILED)
    assert event.method == SignInMethod.OIDC and "State" in event.reason


def test_an_id_token_with_a_wrong_signature_is_refused(provider, live_server, browser_session):
    # The provider keeps publishing its key but signs with another one under the same key id.
    published = provider.signing_key
    provider.published_keys = [published]
    provider.signing_key = RSAKey.generate_key(2048, parameters={"kid": published.kid}, private=True)
    _, callback = sign_in(browser_session, live_server)
    assert callback.status_code == 403
    assert not User.objects.exists()
    event = SignInEvent.objects.get(kind=SignInEventKind.FAILED)
    assert "Signature" in event.reason


def test_wrong_password_at_the_provider_keeps_the_person_there(provider, live_server, browser_session):
    start = browser_session.get(f"{live_server.url}/konto/oidc/logga-in/", allow_redirects=False)
    page = browser_session.get(start.headers["Location"])
    action, fields = only_form(page.text, page.url)
    answer = browser_session.post(action, data={**fields, "username": "anna", "password": "nope"},
                                  allow_redirects=False)
    assert answer.status_code == 200 and "wrong username or password" in answer.text
    assert not SignInEvent.objects.exists()


def test_oidc_urls_are_not_found_when_not_configured(live_server, browser_session):
    assert browser_session.get(f"{live_server.url}/konto/oidc/logga-in/").status_code == 404
