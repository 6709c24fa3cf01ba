"""Writes Django's and django-axes' authentication signals to the sign-in log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from styr.accounts.access_log import method_of_backend, method_of_session, record_sign_in_event
from styr.accounts.models import SignInEventKind, SignInMethod
from styr.accounts.saml_attributes import profile_from_session_info


def _attempt_from_credentials(credentials: dict) -> tuple[str, str]:
    """The method and the username tried, told apart by what the caller passed to authenticate()."""
    if credentials.get("oidc_profile") is not None:
        return SignInMethod.OIDC, credentials["oidc_profile"].username
    if credentials.get("session_info"):
        profile = profile_from_session_info(credentials["session_info"])
        return SignInMethod.SAML, profile.username if profile else ""
    return SignInMethod.LOCAL, str(credentials.get("username") or "")


@receiver(user_logged_in, dispatch_uid="styr_accounts_log_login")
def log_login(sender, request, user, **kwargs):
    backend = getattr(user, "backend", None)
    method = method_of_backend(backend) if backend else method_of_session(request)
    record_sign_in_event(kind=SignInEventKind.LOGIN, request=request, user=user, method=method)


@receiver(user_logged_out, dispatch_uid="styr_accounts_log_logout")
def log_logout(sender, request, user, **kwargs):
    # Sent before the session is flushed, so the session still tells how it was opened.
    if user is None:
        return
    record_sign_in_event(kind=SignInEventKind.LOGOUT, request=request, user=user, method=method_of_session(request))


@receiver(user_login_failed, dispatch_uid="styr_accounts_log_failure")
def log_failure(sender, credentials, request=None, **kwargs):
    # An attempt that met an existing lock is logged by log_lockout (axes sends user_locked_out).
    if request is not None and getattr(request, "styr_refused_by_lockout", False):
        return
    method, username = _attempt_from_credentials(credentials)
    record_sign_in_event(kind=SignInEventKind.FAILED, request=request, username=username, method=method)


@receiver(user_locked_out, dispatch_uid="styr_accounts_log_lockout")
def log_lockout(sender, request, username, ip_address, **kwargs):
    record_sign_in_event(
        kind=SignInEventKind.LOCKED, request=request, username=username or "", method=SignInMethod.LOCAL,
    )
