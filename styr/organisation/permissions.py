"""Every permission in one declarative table: role × relation to the unit × subject × action × state.

A user's relation to a unit comes from where they hold a role: at the unit or above it
(`OWN`: the role covers the unit and everything below) or only below it (`BELOW`: people in a
unit may read the plan of the committee they belong to). `PUBLIC` is anyone, signed in or not,
where the municipality publishes plans without login. The state is the plan's (draft or
published) for reading, and the unit's follow-up state for writing.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from styr.organisation.models import REQUEST_MEMBERSHIPS, Membership, OrganisationUnit, Role


class Relation(StrEnum):
    ANYONE = "anyone"  # every visitor, signed in or not
    PUBLIC = "public"  # every visitor, where the municipality publishes without login
    OWN = "own"      # role held at the unit or a unit above it
    BELOW = "below"  # role held only at a unit below it


class Subject(StrEnum):
    SITE = "site"                # the start page and signing in and out
    PLAN = "plan"                # goals, measures, results, assessments: reading
    FOLLOWUP = "followup"        # outcomes, analyses, statuses and comments
    ASSESSMENT = "assessment"    # goal assessments and the committee's texts
    STRUCTURE = "structure"      # units, goals, measures, targets, periods (the admin)
    HISTORY = "history"          # the audit trail
    DOCUMENT = "document"        # plans and reports as files


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    MARK_READY = "mark_ready"
    APPROVE = "approve"
    DECIDE = "decide"
    AMEND = "amend"


class State(StrEnum):
    ANY = "any"
    DRAFT = "draft"
    PUBLISHED = "published"
    OPEN = "open"          # the unit is filling in the period
    READY = "ready"        # the unit has marked its part ready
    APPROVED = "approved"  # the controller has approved it
    DECIDED = "decided"    # the committee has decided: locked, only logged amendments


@dataclass(frozen=True)
class Rule:
    role: str
    relation: Relation
    subject: Subject
    action: Action
    states: frozenset[State]


def _rules(role, relation, subject, action, *states) -> Rule:
    return Rule(role, relation, subject, action, frozenset(states or {State.ANY}))


PUBLIC = "public"
WRITABLE = (State.OPEN, State.READY)
ALL_ROLES = (Role.READER, Role.REPORTER, Role.CONTROLLER, Role.ADMINISTRATOR)

RULES: list[Rule] = [
    _rules(PUBLIC, Relation.ANYONE, Subject.SITE, Action.VIEW),
    _rules(PUBLIC, Relation.PUBLIC, Subject.PLAN, Action.VIEW, State.PUBLISHED),
    _rules(PUBLIC, Relation.PUBLIC, Subject.DOCUMENT, Action.VIEW, State.PUBLISHED),
    *(_rules(role, relation, subject, Action.VIEW)
      for role in ALL_ROLES for relation in (Relation.OWN, Relation.BELOW)
      for subject in (Subject.PLAN, Subject.DOCUMENT)),
    *(_rules(role, Relation.OWN, subject, Action.VIEW)
      for role in (Role.REPORTER, Role.CONTROLLER, Role.ADMINISTRATOR) for subject in (Subject.FOLLOWUP, Subject.HISTORY)),
    _rules(Role.REPORTER, Relation.OWN, Subject.FOLLOWUP, Action.EDIT, State.OPEN),
    _rules(Role.REPORTER, Relation.OWN, Subject.FOLLOWUP, Action.MARK_READY, State.OPEN),
    *(_rules(role, Relation.OWN, subject, Action.EDIT, *WRITABLE)
      for role in (Role.CONTROLLER, Role.ADMINISTRATOR) for subject in (Subject.FOLLOWUP, Subject.ASSESSMENT)),
    *(_rules(role, Relation.OWN, Subject.FOLLOWUP, action, *states)
      for role in (Role.CONTROLLER, Role.ADMINISTRATOR)
      for action, states in (
          (Action.MARK_READY, (State.OPEN,)), (Action.APPROVE, (State.READY,)),
          (Action.DECIDE, (State.APPROVED,)), (Action.AMEND, (State.DECIDED,)),
      )),
    *(_rules(role, Relation.OWN, Subject.STRUCTURE, action)
      for role in (Role.CONTROLLER, Role.ADMINISTRATOR) for action in (Action.VIEW, Action.EDIT)),
    *(_rules(role, Relation.OWN, Subject.DOCUMENT, Action.DECIDE)
      for role in (Role.CONTROLLER, Role.ADMINISTRATOR)),
]

# Every route of the site with the subject and action that guard it, and the state the route test
# puts the data in. A route missing here fails the generated test in
# styr/organisation/tests/test_permission_table.py.
ROUTES: dict[str, tuple[Subject, Action, State]] = {
    "home": (Subject.SITE, Action.VIEW, State.ANY),
    "health": (Subject.SITE, Action.VIEW, State.ANY),
    "search": (Subject.SITE, Action.VIEW, State.ANY),  # open to all; the hits are only what the user may read
    "set_language": (Subject.SITE, Action.VIEW, State.ANY),
    "login": (Subject.SITE, Action.VIEW, State.ANY),
    "logout": (Subject.SITE, Action.VIEW, State.ANY),
    "oidc_login": (Subject.SITE, Action.VIEW, State.ANY),
    "oidc_callback": (Subject.SITE, Action.VIEW, State.ANY),
    "saml2_login": (Subject.SITE, Action.VIEW, State.ANY),
    "saml2_acs": (Subject.SITE, Action.VIEW, State.ANY),
    "saml2_logout": (Subject.SITE, Action.VIEW, State.ANY),
    "saml2_ls": (Subject.SITE, Action.VIEW, State.ANY),
    "saml2_ls_post": (Subject.SITE, Action.VIEW, State.ANY),
    "saml2_metadata": (Subject.SITE, Action.VIEW, State.ANY),
    "admin:index": (Subject.STRUCTURE, Action.VIEW, State.ANY),
    "overview": (Subject.PLAN, Action.VIEW, State.PUBLISHED),
    "goal": (Subject.PLAN, Action.VIEW, State.PUBLISHED),
    "dashboard": (Subject.PLAN, Action.VIEW, State.PUBLISHED),
    "measure": (Subject.PLAN, Action.VIEW, State.PUBLISHED),
    "followup_edit": (Subject.FOLLOWUP, Action.VIEW, State.OPEN),
    "followup_step": (Subject.FOLLOWUP, Action.MARK_READY, State.OPEN),
    "followup_progress": (Subject.FOLLOWUP, Action.APPROVE, State.READY),
    "followup_progress_csv": (Subject.FOLLOWUP, Action.APPROVE, State.READY),
    "followup_remind": (Subject.FOLLOWUP, Action.APPROVE, State.READY),
    "measure_series": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "measure_series_excel": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "measure_series_import": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "object_history": (Subject.HISTORY, Action.VIEW, State.ANY),
    "planning:index": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "planning:plan": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "planning:item": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "planning:next_year": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "planning:publish": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "followup_excel_export": (Subject.FOLLOWUP, Action.EDIT, State.OPEN),
    "followup_excel_import": (Subject.FOLLOWUP, Action.EDIT, State.OPEN),
    "kpis:link": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "kpis:refresh": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "kpis:revision": (Subject.STRUCTURE, Action.EDIT, State.ANY),  # and amending decided figures, in the action
    "documents:index": (Subject.DOCUMENT, Action.VIEW, State.PUBLISHED),
    "documents:web": (Subject.DOCUMENT, Action.VIEW, State.PUBLISHED),
    "documents:start_build": (Subject.DOCUMENT, Action.VIEW, State.PUBLISHED),
    "documents:build_status": (Subject.DOCUMENT, Action.VIEW, State.PUBLISHED),
    "documents:build_download": (Subject.DOCUMENT, Action.VIEW, State.PUBLISHED),
    "documents:decided_file": (Subject.DOCUMENT, Action.VIEW, State.PUBLISHED),
    "documents:decide": (Subject.DOCUMENT, Action.DECIDE, State.PUBLISHED),
    "control:overview": (Subject.PLAN, Action.VIEW, State.PUBLISHED),
    "control:edit": (Subject.FOLLOWUP, Action.VIEW, State.OPEN),
    "control:report_excel": (Subject.ASSESSMENT, Action.EDIT, State.OPEN),
    "economy:overview": (Subject.PLAN, Action.VIEW, State.PUBLISHED),
    "economy:forecast": (Subject.FOLLOWUP, Action.VIEW, State.OPEN),
    "economy:import": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "statistics:page": (Subject.PLAN, Action.VIEW, State.PUBLISHED),
    "statistics:import": (Subject.FOLLOWUP, Action.EDIT, State.OPEN),
    "statistics:download": (Subject.PLAN, Action.VIEW, State.PUBLISHED),
    "control:quality": (Subject.FOLLOWUP, Action.VIEW, State.OPEN),
    "control:quality_export": (Subject.FOLLOWUP, Action.EDIT, State.OPEN),
    "control:register": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "control:register_item": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "control:analysis": (Subject.FOLLOWUP, Action.VIEW, State.OPEN),
    "api:schema": (Subject.SITE, Action.VIEW, State.ANY),
    # The municipality's configuration: those who keep one of its top-level units (organisation.access).
    **{f"setup:{name}": (Subject.STRUCTURE, Action.EDIT, State.ANY) for name in (
        "index", "municipality", "vocabulary", "layout", "scale", "statuses", "council_goals", "units", "calendar",
        "item")},
    "people:index": (Subject.STRUCTURE, Action.VIEW, State.ANY),
    "people:unit": (Subject.STRUCTURE, Action.VIEW, State.ANY),
    "people:grant": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "people:invite": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "people:change": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "people:revoke": (Subject.STRUCTURE, Action.EDIT, State.ANY),
    "people:set_password": (Subject.SITE, Action.VIEW, State.ANY),  # the token in the link is the check
    # Reading through the API is reading the plan; its writes are checked per role in styr/api/tests.
    **{f"api:{name}": (Subject.PLAN, Action.VIEW, State.PUBLISHED) for name in (
        "municipalities", "municipality", "units", "periods", "unit_plans", "plan", "plan_followup",
        "goal_assessment", "measure_report", "commitment_status", "activity_status", "measure", "control_report")},
}


@dataclass(frozen=True)
class Held:
    """A role the user holds at a unit, with the unit's place in the tree (its materialised path)."""

    role: str
    unit_id: int
    path: str

    @property
    def above_ids(self) -> list[int]:
        return [int(part) for part in self.path.split("/") if part][:-1]


@contextmanager
def memberships_read_once() -> Iterator[None]:
    """Within the block (a request: styr.organisation.middleware) every user's memberships are read from the
    database once; nested blocks share it; saving or deleting a membership makes them read again."""
    if REQUEST_MEMBERSHIPS.get() is not None:
        yield
        return
    token = REQUEST_MEMBERSHIPS.set({})
    try:
        yield
    finally:
        REQUEST_MEMBERSHIPS.reset(token)


def memberships(user: User | AnonymousUser) -> list[Held]:
    """The user's roles and where they hold them: one query (none more while the memberships are kept)."""
    if not user.is_authenticated:
        return []
    cache = REQUEST_MEMBERSHIPS.get()
    if cache is not None and user.pk in cache:
        return cache[user.pk]
    held = [Held(role, unit_id, path) for role, unit_id, path in
            Membership.objects.filter(user=user).values_list("role", "unit_id", "unit__path")]
    if cache is not None:
        cache[user.pk] = held
    return held


def relations(user: User | AnonymousUser, unit: OrganisationUnit) -> dict[str, set[Relation]]:
    """The user's roles with their relation to the unit, e.g. {"reporter": {OWN}}: compared on the paths."""
    found: dict[str, set[Relation]] = {}
    for held in memberships(user):
        if unit.path.startswith(held.path):
            found.setdefault(held.role, set()).add(Relation.OWN)
        elif held.path.startswith(unit.path):
            found.setdefault(held.role, set()).add(Relation.BELOW)
    return found


def _applies(rule: Rule, subject: Subject, action: Action, state: State) -> bool:
    return rule.subject == subject and rule.action == action and (State.ANY in rule.states or state in rule.states)


def unit_filter(user: User | AnonymousUser, *, subject: Subject, action: Action, state: State, prefix: str = "") -> Q:
    """The units where the table lets the user do `action` on `subject` in `state`, as a filter on
    OrganisationUnit (`prefix` "unit__" filters a model with a unit): the same answer as `allowed`, for a
    whole list in one query. PUBLIC counts where the municipality publishes without login."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    rules = [rule for rule in RULES if _applies(rule, subject, action, state)]
    if any(rule.relation == Relation.ANYONE for rule in rules):
        return Q()
    scope = Q(**{f"{prefix}pk__in": []})
    if any(rule.relation == Relation.PUBLIC for rule in rules):
        scope |= Q(**{f"{prefix}municipality__publish_without_login": True})
    granted = {(rule.role, rule.relation) for rule in rules}
    for held in memberships(user):
        if (held.role, Relation.OWN) in granted:
            scope |= Q(**{f"{prefix}path__startswith": held.path})
        if (held.role, Relation.BELOW) in granted and held.above_ids:
            scope |= Q(**{f"{prefix}pk__in": held.above_ids})
    return scope


def allowed(
    user: User | AnonymousUser, *, subject: Subject, action: Action, unit: OrganisationUnit, state: State,
    published_without_login: bool = False,
) -> bool:
    """Whether the table lets the user do `action` on `subject` of `unit` in `state`."""
    if user.is_authenticated and user.is_superuser:
        return True
    held = relations(user, unit)
    for rule in RULES:
        if not _applies(rule, subject, action, state):
            continue
        if rule.relation == Relation.ANYONE:
            return True
        if rule.relation == Relation.PUBLIC:
            if published_without_login:
                return True
        elif rule.relation in held.get(rule.role, set()):
            return True
    return False


def allowed_by_role(role: str, relation: Relation, *, subject: Subject, action: Action, state: State) -> bool:
    """The table's answer for one role and relation (used by the generated route test)."""
    return any(
        rule.role == role and rule.relation == relation and rule.subject == subject and rule.action == action
        and (State.ANY in rule.states or state in rule.states)
        for rule in RULES
    )
