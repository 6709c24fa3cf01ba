"""Authentication backends: lockout for local passwords, and the OIDC and SAML sign-ins.

Each backend names its `sign_in_method` so the sign-in log can tell how a session was opened.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from styr.accounts.models import IdentityProtocol, SignInMethod
from styr.accounts.saml_attributes import profile_from_session_info
from styr.accounts.services import ExternalProfile, user_for_external_identity


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, limited to password attempts made through a request.

    Attempts without a username (OIDC, SAML) have nothing to lock. Calls without a request
    (management commands, `Client.login` in tests) are not web attempts, so they pass unchecked
    instead of failing the way plain axes does.
    """

    sign_in_method = SignInMethod.LOCAL

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None:
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            # Tells the sign-in log that this attempt met an existing lock (logged as "locked").
            request.styr_refused_by_lockout = True
            raise


class ExternalIdentityBackend(BaseBackend):
    def get_user(self, user_id):
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        return user


class OidcBackend(ExternalIdentityBackend):
    """Signs in the person an OpenID Connect provider vouched for (claims already verified)."""

    sign_in_method = SignInMethod.OIDC

    def authenticate(self, request, oidc_profile: ExternalProfile | None = None, **kwargs):
        if oidc_profile is None or oidc_profile.protocol != IdentityProtocol.OIDC:
            return None
        return user_for_external_identity(profile=oidc_profile, create_users=settings.STYR_OIDC_CREATE_USERS)


class SamlBackend(ExternalIdentityBackend):
    """Signs in the subject of a SAML assertion that djangosaml2/pysaml2 has already verified.

    The signature matches what djangosaml2's assertion consumer view passes to `authenticate`.
    """

    sign_in_method = SignInMethod.SAML

    def authenticate(
        self, request, session_info=None, attribute_mapping=None, create_unknown_user=None, assertion_info=None,
    ):
        if not session_info:
            return None
        profile = profile_from_session_info(session_info)
        if profile is None:
            return None
        return user_for_external_identity(profile=profile, create_users=settings.STYR_SAML_CREATE_USERS)
