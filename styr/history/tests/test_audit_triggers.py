"""On PostgreSQL the database itself keeps the history: bulk and raw writes included, and it cannot be altered."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from styr.followup import services
from styr.followup.models import MeasureOutcome

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigger-kept history is a PostgreSQL feature; SQLite keeps Change"
)


def test_every_write_is_recorded_even_bulk_and_raw(world):
    outcome = MeasureOutcome.objects.create(measure=world.measure, year=2020, total=Decimal(111))
    MeasureOutcome.objects.filter(pk=outcome.pk).update(total=Decimal(112))  # a bulk write
    MeasureOutcome.objects.bulk_update([MeasureOutcome(pk=outcome.pk, total=Decimal(113))], ["total"])
    with connection.cursor() as cursor:  # a raw write
        cursor.execute("UPDATE followup_measureoutcome SET total = 114 WHERE id = %s", [outcome.pk])
    MeasureOutcome.objects.filter(pk=outcome.pk).delete()
    events = list(outcome.audit_events.order_by("pgh_id").values_list("pgh_label", "total"))
    assert events == [
        ("insert", Decimal(111)), ("update", Decimal(112)), ("update", Decimal(113)), ("update", Decimal(114)),
        ("delete", Decimal(114)),
    ]


def test_the_history_cannot_be_changed_or_deleted(world):
    assessment = services.assess_goal(user=world.alice, goal=world.goal, period=world.period, level=None,
                                      text="Text.", expected_version=0)
    event = assessment.audit_events.get()
    for statement in ("UPDATE followup_goalassessmentevent SET text = 'förfalskad' WHERE pgh_id = %s",
                      "DELETE FROM followup_goalassessmentevent WHERE pgh_id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pgh_id])
    event.refresh_from_db()
    assert event.text == "Text."
