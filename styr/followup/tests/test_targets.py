"""A measure's target for a year, written through styr.followup.targets: kept by the measure's controller,
recorded, and fixed once a follow-up of the year is decided."""

import datetime
from decimal import Decimal

import pytest

from styr.followup import targets
from styr.followup.models import PeriodProgress, ProgressState
from styr.history.models import Change
from styr.plans.models import Target
from styr.plans.services import WriteRefused

pytestmark = pytest.mark.django_db


def test_the_controller_sets_a_target_and_it_is_recorded(world):
    targets.save_target(user=world.alice, measure=world.measure, year=2020, kind="number", comparator="<=",
                        value=Decimal("30"))
    targets.save_target(user=world.alice, measure=world.measure, year=2020, kind="number", comparator="<=",
                        value=Decimal("28.5"))
    target = Target.objects.get(measure=world.measure, year=2020)
    assert (target.comparator, target.value) == ("<=", Decimal("28.5"))
    changes = Change.objects.filter(content_type__model="target", object_id=str(target.pk)).order_by("pk")
    assert [change.after.get("value") for change in changes] == ["30", "28.5"]


def test_a_reporter_and_a_reader_may_not_set_targets(world):
    for user in (world.bob, world.charlie):
        with pytest.raises(WriteRefused):
            targets.save_target(user=user, measure=world.measure, year=2020, kind="increase")
    assert not Target.objects.exists()


def test_a_number_target_needs_its_number(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        targets.save_target(user=world.alice, measure=world.measure, year=2020, kind="number", value=None)
    assert not Target.objects.exists()


def test_a_decided_years_target_stays_and_the_next_years_is_open(world):
    targets.save_target(user=world.alice, measure=world.measure, year=2020, kind="decrease")
    PeriodProgress.objects.create(plan=world.plan, period=world.period, state=ProgressState.DECIDED,
                                  decided_on=datetime.date(2021, 3, 1), decision_paragraph="§ 12")
    with pytest.raises(WriteRefused):
        targets.save_target(user=world.alice, measure=world.measure, year=2020, kind="increase")
    with pytest.raises(WriteRefused):
        targets.delete_target(user=world.alice, measure=world.measure, year=2020)
    assert Target.objects.get(measure=world.measure, year=2020).kind == "decrease"
    targets.save_target(user=world.alice, measure=world.measure, year=2021, kind="decrease")
    assert Target.objects.filter(measure=world.measure, year=2021).exists()
