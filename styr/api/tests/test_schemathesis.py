"""Schemathesis against the live OpenAPI description (/api/openapi.json) with the demo loaded.

Checks: no server error, and every answer's status, content type and body as the description
states. Random ids would stop nearly every request at 404, so:
- coverage phase (boundary and malformed values for every field): the path points at real demo
  items and the demo controller's token is sent, so bodies reach validation and the services;
- fuzzing phase: each path id and body key is mostly swapped for a real one, and half the cases
  carry the token, so permissions, 404s, conflicts and successful writes all occur.
Run with `pytest -s` to see the figures per operation, phase and status.
"""

import time
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation.meta import TestPhase
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from styr.demo.loader import load_demo
from styr.followup.models import AssessmentLevel, FollowUpPeriod, PeriodKind, StatusOption
from styr.organisation.models import OrganisationUnit
from styr.plans.models import Activity, Commitment, Goal, Measure, Plan

MAX_EXAMPLES = 15
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
DEMO: dict = {}  # real ids and keys of the loaded demo, and the demo controller's token
ANSWERS: Counter = Counter()  # (method, path, phase and auth, status) → cases
SECONDS: Counter = Counter()  # (method, path) → seconds spent in requests

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(scope="module")
def connection_kept_open():
    """Requests go straight to the WSGI app, whose signals would close the test's database connection
    (and with it the transaction holding the demo) after each request; Django's test client does the same."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, connection_kept_open):
    """The demo, loaded once for the module in a transaction that is rolled back at its end.

    Each test's own transaction (the `db` fixture) nests inside it, so every operation starts
    from the same demo and one operation's writes do not reach the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        _load()
        yield DEMO
        transaction.set_rollback(True)


def _load() -> None:
    load_demo()
    plan = Plan.objects.get()
    commitment = Commitment.objects.filter(plan=plan).first()
    assert commitment is not None
    plan.activities.create(goal=commitment.goal, commitment=commitment, name="Aktivitet att rapportera")  # the demo has none
    DEMO.clear()
    DEMO.update({
        "slug": ["huddinge"],
        "unit_id": list(OrganisationUnit.objects.values_list("pk", flat=True)),
        "plan_id": [plan.pk],
        # Follow-up periods only: outcomes are written there, unlike in the plan period.
        "period_id": list(FollowUpPeriod.objects.exclude(kind=PeriodKind.PLAN).values_list("pk", flat=True)),
        "goal_id": list(Goal.objects.filter(plan=plan).values_list("pk", flat=True)),
        "measure_id": list(Measure.objects.filter(goal_measures__goal__plan=plan).values_list("pk", flat=True)),
        "commitments": list(Commitment.objects.values_list("pk", flat=True)),
        "activities": list(Activity.objects.values_list("pk", flat=True)),
        "level": [*AssessmentLevel.objects.values_list("key", flat=True), None],
        "status": [*StatusOption.objects.values_list("key", flat=True), None],
        **{name: [0] for name in ("version", "outcome_version", "analysis_version")},
        "token": Token.objects.create(user=plan.unit.memberships.get(user__username="controller").user).key,
    })


def _real(context_path: str) -> dict[str, list]:
    items = "commitments" if "/commitments/" in context_path else "activities"
    return {**DEMO, "item_id": DEMO[items]}


def _mixed(values: dict | None, real: dict):
    """Mostly swap each generated value for a real one of the demo, sometimes keep it."""
    if not values:
        return st.just(values)
    return st.fixed_dictionaries({
        name: st.one_of(*[st.sampled_from(real[name])] * 3, st.just(value)) if real.get(name) else st.just(value)
        for name, value in values.items()
    })


def _signed_in(case):
    case.headers = {**(case.headers or {}), "Authorization": f"Token {DEMO['token']}"}
    return case


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    return _mixed(path_parameters, _real(context.operation.path))


@schema.hook
def flatmap_body(context, body):
    return _mixed(body, DEMO) if isinstance(body, dict) else st.just(body)


@schema.hook
def flatmap_case(context, case):
    return st.booleans().map(lambda signed_in: _signed_in(case) if signed_in else case)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_answers_as_described_without_server_errors(case, demo, db):
    phase = case.meta.phase.name if case.meta else "explicit"
    if phase == TestPhase.COVERAGE and case.path_parameters:
        real = _real(case.operation.path)
        case.path_parameters = {name: real[name][0] for name in case.path_parameters}
        _signed_in(case)
    started = time.perf_counter()
    response = case.call()
    SECONDS[(case.method, case.operation.path)] += time.perf_counter() - started
    auth = "token" if "Authorization" in (case.headers or {}) else "anonymous"
    ANSWERS[(case.method, case.operation.path, f"{phase}/{auth}", response.status_code)] += 1
    case.validate_response(response, checks=CHECKS)


@pytest.fixture(scope="module", autouse=True)
def figures():
    """Print what the run covered (visible with `pytest -s`)."""
    yield
    by_status: Counter = Counter()
    print(f"\nschemathesis: {sum(ANSWERS.values())} requests")
    for (method, path, who, status), count in sorted(ANSWERS.items()):
        by_status[status] += count
        print(f"  {method:7} {path:76} {who:20} {status}: {count}")
    print("  by status:", dict(sorted(by_status.items())))
    print(f"  seconds in requests: {sum(SECONDS.values()):.1f}; slowest:",
          ", ".join(f"{method} {path} {seconds:.1f}" for (method, path), seconds in SECONDS.most_common(3)))
