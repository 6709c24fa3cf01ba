"""Reading a verified SAML assertion (pysaml2's `session_info`) into an `ExternalProfile`.

Attribute names differ between identity providers: eduPerson/LDAP names ('uid', 'mail') as
pysaml2 converts them, and the claim URIs that Microsoft Entra ID sends. The first name found wins.
"""

from django.conf import settings
from saml2.saml import NAMEID_FORMAT_TRANSIENT

from styr.accounts.models import IdentityProtocol
from styr.accounts.services import ExternalProfile

CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/"
USERNAME_ATTRIBUTES = [f"{CLAIMS}name", "eduPersonPrincipalName", "uid"]
EMAIL_ATTRIBUTES = ["mail", "email", f"{CLAIMS}emailaddress"]
FIRST_NAME_ATTRIBUTES = ["givenName", f"{CLAIMS}givenname"]
LAST_NAME_ATTRIBUTES = ["sn", "surname", f"{CLAIMS}surname"]
GROUP_ATTRIBUTES = ["http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", "memberOf", "groups"]


def _first_value(attributes: dict, names: list[str]) -> str:
    for name in names:
        values = attributes.get(name)
        if values:
            return str(values[0] if isinstance(values, (list, tuple)) else values).strip()
    return ""


def profile_from_session_info(session_info: dict) -> ExternalProfile | None:
    attributes = session_info.get("ava") or {}
    preferred = [settings.STYR_SAML_USERNAME_ATTRIBUTE] if settings.STYR_SAML_USERNAME_ATTRIBUTE else []
    username = _first_value(attributes, preferred + USERNAME_ATTRIBUTES)
    name_id = session_info.get("name_id")
    name_id_text = (getattr(name_id, "text", None) or "").strip()
    # A transient NameID changes at every login, so it cannot find the person again.
    if name_id_text and getattr(name_id, "format", None) != NAMEID_FORMAT_TRANSIENT:
        subject = name_id_text
    else:
        subject = username
    if not subject:
        return None
    group_names = [settings.STYR_SAML_GROUPS_ATTRIBUTE] if settings.STYR_SAML_GROUPS_ATTRIBUTE else []
    groups: list[str] = next((attributes[name] for name in group_names + GROUP_ATTRIBUTES if attributes.get(name)), [])
    return ExternalProfile(
        protocol=IdentityProtocol.SAML,
        issuer=str(session_info.get("issuer") or ""),
        subject=subject,
        username=username or name_id_text,
        email=_first_value(attributes, EMAIL_ATTRIBUTES),
        first_name=_first_value(attributes, FIRST_NAME_ATTRIBUTES),
        last_name=_first_value(attributes, LAST_NAME_ATTRIBUTES),
        groups=tuple(str(group) for group in groups),
    )
