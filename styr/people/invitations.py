"""The invitation e-mail: a new account's link to choose a password (Django's password reset token)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from styr.organisation.models import Membership


def set_password_url(user) -> str:
    return settings.STYR_BASE_URL + reverse(
        "people:set_password", args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])


def send_invitation(*, membership: Membership, invited_by, new_account: bool) -> None:
    """Tell the person about their role; a new account also gets the link to choose a password."""
    user = membership.user
    with override(settings.LANGUAGE_CODE):
        values = {"unit": membership.unit.name, "role": membership.get_role_display(),
                  "by": invited_by.get_full_name() or invited_by.get_username(), "username": user.get_username(),
                  "login": settings.STYR_BASE_URL + reverse("login")}
        subject = _("You have been given access to Styr: %(unit)s") % values
        body = _("%(by)s has given you the role %(role)s at %(unit)s in Styr.") % values
        if new_account:
            values["url"] = set_password_url(user)
            body += "\n\n" + _("Your username is %(username)s. Choose your password here (the link can be used once): "
                               "%(url)s\n\nIf your organisation signs in with its own login service, you can use "
                               "that instead.") % values
        else:
            body += "\n\n" + _("Log in here: %(login)s") % values
    send_mail(subject, body, None, [user.email])
