"""A real SAML 2.0 identity provider for tests: pysaml2's IdP (`saml2.server.Server`) served over HTTP.

It publishes its metadata, takes AuthnRequests by HTTP-Redirect, asks for a username and password,
and answers by HTTP-POST with a signed assertion (signatures made by xmlsec1, as in production).
"""

import html
import shutil
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qsl

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import AUTHN_PASSWORD_PROTECTED, NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from styr.accounts.tests.peers.certificates import write_key_pair
from styr.accounts.tests.peers.wsgi_server import BackgroundServer


@dataclass
class IdpUser:
    username: str
    password: str
    subject: str
    attributes: dict


class SamlIdentityProvider:
    """Start with `start()`, give the SP `metadata_file`, then `trust_sp(metadata_xml)`; `stop()` at the end."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.key_file, self.cert_file = write_key_pair(directory, "idp", "Styr test IdP")
        self.users: dict[str, IdpUser] = {}
        self.server: Server | None = None
        self._http = BackgroundServer(self.wsgi)
        self.base = self._http.url
        self.entity_id = f"{self.base}/metadata"
        self.metadata_file = directory / "idp-metadata.xml"
        self.metadata_file.write_text(create_metadata_string(None, config=self._config(), valid=1).decode())

    def add_user(self, username: str, password: str, *, subject: str | None = None, **attributes) -> IdpUser:
        user = IdpUser(username, password, subject or f"persistent-{username}",
                       {name: [value] if isinstance(value, str) else value for name, value in attributes.items()})
        self.users[username] = user
        return user

    def trust_sp(self, sp_metadata_xml: str) -> None:
        """Load the service provider's metadata (as the SP itself serves it)."""
        sp_file = self.directory / "sp-metadata.xml"
        sp_file.write_text(sp_metadata_xml)
        self.server = Server(config=self._config(sp_metadata=sp_file))

    def start(self) -> "SamlIdentityProvider":
        self._http.start()
        return self

    def stop(self) -> None:
        self._http.stop()

    def _config(self, sp_metadata: Path | None = None) -> IdPConfig:
        config = IdPConfig()
        config.load({
            "entityid": self.entity_id,
            "xmlsec_binary": shutil.which("xmlsec1"),
            "key_file": str(self.key_file),
            "cert_file": str(self.cert_file),
            "service": {
                "idp": {
                    "name": "Styr test IdP",
                    "endpoints": {
                        "single_sign_on_service": [(f"{self.base}/sso/redirect", BINDING_HTTP_REDIRECT)],
                    },
                    "policy": {"default": {"lifetime": {"minutes": 15}, "name_form": NAME_FORMAT_URI}},
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                },
            },
            "metadata": {"local": [str(sp_metadata)]} if sp_metadata else {},
        })
        return config

    # -- HTTP ---------------------------------------------------------------------------------

    def wsgi(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "")
        data = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        if method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            data = dict(parse_qsl(environ["wsgi.input"].read(length).decode(), keep_blank_values=True))
        if (method, path) == ("GET", "/metadata"):
            status, body, content_type = 200, self.metadata_file.read_text(), "application/samlmetadata+xml"
        elif (method, path) == ("GET", "/sso/redirect"):
            status, body, content_type = self._login_page(data)
        elif (method, path) == ("POST", "/sso/login"):
            status, body, content_type = self._login_submit(data)
        else:
            status, body, content_type = 404, "not found", "text/plain"
        start_response(f"{status} {HTTPStatus(status).phrase}", [("Content-Type", content_type)])
        return [body.encode()]

    def _login_page(self, data: dict, error: str = ""):
        if self.server is None or "SAMLRequest" not in data:
            return 400, "no SP trusted or no SAMLRequest", "text/plain"
        self.server.parse_authn_request(data["SAMLRequest"], BINDING_HTTP_REDIRECT)  # rejects a bad request early
        hidden = "".join(
            f"<input type='hidden' name='{name}' value='{html.escape(data.get(name, ''), quote=True)}'>"
            for name in ("SAMLRequest", "RelayState")
        )
        page = (
            "<!doctype html><title>IdP login</title>"
            f"<p class='error'>{html.escape(error)}</p><form method='post' action='/sso/login'>{hidden}"
            "<input name='username'><input name='password' type='password'><button>Sign in</button></form>"
        )
        return 200, page, "text/html; charset=utf-8"

    def _login_submit(self, data: dict):
        user = self.users.get(data.get("username", ""))
        if user is None or user.password != data.get("password"):
            return self._login_page(data, error="wrong username or password")
        assert self.server is not None, "the login page is shown only once an SP is trusted"
        request = self.server.parse_authn_request(data["SAMLRequest"], BINDING_HTTP_REDIRECT).message
        response_args = self.server.response_args(request, [BINDING_HTTP_POST])
        destination = response_args.pop("destination")
        response_args.pop("binding", None)
        response = self.server.create_authn_response(
            user.attributes,
            userid=user.username,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=user.subject),
            authn={"class_ref": AUTHN_PASSWORD_PROTECTED, "authn_auth": self.entity_id},
            sign_assertion=True,
            sign_response=False,
            destination=destination,
            **response_args,
        )
        http_args = self.server.apply_binding(
            BINDING_HTTP_POST, str(response), destination, data.get("RelayState", ""), response=True,
        )
        return 200, http_args["data"], "text/html; charset=utf-8"
