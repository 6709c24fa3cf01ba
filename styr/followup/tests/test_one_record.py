"""One record: a decided figure changes only as an amendment, whoever writes and by whichever plan."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections

from styr.followup import services
from styr.followup.models import MeasureAnalysis, MeasureOutcome, PeriodProgress, ProgressState
from styr.history.models import Change, ChangeEvent, ChangeSource
from styr.organisation.models import Membership, Role
from styr.plans.models import Commitment, Goal, GoalMeasure, Plan, PlanStatus


def _decide(world):
    PeriodProgress.objects.update_or_create(
        plan=world.plan, period=world.period,
        defaults={"state": ProgressState.DECIDED, "decided_on": datetime.date(2021, 3, 1), "decision_paragraph": "§ 12"})


def _report(user, world, total, *, version=0, reason=""):
    analysis = MeasureAnalysis.objects.filter(measure=world.measure, period=world.period).first()
    return services.report_measure(
        user=user, measure=world.measure, period=world.period, month=world.period.as_of.month, total=total,
        women=None, men=None, outcome_version=version, analysis="", unjustified_differences=None,
        differences_explanation="", analysis_version=analysis.version if analysis else 0, reason=reason,
    )


def test_a_decided_outcome_changes_only_as_an_amendment_with_a_reason(world):
    outcome, _ = _report(world.alice, world, Decimal("60"))
    _decide(world)
    with pytest.raises(services.WriteRefused):
        _report(world.alice, world, Decimal("61"), version=outcome.version)
    assert MeasureOutcome.objects.get(pk=outcome.pk).total == Decimal("60")
    with pytest.raises(services.WriteRefused):  # a reporter cannot amend at all
        _report(world.bob, world, Decimal("61"), version=outcome.version, reason="fel siffra")
    amended, _ = _report(world.alice, world, Decimal("61"), version=outcome.version, reason="Rättad källa")
    assert amended.total == Decimal("61")
    change = Change.objects.filter(object_id=str(outcome.pk), event=ChangeEvent.AMENDED).get()
    assert (change.reason, change.source) == ("Rättad källa", ChangeSource.PAGE)


def test_a_second_plan_showing_the_measure_cannot_change_the_committees_decided_figure(world):
    """The unit's plan shows the committee's measure; its reporter may not write it, decided or not."""
    outcome, _ = _report(world.alice, world, Decimal("60"))
    _decide(world)
    unit_plan = Plan.objects.create(unit=world.unit, year=2020, status=PlanStatus.PUBLISHED)
    unit_goal = Goal.objects.create(plan=unit_plan, council_goal=world.goal.council_goal, parent=world.goal,
                                    slug="enhetens-mal", name="Enhetens mål")
    GoalMeasure.objects.create(goal=unit_goal, measure=world.measure)
    Membership.objects.create(user=world.bob, unit=world.unit, role=Role.CONTROLLER)
    with pytest.raises(services.WriteRefused):
        _report(world.bob, world, Decimal("99"), version=outcome.version, reason="via enhetens plan")
    assert MeasureOutcome.objects.get(pk=outcome.pk).total == Decimal("60")


def test_styr_itself_never_writes_a_decided_figure(world):
    """Kolada's refresh: reference data refreshes, the decided own value is held for a controller to amend."""
    outcome, _ = _report(world.alice, world, Decimal("60"))
    _decide(world)
    answer = services.refresh_outcome_from_kolada(
        user=None, measure=world.measure, year=2020, month=12, own={"total": Decimal("58")},
        reference={"county_average": Decimal("70"), "rank": 3, "rank_of": 24})
    outcome.refresh_from_db()
    assert answer == "held"
    assert (outcome.total, outcome.county_average, outcome.rank) == (Decimal("60"), Decimal("70"), 3)
    change = Change.objects.filter(object_id=str(outcome.pk), source=ChangeSource.KOLADA).get()
    assert change.event == ChangeEvent.KOLADA_REFRESH and "total" not in change.after


@pytest.mark.django_db(transaction=True)
def test_a_save_racing_mark_ready_is_either_before_it_or_refused(world):
    """The reporter's save and the unit's "mark ready" take the same locked row: never a save after ready."""
    Membership.objects.filter(user=world.bob).update(unit=world.committee)
    commitment = Commitment.objects.create(plan=world.plan, goal=world.goal, name="Ny rutin")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def mark_ready():
        try:
            barrier.wait()
            services.mark_ready(user=world.alice, plan=world.plan, period=world.period)
            outcomes["ready"] = "done"
        finally:
            close_old_connections()

    def save():
        try:
            barrier.wait()
            services.report_commitment_status(
                user=world.bob, commitment=commitment, period=world.period, status=None, comment="sent",
                expected_version=0)
            outcomes["save"] = "saved"
        except services.WriteRefused:
            outcomes["save"] = "refused"
        finally:
            close_old_connections()

    threads = [threading.Thread(target=mark_ready), threading.Thread(target=save)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    progress = PeriodProgress.objects.get(plan=world.plan, period=world.period)
    assert outcomes["ready"] == "done" and progress.state == ProgressState.READY
    saved = Change.objects.filter(event=ChangeEvent.REPORTED).first()
    if outcomes["save"] == "saved":
        assert saved is not None and saved.at <= progress.ready_at
    else:
        assert saved is None
