"""Writing the sign-in log: every login, logout, failed or locked-out attempt and refused access.

Each event is stored as a `SignInEvent` row and also written to the `styr.security` logger, so an
installation can ship the lines to its log collector as well.
"""

import ipaddress
import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest
from django.utils.module_loading import import_string

from styr.accounts.models import SignInEvent, SignInEventKind, SignInMethod

security_log = logging.getLogger("styr.security")
AXES_USERNAME_LENGTH = 255  # axes.models.AccessAttempt.username


def forwarded_client_ip(request: HttpRequest) -> str | None:
    """The client's address behind STYR_TRUSTED_PROXY_COUNT reverse proxies (django-axes' AXES_CLIENT_IP_CALLABLE).

    Each proxy appends the address it got the request from to X-Forwarded-For, so the entry just
    before the ones our own proxies added is the client; entries further left can be forged.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "STYR_TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote]
    return chain[-(count + 1)] if len(chain) > count else chain[0]


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username django-axes counts an attempt against (AXES_USERNAME_CALLABLE), cut to what it stores.

    Styr's own login form refuses longer names; other forms (the admin's) pass them through, and a
    name over 255 characters would otherwise fail the insert of the failed attempt.
    """
    data = credentials if credentials else getattr(request, "data", request.POST)
    username = data.get(getattr(settings, "AXES_USERNAME_FORM_FIELD", "username"))
    return username[:AXES_USERNAME_LENGTH] if isinstance(username, str) else username


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as django-axes resolves it (so lockout and log agree), if it is valid."""
    if request is None:
        return None
    address = get_client_ip_address(request)
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def method_of_backend(backend_path: str | None) -> str:
    """The sign-in method an authentication backend stands for; password backends count as local."""
    if not backend_path:
        return SignInMethod.NONE
    try:
        backend_class = import_string(backend_path)
    except ImportError:
        return SignInMethod.NONE
    return getattr(backend_class, "sign_in_method", SignInMethod.LOCAL)


def method_of_session(request: HttpRequest | None) -> str:
    session = getattr(request, "session", None)
    return method_of_backend(session.get(BACKEND_SESSION_KEY) if session is not None else None)


def record_sign_in_event(
    *, kind: SignInEventKind, request: HttpRequest | None = None, user=None, username: str = "",
    method: str = SignInMethod.NONE, reason: str = "",
) -> SignInEvent:
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if user is not None and not username:
        username = user.get_username()
    meta = request.META if request is not None else {}
    event = SignInEvent.objects.create(
        kind=kind,
        method=method,
        user=user,
        username=(username or "")[:254],
        ip_address=client_ip(request),
        user_agent=meta.get("HTTP_USER_AGENT", "")[:300],
        path=(request.get_full_path() if request is not None else "")[:500],
        reason=reason[:300],
    )
    security_log.info(
        "sign-in event kind=%s method=%s user=%r ip=%s path=%s reason=%r",
        event.kind, event.method or "-", event.username, event.ip_address or "-", event.path, event.reason,
    )
    return event


def log_refused_access(request: HttpRequest, *, reason: str = "") -> SignInEvent:
    """Record that `request` was refused (HTTP 403 / PermissionDenied); call it wherever access is denied."""
    user = getattr(request, "user", None)
    return record_sign_in_event(
        kind=SignInEventKind.REFUSED, request=request, user=user,
        method=method_of_session(request) if user is not None and user.is_authenticated else SignInMethod.NONE,
        reason=reason,
    )
