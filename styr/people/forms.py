"""The forms of the people pages. What they accept is checked again by the services, inside the write."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from styr.organisation.memberships import people_in_scope
from styr.organisation.models import Role


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.email or obj.username})" if name else obj.email or obj.username


def role_choices(roles: list[Role]) -> list[tuple[str, str]]:
    return [(role.value, str(capfirst(role.label))) for role in roles]


class _RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, roles: list[Role], **kwargs):
        super().__init__(*args, **kwargs)
        role: forms.ChoiceField = self.fields["role"]  # type: ignore[assignment]
        role.choices = role_choices(roles)


class GrantForm(_RoleForm):
    person = PersonChoice(label=_("Person"), queryset=None, empty_label=_("Choose a person"))
    field_order = ["person", "role"]

    def __init__(self, *args, actor, roles: list[Role], **kwargs):
        super().__init__(*args, roles=roles, prefix="grant", **kwargs)
        person: forms.ModelChoiceField = self.fields["person"]  # type: ignore[assignment]
        person.queryset = people_in_scope(actor).order_by("first_name", "last_name", "username")


class InviteForm(_RoleForm):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    field_order = ["email", "first_name", "last_name", "role"]

    def __init__(self, *args, roles: list[Role], **kwargs):
        super().__init__(*args, roles=roles, prefix="invite", **kwargs)


class ChangeForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class RevokeForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
