"""Kolada revises a decided figure: it is held, shown to the controller, and applied only as an amendment."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from styr.followup import services
from styr.followup.models import MeasureOutcome, OutcomeRevision, PeriodProgress, ProgressState
from styr.history.models import Change, ChangeEvent, ChangeSource


@pytest.fixture
def decided(world):
    outcome = MeasureOutcome.objects.create(measure=world.measure, year=2020, month=12, total=Decimal("60"),
                                            women=Decimal("55"))
    PeriodProgress.objects.create(plan=world.plan, period=world.period, state=ProgressState.DECIDED,
                                  decided_on=datetime.date(2021, 3, 1), decision_paragraph="§ 12")
    return outcome


def _kolada(world, own):
    return services.refresh_outcome_from_kolada(
        user=None, measure=world.measure, year=2020, month=12, own=own,
        reference={"county_average": Decimal("70"), "rank": 3, "rank_of": 24})


def test_a_revision_is_held_with_the_decided_genders_kept(world, decided):
    assert _kolada(world, {"total": Decimal("58")}) == "held"
    revision = OutcomeRevision.objects.get()
    assert revision.values() == {"total": Decimal("58"), "women": Decimal("55"), "men": None}
    assert MeasureOutcome.objects.get(pk=decided.pk).total == Decimal("60")
    assert _kolada(world, {"total": Decimal("60")}) == "unchanged"  # Kolada agrees with the decision again
    assert not OutcomeRevision.objects.exists()


def test_the_controller_applies_it_as_an_amendment(world, decided):
    _kolada(world, {"total": Decimal("58")})
    with pytest.raises(services.WriteRefused):
        services.apply_outcome_revision(user=world.bob, revision=OutcomeRevision.objects.get(), reason="Kolada-revision")
    with pytest.raises(services.WriteRefused):
        services.apply_outcome_revision(user=world.alice, revision=OutcomeRevision.objects.get(), reason=" ")
    services.apply_outcome_revision(user=world.alice, revision=OutcomeRevision.objects.get(), reason="Kolada-revision")
    assert MeasureOutcome.objects.get(pk=decided.pk).total == Decimal("58")
    change = Change.objects.get(object_id=str(decided.pk), event=ChangeEvent.AMENDED)
    assert (change.reason, change.source, change.user) == ("Kolada-revision", ChangeSource.KOLADA, world.alice)
    assert not OutcomeRevision.objects.exists()


def test_the_page_shows_the_revision_and_keeping_the_decided_figure_is_recorded(client, world, decided):
    _kolada(world, {"total": Decimal("58")})
    revision = OutcomeRevision.objects.get()
    args = [world.municipality.slug, world.committee.slug, 2020, world.measure.slug]
    client.force_login(world.alice)
    page = client.get(reverse("kpis:link", args=args)).content.decode()
    assert "Kolada har reviderat beslutade värden" in page and "58 dagar" in page and "60 dagar" in page
    other = client.post(reverse("kpis:revision", args=[*args, revision.pk + 1]), {"choice": "keep"})
    assert other.status_code == 404
    client.post(reverse("kpis:revision", args=[*args, revision.pk]), {"choice": "keep"})
    assert not OutcomeRevision.objects.exists()
    assert MeasureOutcome.objects.get(pk=decided.pk).total == Decimal("60")
    assert Change.objects.filter(event=ChangeEvent.DELETED, source=ChangeSource.KOLADA, user=world.alice).exists()
