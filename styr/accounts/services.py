"""Finding or creating the local user for an identity that an external provider vouched for."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from styr.accounts.models import ExternalIdentity
from styr.history.services import record_change, snapshot

USER_PROFILE_FIELDS = ["username", "email", "first_name", "last_name", "is_active"]
SYNCED_FIELDS = ["email", "first_name", "last_name"]


@dataclass(frozen=True)
class ExternalProfile:
    """What an identity provider said about the person, normalised across OIDC and SAML."""

    protocol: str
    issuer: str
    subject: str
    username: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    groups: tuple[str, ...] = field(default_factory=tuple)


def _local_username(profile: ExternalProfile) -> str:
    user_model = get_user_model()
    max_length: int = getattr(user_model._meta.get_field(user_model.USERNAME_FIELD), "max_length", None) or 150
    candidate = profile.username or profile.email
    if candidate and len(candidate) <= max_length:
        return candidate
    return f"{profile.protocol}-{profile.subject}"[:max_length]


def _sync_profile(user, profile: ExternalProfile) -> None:
    """The provider is the source of truth for names and e-mail; copy changes, with history."""
    wanted = {
        "email": profile.email[:254], "first_name": profile.first_name[:150], "last_name": profile.last_name[:150],
    }
    changed = [name for name, value in wanted.items() if value and getattr(user, name) != value]
    if not changed:
        return
    before = snapshot(user, changed)
    for name in changed:
        setattr(user, name, wanted[name])
    user.save(update_fields=changed)
    record_change(user=user, instance=user, before=before, after=snapshot(user, changed))


def user_for_external_identity(*, profile: ExternalProfile, create_users: bool):
    """The active local user for `profile`, linking or creating one as needed; None when refused.

    Order: a user already linked to (protocol, issuer, subject); else a local user whose username
    equals the provider's username (for Entra ID the UPN, so administrators can prepare accounts);
    else, when `create_users` is set, a new user without a usable password. E-mail addresses are
    not used for matching because providers do not always verify them.
    """
    user_model = get_user_model()
    with transaction.atomic():
        identity = (
            ExternalIdentity.objects.select_for_update().select_related("user")
            .filter(protocol=profile.protocol, issuer=profile.issuer, subject=profile.subject).first()
        )
        if identity is None:
            username = _local_username(profile)
            user = user_model.objects.filter(**{f"{user_model.USERNAME_FIELD}__iexact": username}).first()
            if user is None:
                if not create_users:
                    return None
                user = user_model(**{user_model.USERNAME_FIELD: username})
                user.set_unusable_password()
                user.save()
                record_change(user=None, instance=user, before={}, after=snapshot(user, USER_PROFILE_FIELDS))
            identity = ExternalIdentity.objects.create(
                user=user, protocol=profile.protocol, issuer=profile.issuer, subject=profile.subject,
            )
            record_change(
                user=None, instance=identity, before={},
                after=snapshot(identity, ["user", "protocol", "issuer", "subject"]),
            )
        user = identity.user
        if not user.is_active:
            return None
        identity.groups = list(profile.groups)
        identity.last_login_at = timezone.now()
        identity.save(update_fields=["groups", "last_login_at"])
        _sync_profile(user, profile)
        return user
