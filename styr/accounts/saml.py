"""SAML 2.0 service provider through djangosaml2 (pysaml2 underneath; it needs the `xmlsec1` program).

The pysaml2 configuration is built from the STYR_SAML_* settings rather than written out in
settings.py, so the URLs follow this installation's address and the IdP metadata is read once.
"""

import shutil
from functools import lru_cache, wraps

import saml2
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from djangosaml2 import views as saml_views
from saml2.config import SPConfig

from styr.accounts.access_log import record_sign_in_event
from styr.accounts.models import SignInEventKind, SignInMethod


def saml_enabled() -> bool:
    return bool(settings.STYR_SAML_IDP_METADATA_FILE or settings.STYR_SAML_IDP_METADATA_URL)


def base_url(request: HttpRequest | None) -> str:
    if settings.STYR_SAML_BASE_URL:
        return settings.STYR_SAML_BASE_URL.rstrip("/")
    if request is None:
        return "http://localhost"
    return request.build_absolute_uri("/").rstrip("/")


def config_dict(base: str) -> dict:
    """pysaml2's SP configuration for an installation reached at `base`."""
    metadata: dict[str, list] = {}
    if settings.STYR_SAML_IDP_METADATA_FILE:
        metadata["local"] = [settings.STYR_SAML_IDP_METADATA_FILE]
    if settings.STYR_SAML_IDP_METADATA_URL:
        metadata["remote"] = [{"url": settings.STYR_SAML_IDP_METADATA_URL}]
    signing = bool(settings.STYR_SAML_SP_KEY_FILE and settings.STYR_SAML_SP_CERT_FILE)
    config = {
        "entityid": settings.STYR_SAML_ENTITY_ID or base + reverse("saml2_metadata"),
        "xmlsec_binary": settings.STYR_SAML_XMLSEC_BINARY or shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "Styr",
                "endpoints": {
                    "assertion_consumer_service": [(base + reverse("saml2_acs"), saml2.BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (base + reverse("saml2_ls"), saml2.BINDING_HTTP_REDIRECT),
                        (base + reverse("saml2_ls_post"), saml2.BINDING_HTTP_POST),
                    ],
                },
                # Only answers to requests this installation sent are accepted (no IdP-initiated login).
                "allow_unsolicited": False,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": signing,
                "logout_requests_signed": signing,
            },
        },
        "metadata": metadata,
    }
    if signing:
        config["key_file"] = settings.STYR_SAML_SP_KEY_FILE
        config["cert_file"] = settings.STYR_SAML_SP_CERT_FILE
        config["encryption_keypairs"] = [
            {"key_file": settings.STYR_SAML_SP_KEY_FILE, "cert_file": settings.STYR_SAML_SP_CERT_FILE}
        ]
    return config


@lru_cache(maxsize=8)
def _sp_config(base: str, settings_key: tuple) -> SPConfig:
    # Cached per address and configuration: loading fetches or parses the IdP metadata.
    config = SPConfig()
    config.load(config_dict(base))
    return config


def sp_config_loader(request: HttpRequest | None = None) -> SPConfig:
    """djangosaml2's SAML_CONFIG_LOADER."""
    settings_key = tuple(
        getattr(settings, name) for name in (
            "STYR_SAML_IDP_METADATA_FILE", "STYR_SAML_IDP_METADATA_URL", "STYR_SAML_ENTITY_ID",
            "STYR_SAML_SP_KEY_FILE", "STYR_SAML_SP_CERT_FILE", "STYR_SAML_XMLSEC_BINARY",
        )
    )
    return _sp_config(base_url(request), settings_key)


def only_when_configured(view_func):
    """404 while no identity provider is configured; keeps the view's csrf_exempt mark."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not saml_enabled():
            raise Http404(_("SAML sign-in is not configured."))
        return view_func(request, *args, **kwargs)

    return wrapper


class SamlAcsView(saml_views.AssertionConsumerServiceView):
    """The assertion consumer; a refused or broken assertion is written to the sign-in log."""

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        # PermissionDenied comes from authenticate(), whose user_login_failed signal already logged it.
        if not isinstance(exception, PermissionDenied):
            record_sign_in_event(
                kind=SignInEventKind.FAILED, request=request, method=SignInMethod.SAML,
                reason=f"{type(exception).__name__}: {exception}" if exception else "",
            )
        return render(request, "accounts/sign_in_failed.html", {"provider": saml_button_label()}, status=status)


def saml_button_label() -> str:
    return settings.STYR_SAML_BUTTON_LABEL or _("Log in with SAML")
