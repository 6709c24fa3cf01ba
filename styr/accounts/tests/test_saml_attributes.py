"""Reading assertions from different identity providers into one profile."""

from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT, NameID

from styr.accounts.saml_attributes import CLAIMS, profile_from_session_info


def test_entra_id_claim_uris_are_understood():
    profile = profile_from_session_info({
        "issuer": "https://sts.windows.net/tenant/",
        "name_id": NameID(format=NAMEID_FORMAT_PERSISTENT, text="AAAbbb"),
        "ava": {
            f"{CLAIMS}name": ["anna@testby.se"],
            f"{CLAIMS}givenname": ["Anna"],
            f"{CLAIMS}surname": ["Andersson"],
            f"{CLAIMS}emailaddress": ["anna@testby.se"],
            "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups": ["g1", "g2"],
        },
    })
    assert (profile.subject, profile.username, profile.first_name, profile.last_name, profile.groups) == (
        "AAAbbb", "anna@testby.se", "Anna", "Andersson", ("g1", "g2"),
    )


def test_a_transient_name_id_is_not_used_to_find_the_person_again():
    profile = profile_from_session_info({
        "issuer": "idp", "name_id": NameID(format=NAMEID_FORMAT_TRANSIENT, text="_random"), "ava": {"uid": ["bo"]},
    })
    assert (profile.subject, profile.username) == ("bo", "bo")


def test_a_configured_username_attribute_wins(settings):
    settings.STYR_SAML_USERNAME_ATTRIBUTE = "employeeNumber"
    profile = profile_from_session_info({
        "issuer": "idp", "name_id": NameID(text="x"), "ava": {"uid": ["bo"], "employeeNumber": ["4711"]},
    })
    assert profile.username == "4711"


def test_an_assertion_without_any_identifier_gives_no_profile():
    assert profile_from_session_info({"issuer": "idp", "name_id": None, "ava": {}}) is None
