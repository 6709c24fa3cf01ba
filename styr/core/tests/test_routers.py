"""The read-replica router: which requests may read from the replica, and that writes never do."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from styr.core.routers import REPLICA, ReadReplicaRouter, ReplicaReads, replica_may_serve


def request(method: str, path: str, user) -> object:
    made = RequestFactory().generic(method, path)
    made.user = user
    return made


@pytest.mark.parametrize(("method", "path", "signed_in", "replica"), [
    ("GET", "/huddinge/socialnamnden/2020/", False, True),      # a public page
    ("HEAD", "/huddinge/socialnamnden/2020/", False, True),
    ("GET", "/huddinge/socialnamnden/2020/", True, False),      # a signed-in user sees their own saves at once
    ("GET", "/api/municipalities/", True, True),                # API reads, signed in or not
    ("GET", "/api/municipalities/", False, True),
    ("POST", "/konto/logga-in/", False, False),                 # writes and everything they read
    ("PUT", "/api/plans/1/periods/1/goals/1/assessment/", True, False),
])
def test_which_requests_read_from_the_replica(method, path, signed_in, replica):
    user = User(username="u", pk=1) if signed_in else AnonymousUser()
    assert replica_may_serve(request(method, path, user)) is replica


@pytest.mark.django_db(transaction=True)  # so that only the test's own atomic block is one
def test_reads_go_to_the_replica_only_inside_a_replica_request_and_outside_transactions():
    router, seen = ReadReplicaRouter(), []

    def view(_request):
        seen.append(router.db_for_read(User))
        with transaction.atomic():
            seen.append(router.db_for_read(User))  # reading what is about to be written: the primary
        seen.append(router.db_for_write(User))
        return HttpResponse()

    ReplicaReads(view)(request("GET", "/", AnonymousUser()))
    ReplicaReads(view)(request("POST", "/", AnonymousUser()))
    assert seen == [REPLICA, "default", "default", "default", "default", "default"]
    assert router.db_for_read(User) == "default"  # outside any request: a command, a task
    assert not router.allow_migrate(REPLICA, "plans") and router.allow_migrate("default", "plans")
