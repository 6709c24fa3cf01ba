"""SAML 2.0 sign-in against a real identity provider started on 127.0.0.1 (pysaml2's IdP).

The IdP trusts the SP metadata that Styr itself serves; Styr trusts the IdP's metadata file.
AuthnRequest by HTTP-Redirect, signed assertion back by HTTP-POST, verified with xmlsec1.
One test runs everything over HTTP with a live server.
"""

import base64

import pytest
from django.contrib.auth.models import User

from styr.accounts.models import ExternalIdentity, SignInEvent, SignInEventKind, SignInMethod
from styr.accounts.tests.browser import TEST_SERVER, Browser, only_form
from styr.accounts.tests.conftest import require_xmlsec
from styr.accounts.tests.peers.saml_idp import SamlIdentityProvider

pytestmark = pytest.mark.django_db


def start_idp(settings, directory, browser: Browser) -> SamlIdentityProvider:
    require_xmlsec()
    peer = SamlIdentityProvider(directory).start()
    peer.add_user(
        "bertil", "bertil-password", subject="persistent-bertil-7",
        uid="bertil.berg@testby.se", mail="bertil.berg@testby.se", givenName="Bertil", sn="Berg",
    )
    settings.STYR_SAML_IDP_METADATA_FILE = str(peer.metadata_file)
    sp_metadata = browser.get("/konto/saml2/metadata/")
    assert sp_metadata.status == 200
    peer.trust_sp(sp_metadata.text)
    return peer


@pytest.fixture
def idp(settings, tmp_path, browser):
    peer = start_idp(settings, tmp_path, browser)
    yield peer
    peer.stop()


def assertion_from_idp(browser: Browser, *, next_url="/", username="bertil", password="bertil-password"):
    """Start at Styr and sign in at the IdP; returns the IdP's auto-posting form (action and fields)."""
    start = browser.get("/konto/saml2/login/", params={"next": next_url})
    assert start.status == 302, start.text
    login_page = browser.get(start.location)
    assert login_page.status == 200, login_page.text
    action, fields = only_form(login_page)
    posted = browser.post(action, data={**fields, "username": username, "password": password})
    assert posted.status == 200, posted.text
    return only_form(posted)


def test_sp_metadata_names_the_entity_and_the_assertion_consumer(browser):
    metadata = browser.get("/konto/saml2/metadata/").text
    assert f'entityID="{TEST_SERVER}/konto/saml2/metadata/"' in metadata
    assert f'Location="{TEST_SERVER}/konto/saml2/acs/"' in metadata


def test_login_page_offers_the_saml_button(idp, browser):
    page = browser.get("/konto/logga-in/?next=/plan/").text
    assert 'href="/konto/saml2/login/?next=/plan/"' in page


def test_sign_in_creates_and_links_the_user_and_is_logged(idp, browser):
    action, fields = assertion_from_idp(browser, next_url="/om/")
    assert action == f"{TEST_SERVER}/konto/saml2/acs/"
    assert fields["RelayState"] == "/om/"
    answer = browser.post(action, data=fields)
    assert answer.status == 302 and answer.location == f"{TEST_SERVER}/om/"

    user = User.objects.get()
    assert (user.username, user.first_name, user.last_name, user.email) == (
        "bertil.berg@testby.se", "Bertil", "Berg", "bertil.berg@testby.se",
    )
    identity = ExternalIdentity.objects.get()
    assert (identity.user, identity.protocol, identity.issuer, identity.subject) == (
        user, "saml", idp.entity_id, "persistent-bertil-7",
    )
    event = SignInEvent.objects.get(kind=SignInEventKind.LOGIN)
    assert (event.user, event.method, event.ip_address) == (user, SignInMethod.SAML, "127.0.0.1")

    browser.post("/konto/logga-ut/", data={})
    logout = SignInEvent.objects.get(kind=SignInEventKind.LOGOUT)
    assert (logout.user, logout.method) == (user, SignInMethod.SAML)


def test_the_second_sign_in_finds_the_same_user_by_name_id(idp, browser):
    browser.post(*assertion_from_idp(browser))
    idp.users["bertil"].attributes["uid"] = ["bertil.nyberg@testby.se"]
    browser.forget_cookies()
    browser.post(*assertion_from_idp(browser))
    assert User.objects.get().username == "bertil.berg@testby.se"
    assert SignInEvent.objects.filter(kind=SignInEventKind.LOGIN).count() == 2


def test_a_tampered_assertion_is_refused_and_logged(idp, browser):
    action, fields = assertion_from_idp(browser)
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    assert "Bertil" in xml
    fields["SAMLResponse"] = base64.b64encode(xml.replace("Bertil", "Mallory").encode()).decode()
    answer = browser.post(action, data=fields)
    assert answer.status == 403
    assert not User.objects.exists()
    event = SignInEvent.objects.get()
    assert (event.kind, event.method) == (SignInEventKind.FAILED, SignInMethod.SAML)
    assert "Signature" in event.reason


def test_a_response_nobody_asked_for_is_refused(idp, browser):
    action, fields = assertion_from_idp(browser)
    browser.forget_cookies()  # replayed from another browser: no outstanding request there
    answer = browser.post(action, data=fields)
    assert answer.status == 403
    assert not User.objects.exists()
    assert "Unsolicited" in SignInEvent.objects.get(kind=SignInEventKind.FAILED).reason


def test_unknown_people_are_refused_when_user_creation_is_off(idp, browser, settings):
    settings.STYR_SAML_CREATE_USERS = False
    answer = browser.post(*assertion_from_idp(browser))
    assert answer.status == 403
    event = SignInEvent.objects.get()  # exactly one entry for one refusal
    assert (event.kind, event.method, event.username) == (
        SignInEventKind.FAILED, SignInMethod.SAML, "bertil.berg@testby.se",
    )


def test_saml_sign_in_is_not_found_when_not_configured(browser):
    assert browser.get("/konto/saml2/login/").status == 404
    assert browser.post("/konto/saml2/acs/", data={"SAMLResponse": "x"}).status == 404


@pytest.mark.django_db(transaction=True)
def test_whole_flow_over_http_with_a_live_server(live_server, settings, tmp_path):
    browser = Browser(styr_url=live_server.url)
    peer = start_idp(settings, tmp_path, browser)
    try:
        answer = browser.post(*assertion_from_idp(browser, next_url="/om/"))
        assert answer.location == f"{live_server.url}/om/"
        event = SignInEvent.objects.get(kind=SignInEventKind.LOGIN)
        assert (event.username, event.method, event.ip_address) == (
            "bertil.berg@testby.se", SignInMethod.SAML, "127.0.0.1",
        )
    finally:
        browser.http.close()
        peer.stop()
