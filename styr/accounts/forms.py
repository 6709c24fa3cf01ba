from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Django's login form with a message that does not reveal which of the two fields was wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is wrong. Both are case-sensitive."),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")

    def clean_username(self) -> str:
        """A username no account can have is refused before it is tried (and logged, and locked)."""
        username = self.cleaned_data["username"]
        limit = getattr(self.fields["username"], "max_length", None)
        if limit and len(username) > limit:
            raise forms.ValidationError(
                _("A username has at most %(limit)d characters."), code="max_length", params={"limit": limit}
            )
        return username
