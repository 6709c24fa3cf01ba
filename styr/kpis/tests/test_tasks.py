"""The scheduled sync as a background task (Django's task framework; Immediate backend in tests)."""

import datetime

from django.tasks import TaskResultStatus
from django.test import override_settings

from styr.followup.models import MeasureOutcome
from styr.kpis.models import ImportRun
from styr.kpis.services import last_sync_date
from styr.kpis.tasks import scheduled_sync
from styr.kpis.tests.huddinge import build_huddinge
from styr.kpis.tests.test_client import RECORDINGS

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE, KOLADA_REPLAY_DIR=str(RECORDINGS))
def test_the_scheduled_sync_fetches_and_then_resumes_from_the_last_sync(catalogue):
    _, _, _, measures, _, _ = build_huddinge()
    measures["hme-motivation"].kolada_kpi = "U00201"
    measures["hme-motivation"].save(update_fields=["kolada_kpi"])
    assert last_sync_date() is None
    result = scheduled_sync.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["since"] is None and result.return_value["values_written"] > 1000
    outcome = MeasureOutcome.objects.get(measure=measures["utredningstid-barn-unga"], year=2020)
    assert (outcome.rank, outcome.rank_of) == (18, 24)

    run = ImportRun.objects.get(kind=ImportRun.Kind.SYNC)
    run.started_at = datetime.datetime(2021, 3, 2, 4, 0, tzinfo=datetime.UTC)
    run.save(update_fields=["started_at"])
    assert last_sync_date() == datetime.date(2021, 3, 1)
    again = scheduled_sync.enqueue()
    assert again.return_value["since"] == "2021-03-01" and again.return_value["values_deleted"] == 1
