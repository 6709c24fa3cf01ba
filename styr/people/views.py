"""A controller's pages for people and access: who has a role at a unit, and giving, changing and taking roles."""

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.organisation import memberships
from styr.organisation.access import can
from styr.organisation.memberships import MembershipRefused, grantable_roles, holders, managed_unit_ids
from styr.organisation.models import OrganisationUnit, Role
from styr.organisation.permissions import Action, State, Subject
from styr.people.forms import ChangeForm, GrantForm, InviteForm, RevokeForm, role_choices
from styr.people.invitations import send_invitation


def _get_unit_for_user(request: HttpRequest, municipality: str, unit: str) -> OrganisationUnit:
    """The unit, if the user keeps its structure (and so its people)."""
    found = get_object_or_404(OrganisationUnit.objects.select_related("municipality", "parent"),
                              municipality__slug=municipality, slug=unit)
    if not can(request.user, Action.VIEW, Subject.STRUCTURE, found, State.ANY):
        raise PermissionDenied
    return found


def _tree(units: Sequence[OrganisationUnit]) -> list[tuple[OrganisationUnit, OrganisationUnit | None]]:
    """The units depth first, each with the unit above it among them (None for the topmost)."""
    by_id = {unit.pk: unit for unit in units}
    children: dict[int | None, list[OrganisationUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id if unit.parent_id in by_id else None, []).append(unit)
    found: list[tuple[OrganisationUnit, OrganisationUnit | None]] = []
    stack: list[tuple[OrganisationUnit, OrganisationUnit | None]] = [(unit, None) for unit in reversed(children.get(None, []))]
    while stack:
        unit, parent = stack.pop()
        found.append((unit, parent))
        stack.extend((child, unit) for child in reversed(children.get(unit.pk, [])))
    return found


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The units whose people the user keeps, and the people who have signed in without a role yet."""
    ids = managed_unit_ids(request.user)
    if not ids:
        raise PermissionDenied
    units = list(OrganisationUnit.objects.filter(pk__in=ids).select_related("municipality")
                 .annotate(members=Count("memberships")).order_by("municipality__name", "order", "name"))
    newcomers = (get_user_model().objects.filter(is_active=True, memberships__isnull=True, last_login__isnull=False)
                 .order_by("-last_login")[:50])
    return render(request, "people/index.html", {
        "units": _tree(units), "newcomers": newcomers, "breadcrumbs": [(_("People and access"), "")],
    })


def _render_unit(request: HttpRequest, unit: OrganisationUnit, *, roles: list[Role], grant_form=None,
                 invite_form=None, status: int = 200) -> HttpResponse:
    user = request.user
    people = [(row, not row.inherited and row.membership.user_id != user.pk and row.membership.role in roles)
              for row in holders(unit)]
    return render(request, "people/unit.html", {
        "unit": unit, "people": people, "editable": bool(roles), "roles": role_choices(roles),
        "children": list(unit.children.order_by("order", "name")),
        "grant_form": grant_form or GrantForm(actor=user, roles=roles),
        "invite_form": invite_form or InviteForm(roles=roles),
        "managed": managed_unit_ids(user),
        "breadcrumbs": [(_("People and access"), reverse("people:index")), (unit.name, "")],
    }, status=status)


def _back(unit: OrganisationUnit) -> HttpResponse:
    return redirect("people:unit", unit.municipality.slug, unit.slug)


@login_required
def unit_people(request: HttpRequest, municipality: str, unit: str) -> HttpResponse:
    found = _get_unit_for_user(request, municipality, unit)
    return _render_unit(request, found, roles=grantable_roles(request.user, found))


def _editable_unit(request: HttpRequest, municipality: str, unit: str) -> tuple[OrganisationUnit, list[Role]]:
    """The unit and the roles the user may give there (none: refused)."""
    found = _get_unit_for_user(request, municipality, unit)
    roles = grantable_roles(request.user, found)
    if not roles:
        raise PermissionDenied
    return found, roles


@login_required
@require_POST
def grant(request: HttpRequest, municipality: str, unit: str) -> HttpResponse:
    found, roles = _editable_unit(request, municipality, unit)
    form = GrantForm(request.POST, actor=request.user, roles=roles)
    if form.is_valid():
        try:
            membership = memberships.grant(actor=request.user, unit_id=found.pk, user_id=form.cleaned_data["person"].pk,
                                    role=form.cleaned_data["role"])
        except MembershipRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("%(person)s is now %(role)s at %(unit)s.") % _said(membership))
            return _back(found)
    return _render_unit(request, found, roles=roles, grant_form=form, status=400)


@login_required
@require_POST
def invite(request: HttpRequest, municipality: str, unit: str) -> HttpResponse:
    found, roles = _editable_unit(request, municipality, unit)
    form = InviteForm(request.POST, roles=roles)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invitation = memberships.invite(actor=request.user, unit_id=found.pk, email=data["email"],
                                       first_name=data["first_name"], last_name=data["last_name"], role=data["role"])
        except MembershipRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            send_invitation(membership=invitation.membership, invited_by=request.user,
                            new_account=invitation.user_created)
            messages.success(request, _("%(person)s is now %(role)s at %(unit)s, and has been sent an e-mail.")
                             % _said(invitation.membership))
            return _back(found)
    return _render_unit(request, found, roles=roles, invite_form=form, status=400)


@login_required
@require_POST
def change(request: HttpRequest, municipality: str, unit: str) -> HttpResponse:
    found, _roles = _editable_unit(request, municipality, unit)
    form = ChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return _back(found)
    try:
        membership = memberships.change(actor=request.user, unit_id=found.pk, membership_id=form.cleaned_data["membership"],
                                 role=form.cleaned_data["role"])
    except MembershipRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("%(person)s is now %(role)s at %(unit)s.") % _said(membership))
    return _back(found)


@login_required
@require_POST
def revoke(request: HttpRequest, municipality: str, unit: str) -> HttpResponse:
    found, _roles = _editable_unit(request, municipality, unit)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The role no longer exists, or is not yours to change."))
        return _back(found)
    try:
        membership = memberships.revoke(actor=request.user, unit_id=found.pk, membership_id=form.cleaned_data["membership"])
    except MembershipRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("%(person)s is no longer %(role)s at %(unit)s.") % _said(membership))
    return _back(found)


def _said(membership) -> dict[str, str]:
    user = membership.user
    return {"person": user.get_full_name() or user.get_username(), "role": membership.get_role_display().lower(),
            "unit": membership.unit.name}


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """An invited person chooses their password from the link in the e-mail (used once)."""

    template_name = "people/set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is saved. Log in with it."))
        return super().form_valid(form)
