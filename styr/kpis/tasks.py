"""The scheduled Kolada sync as a background task (Django's task framework, `django.tasks`).

Enqueue it from a scheduler (cron, systemd timer) with `scheduled_sync.enqueue()`; Django 6 ships
only the Immediate and Dummy backends, so a real queue needs e.g. the `django-tasks` package's
database backend in the TASKS setting. Without `since` it resumes from the last sync.
"""

import datetime

from django.tasks import task

from styr.kpis import services
from styr.kpis.client import configured_client


@task
def scheduled_sync(since: str | None = None) -> dict:
    since_date = datetime.date.fromisoformat(since) if since else services.last_sync_date()
    client = configured_client()
    run, changes = services.sync(client=client, since=since_date)
    return {
        "since": since_date.isoformat() if since_date else None,
        "requests": client.requests_made,
        "values_written": run.rows_written if run else 0,
        "values_deleted": run.rows_deleted if run else 0,
        "outcomes_created": changes.created,
        "outcomes_updated": changes.updated,
    }
