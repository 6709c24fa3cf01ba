"""Sign-in pages: local login, OIDC redirect and callback, lockout, and the 403 and CSRF failure pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from styr.accounts import oidc
from styr.accounts.access_log import log_refused_access, record_sign_in_event
from styr.accounts.forms import SignInForm
from styr.accounts.models import SignInEventKind, SignInMethod
from styr.accounts.saml import saml_button_label, saml_enabled


def oidc_button_label() -> str:
    return settings.STYR_OIDC_BUTTON_LABEL or _("Log in with Microsoft Entra ID")


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def providers_context(request: HttpRequest) -> dict:
    return {
        "oidc_enabled": oidc.oidc_enabled(),
        "oidc_label": oidc_button_label(),
        "saml_enabled": saml_enabled(),
        "saml_label": saml_button_label(),
    }


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **providers_context(self.request)}

    def form_invalid(self, form):
        """Wrong credentials show the page again; a field that cannot be valid (empty, too long) is a 400."""
        response = super().form_invalid(form)
        if any(name in form.errors for name in form.fields):
            response.status_code = 400
        return response


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout response: the login page again, saying why and for how long."""
    form = SignInForm(request, data=None, initial={"username": (credentials or {}).get("username", "")})
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = int(cooloff.total_seconds() // 60) if cooloff else None
    context = {
        "form": form,
        "locked_out": True,
        "cooloff_minutes": minutes,
        "next": safe_next(request, request.POST.get("next") or request.GET.get("next")),
        **providers_context(request),
    }
    return render(request, "accounts/login.html", context, status=429)


@require_GET
def oidc_login(request: HttpRequest) -> HttpResponse:
    if not oidc.oidc_enabled():
        raise Http404(_("OpenID Connect sign-in is not configured."))
    try:
        return oidc.start_sign_in(request, safe_next(request, request.GET.get("next")))
    except oidc.OidcSignInError as error:
        return _oidc_failed(request, str(error))


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not oidc.oidc_enabled():
        raise Http404(_("OpenID Connect sign-in is not configured."))
    try:
        profile = oidc.finish_sign_in(request)
    except oidc.OidcSignInError as error:
        return _oidc_failed(request, str(error))
    next_url = request.session.pop(oidc.NEXT_SESSION_KEY, "")
    user = authenticate(request, oidc_profile=profile)
    if user is None:
        # The user_login_failed signal has logged the attempt.
        messages.error(request, _("Your account may not sign in to Styr. Contact your administrator."))
        return redirect(settings.LOGIN_URL)
    login(request, user)
    return redirect(safe_next(request, next_url) or settings.LOGIN_REDIRECT_URL)


def _oidc_failed(request: HttpRequest, reason: str) -> HttpResponse:
    record_sign_in_event(kind=SignInEventKind.FAILED, request=request, method=SignInMethod.OIDC, reason=reason)
    return render(request, "accounts/sign_in_failed.html", {"provider": oidc_button_label()}, status=403)


def handler403(request: HttpRequest, exception=None) -> HttpResponse:
    """The project's 403 page; wire it as `handler403` in the root URLconf."""
    log_refused_access(request, reason=str(exception or "")[:300])
    return render(request, "accounts/403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a refused form post is logged like any other refused access."""
    log_refused_access(request, reason=f"CSRF: {reason}")
    return render(request, "accounts/403.html", {"csrf_failure": True}, status=403)
