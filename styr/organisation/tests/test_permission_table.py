"""Generated from the permission table: every route, called as every role, must do what the table says."""

import datetime
import re

import pytest
from django.test import Client

from styr.followup.models import GoalAssessment, PeriodProgress, ProgressState
from styr.organisation.models import Membership, Role
from styr.organisation.permissions import PUBLIC, ROUTES, Relation, State, allowed_by_role
from styr.testing import make_user
from styr.testing.routes import routes

# Who calls: (username or None, role in the table, relation to the committee)
CALLERS = [
    (None, PUBLIC, Relation.PUBLIC),
    ("charlie", Role.READER, Relation.OWN),
    ("erik", Role.REPORTER, Relation.OWN),
    ("bob", Role.REPORTER, Relation.BELOW),
    ("alice", Role.CONTROLLER, Relation.OWN),
    ("ada", Role.ADMINISTRATOR, Relation.OWN),
    ("dave", None, None),
]
POST_ONLY = {"followup_step", "followup_remind", "logout", "documents:decide", "documents:start_build", "kpis:refresh", "kpis:revision", "planning:publish", "saml2_acs",
             "saml2_ls_post", "people:grant", "people:invite", "people:change", "people:revoke"}


def test_every_route_is_in_the_table():
    missing = [name for name in routes() if name not in ROUTES]
    assert not missing, f"Routes missing from styr.organisation.permissions.ROUTES: {missing}"


@pytest.fixture
def world(world):
    world.erik = make_user("erik", "Erik")
    world.ada = make_user("ada", "Ada")
    Membership.objects.create(user=world.erik, unit=world.committee, role=Role.REPORTER)
    Membership.objects.create(user=world.ada, unit=world.committee, role=Role.ADMINISTRATOR)
    return world


def sample_kwargs(world, name: str) -> dict:
    kwargs = {"municipality": "testby", "unit": "socialnamnden", "year": 2020, "goal": world.goal.slug, "goal_slug": world.goal.slug,
              "measure": world.measure.slug, "measure_slug": world.measure.slug, "period": world.period.slug, "period_slug": world.period.slug, "kind": "vb", "fmt": "html",
              "slug": "testby", "unit_id": world.committee.pk, "plan_id": world.plan.pk, "period_id": world.period.pk,
              "goal_id": world.goal.pk, "measure_id": world.measure.pk, "item_id": 0, "revision": 0,
              "uidb64": "MQ", "token": "set-password"}
    if name == "object_history":
        assessment = GoalAssessment.objects.create(goal=world.goal, period=world.period, text="Bra.")
        kwargs.update({"model": "goalassessment", "pk": assessment.pk})
    if name.startswith("documents:"):
        from styr.documents.builder import build_document
        from styr.documents.models import DecidedDocument

        decided = DecidedDocument.objects.filter(unit=world.committee, period=world.period).first()
        if decided is None:  # one decided document per period
            content = build_document(unit=world.committee, year=2020, period=world.period).to_dict()
            decided = DecidedDocument.objects.create(
                unit=world.committee, period=world.period, decided_on=datetime.date(2021, 2, 23), paragraph="§ 1",
                content=content, content_hash="0" * 64,
            )
            decided.files.create(format="html", name="vb.html", data=b"<p>VB</p>", sha256="0" * 64)
        kwargs.update({"build_id": "00000000-0000-0000-0000-000000000000", "pk": decided.pk})
    return kwargs


# A document build belongs to whoever asked for it (anonymous builds to every anonymous visitor).
OWN_BUILD_ROUTES = {"documents:build_status", "documents:build_download"}


def own_build_url(world, name: str, user) -> str:
    from styr.documents.models import BuildStatus, DocumentBuild

    build = DocumentBuild.objects.create(
        unit=world.committee, period=world.period, format="html", status=BuildStatus.DONE, name="vb.html",
        data=b"<p>VB</p>", requested_by=user,
    )
    return url_for(world, name).replace("00000000-0000-0000-0000-000000000000", str(build.pk))


def url_for(world, name: str) -> str:
    kwargs = sample_kwargs(world, name)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(kwargs[match.group(1)]), routes()[name])


def refused(response) -> bool:
    if response.status_code in (401, 403):  # the API answers 401 (WWW-Authenticate: Token) where pages redirect
        return True
    location = response.headers.get("Location", "")
    return response.status_code in (301, 302) and ("logga-in" in location or "admin/login" in location)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_role_gets_what_the_table_allows(world, name):
    subject, action, state = ROUTES[name]
    url = url_for(world, name)
    wrong = []
    for username, role, relation in CALLERS:
        PeriodProgress.objects.update_or_create(
            plan=world.plan, period=world.period,
            defaults={"state": ProgressState.READY if state == State.READY else ProgressState.OPEN},
        )
        client = Client()
        user = getattr(world, username) if username else None
        if user:
            client.force_login(user)
        if name in OWN_BUILD_ROUTES:
            url = own_build_url(world, name, user)
        response = client.post(url, {"step": "mark_ready"}) if name in POST_ONLY else client.get(url)
        # Cast's municipality publishes without login, so the PUBLIC rules apply to every caller.
        expected = (
            (role is not None and allowed_by_role(role, relation, subject=subject, action=action, state=state))
            or allowed_by_role(PUBLIC, Relation.PUBLIC, subject=subject, action=action, state=state)
            or allowed_by_role(PUBLIC, Relation.ANYONE, subject=subject, action=action, state=state)
        )
        if refused(response) == expected:
            wrong.append(f"{username or 'anonymous'} ({role}, {relation}): expected "
                         f"{'allowed' if expected else 'refused'}, got {response.status_code} {response.headers.get('Location', '')}")
    assert not wrong, f"{name} {url}:\n" + "\n".join(wrong)
