"""The sign-in log and the links between local users and external identities (OIDC, SAML)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInEventKind(models.TextChoices):
    LOGIN = "login", _("login")
    LOGOUT = "logout", _("logout")
    FAILED = "failed", _("failed login")
    LOCKED = "locked", _("locked out")
    REFUSED = "refused", _("refused access")


class SignInMethod(models.TextChoices):
    LOCAL = "local", _("local account")
    OIDC = "oidc", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0")
    NONE = "", _("none")


class SignInEvent(models.Model):
    """One login, logout, failed or locked-out attempt, or refused access: who, when (UTC), from where.

    Rows are written once and never changed; the admin shows them read-only.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=SignInEventKind.choices, db_index=True)
    method = models.CharField(_("method"), max_length=10, choices=SignInMethod.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("user"),
    )
    # Kept as text so the log still names the account after the user is deleted, and names the
    # account someone tried when no user matched.
    username = models.CharField(_("username"), max_length=254, blank=True, db_index=True)
    at = models.DateTimeField(_("time (UTC)"), auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username or '-'} {self.at:%Y-%m-%d %H:%M:%S}"


class IdentityProtocol(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0")


class ExternalIdentity(models.Model):
    """A local user's identity at an external identity provider, found again by (issuer, subject).

    For Entra ID the subject is the `oid` claim (stable for the person across applications);
    for SAML it is the NameID of the assertion.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities",
        verbose_name=_("user"),
    )
    protocol = models.CharField(_("protocol"), max_length=10, choices=IdentityProtocol.choices)
    issuer = models.CharField(_("issuer"), max_length=500)
    subject = models.CharField(_("subject"), max_length=500)
    groups = models.JSONField(_("groups at last login"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last login"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        ordering = ["user_id", "protocol"]
        constraints = [
            models.UniqueConstraint(fields=["protocol", "issuer", "subject"], name="unique_external_identity"),
        ]

    def __str__(self) -> str:
        return f"{self.get_protocol_display()}: {self.subject} ({self.issuer})"
