"""Reads of anonymous pages and of the API from a read replica, everything else from the primary.

Active when DATABASE_REPLICA_URL is set (settings add the "replica" database and this router).
`ReplicaReads` (middleware) marks the requests whose reads may come from the replica: GET and HEAD
to the API, and GET and HEAD of visitors who are not signed in. A signed-in user's pages read
the primary, so a manager sees a save at once on the page the save redirects to; writes, and
reads inside a transaction, always go to the primary.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
_reads_from_replica: ContextVar[bool] = ContextVar("styr_reads_from_replica", default=False)


class ReadReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if _reads_from_replica.get() and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db != REPLICA  # the replica gets its tables by replication


def replica_may_serve(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    return request.path_info.startswith("/api/") or not request.user.is_authenticated


class ReplicaReads:
    """Lets the router send this request's reads to the replica when `replica_may_serve` says so."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reads_from_replica.set(replica_may_serve(request))
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
