"""OpenID Connect sign-in (authorization code flow with PKCE and nonce) through Authlib's client.

Microsoft Entra ID is the common provider: set STYR_OIDC_ENTRA_TENANT and the discovery document
is found from it. Any other provider works with STYR_OIDC_METADATA_URL. Authlib checks state,
PKCE, the ID token's signature (keys from the provider's JWKS), issuer, audience, expiry and nonce.
"""

from functools import lru_cache

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from joserfc.errors import JoseError

from styr.accounts.models import IdentityProtocol
from styr.accounts.services import ExternalProfile

NEXT_SESSION_KEY = "styr_oidc_next"


class OidcSignInError(Exception):
    """The provider's answer could not be used; the message says why (for the log, not the user)."""


def oidc_enabled() -> bool:
    return bool(settings.STYR_OIDC_CLIENT_ID and settings.STYR_OIDC_METADATA_URL)


@lru_cache(maxsize=8)
def _client(client_id: str, client_secret: str, metadata_url: str, scopes: str):
    # One client per configuration, so the provider's discovery document is fetched once.
    oauth = OAuth()
    return oauth.register(
        name="styr_oidc",
        client_id=client_id,
        client_secret=client_secret or None,
        server_metadata_url=metadata_url,
        client_kwargs={
            "scope": scopes,
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_post" if client_secret else "none",
            "timeout": 10,
        },
    )


def client():
    return _client(
        settings.STYR_OIDC_CLIENT_ID, settings.STYR_OIDC_CLIENT_SECRET, settings.STYR_OIDC_METADATA_URL,
        settings.STYR_OIDC_SCOPES,
    )


def redirect_uri(request: HttpRequest) -> str:
    return settings.STYR_OIDC_REDIRECT_URI or request.build_absolute_uri(reverse("oidc_callback"))


def start_sign_in(request: HttpRequest, next_url: str) -> HttpResponse:
    """Redirect to the provider; state, nonce and PKCE verifier wait in the session."""
    request.session[NEXT_SESSION_KEY] = next_url
    try:
        return client().authorize_redirect(request, redirect_uri(request))
    except (AuthlibBaseError, requests.RequestException, ValueError) as error:
        raise OidcSignInError(f"discovery failed: {error}") from error


def profile_from_claims(claims: dict) -> ExternalProfile:
    # Entra ID's `oid` names the person across all applications of the tenant; `sub` is per
    # application. Other providers only have `sub`.
    subject = str(claims.get("oid") or claims.get("sub") or "")
    if not subject or not claims.get("iss"):
        raise OidcSignInError("ID token without subject or issuer")
    groups = claims.get(settings.STYR_OIDC_GROUPS_CLAIM) or []
    return ExternalProfile(
        protocol=IdentityProtocol.OIDC,
        issuer=str(claims["iss"]),
        subject=subject,
        username=str(claims.get("preferred_username") or claims.get("upn") or claims.get("email") or ""),
        email=str(claims.get("email") or ""),
        first_name=str(claims.get("given_name") or claims.get("name") or ""),
        last_name=str(claims.get("family_name") or ""),
        groups=tuple(str(group) for group in groups) if isinstance(groups, list) else (),
    )


def finish_sign_in(request: HttpRequest) -> ExternalProfile:
    """Exchange the code for tokens and return who the verified ID token names."""
    try:
        token = client().authorize_access_token(request)
    except (AuthlibBaseError, JoseError, requests.RequestException, ValueError, KeyError) as error:
        raise OidcSignInError(f"{type(error).__name__}: {error}") from error
    claims = token.get("userinfo")
    if not claims:
        raise OidcSignInError("no ID token in the token response")
    return profile_from_claims(dict(claims))
