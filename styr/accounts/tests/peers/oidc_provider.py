"""A real OpenID Connect provider for tests, built on Authlib's server side and served over HTTP.

It implements discovery, the authorization endpoint with a login form, the token endpoint
(authorization code grant, client_secret_post, PKCE S256 required, nonce), signed RS256 ID tokens
and a JWKS endpoint. Claims mimic Microsoft Entra ID (`oid`, `preferred_username`, `groups`).
"""

import html
import json
import os
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qsl, urlencode

from authlib.common.security import generate_token
from authlib.oauth2 import AuthorizationServer, OAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError, OAuth2Error
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc.jwk import RSAKey

from styr.accounts.tests.peers.wsgi_server import BackgroundServer

# The provider runs on plain HTTP at 127.0.0.1; Authlib refuses that unless told it is a test.
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")


@dataclass
class PeerUser:
    username: str
    password: str
    claims: dict


@dataclass
class PeerClient(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str] = field(default_factory=list)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        allowed = {"openid", "profile", "email"}
        return " ".join(part for part in (scope or "").split() if part in allowed)

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return client_secret == self.client_secret

    def check_endpoint_auth_method(self, method, endpoint):
        return method == "client_secret_post" if endpoint == "token" else True

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class IssuedCode:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: PeerUser
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return ["pwd"]


class _CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post"]

    def save_authorization_code(self, code, request):
        data = request.payload.data
        self.server.codes[code] = IssuedCode(
            code=code, client_id=request.client.get_client_id(), redirect_uri=data.get("redirect_uri", ""),
            scope=request.scope, user=request.user, nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"), code_challenge_method=data.get("code_challenge_method"),
            auth_time=int(time.time()),
        )

    def query_authorization_code(self, code, client):
        issued = self.server.codes.get(code)
        if issued and issued.client_id == client.get_client_id():
            return issued
        return None

    def delete_authorization_code(self, authorization_code):
        self.server.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.user


class _OpenIDCode(OpenIDCode):
    def __init__(self, provider: "OidcProvider"):
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce, request):
        return any(issued.nonce == nonce for issued in self.provider.server.codes.values())

    def resolve_client_private_key(self, client):
        return self.provider.signing_key

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": self.provider.signing_key.kid}

    def get_client_claims(self, client):
        return {"iss": self.provider.issuer, "aud": [client.get_client_id()]}

    def generate_user_info(self, user, scope):
        return UserInfo(user.claims)


class _PkceRequired(CodeChallenge):
    """PKCE for every client, confidential ones too (Authlib only insists for public clients)."""

    def validate_code_challenge(self, grant, redirect_uri):
        if not grant.request.payload.data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: missing 'code_challenge'")
        super().validate_code_challenge(grant, redirect_uri)


class _WsgiRequest(OAuth2Request):
    def __init__(self, method: str, uri: str, headers: dict, data: dict):
        super().__init__(method=method, uri=uri, headers=headers)
        self.payload = BasicOAuth2Payload(data)
        self._data = data

    @property
    def args(self):
        return self._data if self.method == "GET" else {}

    @property
    def form(self):
        return self._data if self.method == "POST" else {}


class _Server(AuthorizationServer):
    def __init__(self, provider: "OidcProvider"):
        super().__init__(scopes_supported=["openid", "profile", "email"])
        self.provider = provider
        self.codes: dict[str, IssuedCode] = {}
        self.register_token_generator("default", BearerTokenGenerator(lambda **kwargs: generate_token(42)))
        self.register_grant(_CodeGrant, [_OpenIDCode(provider), _PkceRequired(required=True)])

    def query_client(self, client_id):
        client = self.provider.client
        return client if client.client_id == client_id else None

    def save_token(self, token, request):
        self.provider.issued_tokens.append(token)

    def create_oauth2_request(self, request):
        return request

    def handle_response(self, status, body, headers):
        return status, body, headers

    def send_signal(self, name, *args, **kwargs):
        pass


class OidcProvider:
    """Start with `start()`, point the relying party at `metadata_url`, and `stop()` afterwards."""

    def __init__(self, *, client_id: str = "styr-test", client_secret: str = "peer-secret"):
        self.signing_key = RSAKey.generate_key(2048, parameters={"kid": "peer-key-1"}, private=True)
        self.published_keys: list[RSAKey] | None = None  # None: publish the signing key
        self.client = PeerClient(client_id, client_secret)
        self.users: dict[str, PeerUser] = {}
        self.issued_tokens: list[dict] = []
        self.server = _Server(self)
        self._http = BackgroundServer(self.wsgi)
        self.issuer = self._http.url

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def add_user(self, username: str, password: str, **claims) -> PeerUser:
        user = PeerUser(username, password, {"sub": f"sub-{username}", **claims})
        self.users[username] = user
        return user

    def start(self) -> "OidcProvider":
        self._http.start()
        return self

    def stop(self) -> None:
        self._http.stop()

    # -- HTTP ---------------------------------------------------------------------------------

    def wsgi(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "")
        query = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        form = {}
        if method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = dict(parse_qsl(environ["wsgi.input"].read(length).decode(), keep_blank_values=True))
        headers = {
            key[5:].replace("_", "-").title(): value for key, value in environ.items() if key.startswith("HTTP_")
        }
        routes = {
            ("GET", "/.well-known/openid-configuration"): lambda: self._json(200, self._discovery()),
            ("GET", "/jwks"): lambda: self._json(200, self._jwks()),
            ("GET", "/authorize"): lambda: self._authorize_page(query, headers),
            ("POST", "/authorize"): lambda: self._authorize_submit(form, headers),
            ("POST", "/token"): lambda: self.server.create_token_response(
                _WsgiRequest("POST", f"{self.issuer}/token", headers, form)
            ),
        }
        handler = routes.get((method, path))
        status, body, response_headers = handler() if handler else (404, "not found", [])
        if isinstance(body, dict):
            body = json.dumps(body)
            response_headers = [*response_headers, ("Content-Type", "application/json")]
        start_response(f"{status} {HTTPStatus(status).phrase}", list(response_headers))
        return [body.encode() if isinstance(body, str) else body]

    def _json(self, status, data):
        return status, data, []

    def _jwks(self) -> dict:
        keys = self.published_keys if self.published_keys is not None else [self.signing_key]
        return {"keys": [key.as_dict(private=False) for key in keys]}

    def _discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }

    def _authorize_page(self, query: dict, headers: dict, error: str = ""):
        request = _WsgiRequest("GET", f"{self.issuer}/authorize?{urlencode(query)}", headers, query)
        try:
            self.server.get_consent_grant(request)
        except OAuth2Error as oauth_error:
            return 400, f"invalid authorization request: {oauth_error.error}", [("Content-Type", "text/plain")]
        page = (
            "<!doctype html><title>Peer login</title>"
            f"<p class='error'>{html.escape(error)}</p>"
            "<form method='post' action='/authorize'>"
            f"<input type='hidden' name='query' value='{html.escape(urlencode(query), quote=True)}'>"
            "<input name='username'><input name='password' type='password'><button>Sign in</button></form>"
        )
        return 200, page, [("Content-Type", "text/html; charset=utf-8")]

    def _authorize_submit(self, form: dict, headers: dict):
        query = dict(parse_qsl(form.get("query", "")))
        user = self.users.get(form.get("username", ""))
        if user is None or user.password != form.get("password"):
            return self._authorize_page(query, headers, error="wrong username or password")
        request = _WsgiRequest("GET", f"{self.issuer}/authorize?{urlencode(query)}", headers, query)
        grant = self.server.get_consent_grant(request, end_user=user)
        return self.server.create_authorization_response(request, grant_user=user, grant=grant)
