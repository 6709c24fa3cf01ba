"""Every write of a municipality's own configuration: the municipality, its vocabulary and its units.

Permissions are checked inside the transaction against the object written; every write is recorded in
the history. Whoever creates a municipality or a unit keeps it: a controller's membership is made in the same
transaction where their roles would not reach it (`keep_in_scope`).
"""

from collections.abc import Mapping

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styr.history.models import ChangeSource
from styr.history.services import delete_recorded, save_recorded
from styr.organisation.access import keeps_municipality, may_create_municipality
from styr.organisation.models import (
    DEFAULT_TERMS,
    Membership,
    Municipality,
    OrganisationUnit,
    Role,
    Term,
    TermKey,
    UnitKind,
    Vocabulary,
)
from styr.organisation.permissions import Action, State, Subject, allowed

Actor = User | AnonymousUser | None
# What a keeper may change on the municipality's settings page (the slug is in every address; it stays).
SETTINGS = ["name", "short_name", "kolada_id", "vision", "vision_text", "assessment_criteria", "publish_without_login",
            "unreported_display", "print_council_goal_text", "goal_texts_in_every_document"]


def check_keeps(user: Actor, municipality: Municipality) -> None:
    """Refuse unless the user keeps the municipality; `None` is a command run on the server, which may."""
    if user is not None and not keeps_municipality(user, municipality):
        raise PermissionDenied(_("You do not keep the configuration of %(municipality)s.") % {"municipality": municipality})


def keep_in_scope(*, user: Actor, unit: OrganisationUnit, source: ChangeSource, controller: Actor = None) -> None:
    """Whoever created the unit (or `controller`) keeps it: a controller's membership there unless their roles
    already let them keep its structure. Run in the transaction that created the unit."""
    controller = controller or user
    if controller is None or not controller.is_authenticated:
        return
    if not allowed(controller, subject=Subject.STRUCTURE, action=Action.EDIT, unit=unit, state=State.ANY):
        save_recorded(user=user, instance=Membership(), source=source,
                      values={"user": controller, "unit": unit, "role": Role.CONTROLLER})


@transaction.atomic
def create_municipality(
    *, user: Actor, name: str, short_name: str, slug: str, kolada_id: str, committee: str, committee_slug: str,
    controller: Actor = None, source: ChangeSource = ChangeSource.PAGE,
) -> Municipality:
    """A new municipality with its first committee, where the user who created it (or `controller`, named when
    a command sets it up) becomes controller."""
    if user is not None and not may_create_municipality(user):
        raise PermissionDenied(_("Only a superuser or the controller of a municipality may set up a municipality."))
    municipality = save_recorded(user=user, instance=Municipality(), source=source,
                                 values={"name": name, "short_name": short_name, "slug": slug, "kolada_id": kolada_id})
    unit = save_recorded(user=user, instance=OrganisationUnit(), source=source, values={
        "municipality": municipality, "kind": UnitKind.COMMITTEE, "name": committee, "slug": committee_slug})
    keep_in_scope(user=user, unit=unit, source=source, controller=controller)
    return municipality


@transaction.atomic
def update_municipality(*, user: Actor, municipality: Municipality, source: ChangeSource = ChangeSource.PAGE,
                        **values) -> Municipality:
    """Change the municipality's own settings (name, vision, publication without login, …)."""
    locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
    check_keeps(user, locked)
    if set(values) - set(SETTINGS):
        raise ValueError(f"not a setting of the municipality: {sorted(set(values) - set(SETTINGS))}")
    return save_recorded(user=user, instance=locked, values=values, source=source)


@transaction.atomic
def save_vocabulary(*, user: Actor, municipality: Municipality, words: Mapping[str, tuple[str, ...]],
                    source: ChangeSource = ChangeSource.PAGE) -> None:
    """Set the municipality's words per concept: (singular, plural), keeping the definite and short forms saved,
    or (singular, plural, definite, short), an empty form following the singular ("mått" → "mått", "Mått").
    Styr's default words keep no row of their own."""
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    check_keeps(user, municipality)
    saved = {term.key: term for term in Term.objects.filter(municipality=municipality)}
    default = Vocabulary.of([])
    for key, given in words.items():
        key = TermKey(key)
        term = saved.get(key)
        singular, plural, *forms = given
        definite, short = forms or ((term.definite, term.short) if term else ("", ""))
        values = {"singular": singular, "plural": plural, "definite": "" if definite == singular.lower() else definite,
                  "short": "" if short == singular else short}
        shown = (singular, plural, definite or singular.lower(), short or singular)
        if shown == tuple(default[name] for name in (key, f"{key}_plural", f"{key}_definite", f"{key}_short")) or (
                not forms and (singular, plural) == DEFAULT_TERMS[key] and not (values["definite"] or values["short"])):
            if term is not None:
                delete_recorded(user=user, instance=term, source=source)
        elif term is None or any(getattr(term, name) != value for name, value in values.items()):
            save_recorded(user=user, instance=term or Term(municipality=municipality, key=key), source=source,
                          values=values)


@transaction.atomic
def create_unit(
    *, user: Actor, municipality: Municipality, parent: OrganisationUnit | None, kind: str, name: str, slug: str,
    source: ChangeSource = ChangeSource.PAGE,
) -> OrganisationUnit:
    """A new unit under `parent` (a unit the user keeps), or a new committee at the top of a municipality the
    user keeps, which the user keeps too (`keep_in_scope`)."""
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    if parent is None:
        check_keeps(user, municipality)
    else:
        parent = OrganisationUnit.objects.get(pk=parent.pk)
        if parent.municipality_id != municipality.pk:
            raise ValidationError({"parent": _("The unit above must be of the same municipality.")})
        if user is not None and not allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=parent,
                                            state=State.ANY):
            raise PermissionDenied(_("You do not keep %(unit)s.") % {"unit": parent})
    order = OrganisationUnit.objects.filter(municipality=municipality, parent=parent).count()
    unit = save_recorded(user=user, instance=OrganisationUnit(municipality=municipality), source=source,
                         values={"parent": parent, "kind": kind, "name": name, "slug": slug, "order": order})
    keep_in_scope(user=user, unit=unit, source=source)
    return unit
