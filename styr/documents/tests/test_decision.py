"""One decision: the committee's decision on a period locks it and freezes its document, in one act."""

import datetime
import hashlib
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse

from styr.documents.formatters import render
from styr.documents.model import DocumentError
from styr.documents.models import DecidedDocument
from styr.documents.services import AlreadyDecided, content_hash, decide, period_file
from styr.followup.models import FollowUpPeriod, MeasureOutcome, PeriodProgress, ProgressState
from styr.followup.services import WriteRefused, assess_goal
from styr.history.models import Change, ChangeEvent


@pytest.fixture
def world(world):
    MeasureOutcome.objects.create(measure=world.measure, year=2020, total=Decimal(111))
    return world


def approve(world, period=None):
    PeriodProgress.objects.update_or_create(plan=world.plan, period=period or world.period,
                                            defaults={"state": ProgressState.APPROVED})


def test_one_decision_locks_the_period_and_freezes_its_document(world):
    approve(world)
    decided = decide(user=world.alice, plan=world.plan, period=world.period, decided_on=datetime.date(2021, 2, 15),
                     paragraph=" § 12 ")
    progress = PeriodProgress.objects.get(plan=world.plan, period=world.period)
    assert (progress.state, progress.decided_on, progress.decision_paragraph) == (
        ProgressState.DECIDED, datetime.date(2021, 2, 15), "§ 12")
    assert (decided.period, decided.decided_on, decided.paragraph, decided.decided_by) == (
        world.period, datetime.date(2021, 2, 15), "§ 12", world.alice)
    assert decided.content_hash == content_hash(decided.content)
    assert {file.format for file in decided.files.all()} == {"html", "pdf", "docx"}
    for stored in decided.files.all():
        assert stored.sha256 == hashlib.sha256(bytes(stored.data)).hexdigest()
    events = {(change.content_type.model, change.event, change.source) for change in Change.objects.filter(
        event=ChangeEvent.DECIDED)}
    assert events == {("periodprogress", "decided", "page"), ("decideddocument", "decided", "page")}
    pdf_before = bytes(decided.files.get(format="pdf").data)

    # Later edits of the data never change the decided document.
    MeasureOutcome.objects.filter(measure=world.measure, year=2020).update(total=Decimal(999))
    data, _ = period_file(unit=world.committee, year=2020, period=world.period, fmt="pdf")
    assert data == pdf_before
    assert "999" not in str(DecidedDocument.objects.get(pk=decided.pk).content)
    # Re-rendering the frozen content gives the same content (and, for PDF, the same bytes).
    assert render(decided.document(), "pdf") == pdf_before
    assert "§ 12" in decided.document().decided_label
    with pytest.raises(AlreadyDecided, match="15 februari 2021, § 12"):
        decide(user=world.alice, plan=world.plan, period=world.period, decided_on=datetime.date(2021, 3, 1),
               paragraph="§ 13")
    assert DecidedDocument.objects.count() == 1
    # The period is locked: its figures change only as an amendment with a reason, the document never.
    with pytest.raises(WriteRefused):
        assess_goal(user=world.alice, goal=world.goal, period=world.period, level=None, text="Ändrat", expected_version=0)
    assess_goal(user=world.alice, goal=world.goal, period=world.period, level=None, text="Rättat", expected_version=0,
                reason="Fel i beslutsunderlaget")
    assert Change.objects.filter(event=ChangeEvent.AMENDED, reason="Fel i beslutsunderlaget").exists()
    assert DecidedDocument.objects.get().content == decided.content


def test_a_decision_that_cannot_freeze_its_document_is_not_taken(world, monkeypatch):
    approve(world)

    def broken(document, fmt):
        raise DocumentError("no file")

    monkeypatch.setattr("styr.documents.services.render", broken)
    with pytest.raises(DocumentError):
        decide(user=world.alice, plan=world.plan, period=world.period, decided_on=datetime.date(2021, 2, 15),
               paragraph="§ 12")
    assert PeriodProgress.objects.get(plan=world.plan, period=world.period).state == ProgressState.APPROVED
    assert not DecidedDocument.objects.exists() and not Change.objects.filter(event=ChangeEvent.DECIDED).exists()


def test_two_month_reports_each_decided_show_on_their_own_month_page(world, client):
    months = {}
    for slug, name, month, total in (("mars", "Månadsrapport mars", 3, 130), ("april", "Månadsrapport april", 4, 90)):
        months[slug] = FollowUpPeriod.objects.create(
            municipality=world.municipality, year=2020, kind="month", slug=slug, name=name,
            as_of=datetime.date(2020, month, 28 if month == 3 else 30))
        MeasureOutcome.objects.create(measure=world.measure, year=2020, month=month, total=Decimal(total))
    client.force_login(world.alice)
    args = [world.municipality.slug, world.committee.slug, 2020]
    for slug, paragraph in (("mars", "§ 31"), ("april", "§ 44")):
        approve(world, months[slug])
        response = client.post(reverse("documents:decide", args=[*args, slug]),
                               {"decided_on": "2020-05-12", "paragraph": paragraph}, follow=True)
        assert "Beslutet är registrerat" in response.content.decode()
    march = client.get(reverse("documents:web", args=[*args, "mars"])).content.decode()
    april = client.get(reverse("documents:web", args=[*args, "april"])).content.decode()
    assert "Månadsrapport mars" in march and "§ 31" in march and "§ 44" not in march
    assert "Månadsrapport april" in april and "§ 44" in april and "§ 31" not in april
    assert "130" in march and "90\u00a0dagar" in april.replace("&nbsp;", "\u00a0")
    index = client.get(reverse("documents:index", args=args)).content.decode()
    assert "§ 31" in index and "§ 44" in index


def test_only_a_controller_decides_from_the_follow_up_page(world, client):
    approve(world)
    args = [world.municipality.slug, world.committee.slug, 2020, "vb"]
    edit = reverse("followup_edit", args=args)
    client.force_login(world.charlie)
    response = client.post(reverse("documents:decide", args=args), {"decided_on": "2021-02-15", "paragraph": "§ 1"})
    assert response.status_code == 403 and not DecidedDocument.objects.exists()
    client.force_login(world.alice)
    assert reverse("documents:decide", args=args) in client.get(edit).content.decode()
    response = client.post(reverse("documents:decide", args=args), {"decided_on": "", "paragraph": "§ 1"})
    assert response.status_code == 302 and response["Location"] == edit
    assert not DecidedDocument.objects.exists()
    response = client.post(reverse("documents:decide", args=args), {"decided_on": "2021-02-15", "paragraph": "x" * 51},
                           follow=True)
    page = response.content.decode()
    assert "Paragraf (§)" in page and "51" in page and not DecidedDocument.objects.exists()
    client.post(reverse("documents:decide", args=args), {"decided_on": "2021-02-15", "paragraph": "§ 1"})
    decided = DecidedDocument.objects.get()
    file_url = reverse("documents:decided_file", args=[*args[:3], decided.pk, "docx"])
    assert client.get(file_url).content.startswith(b"PK")
    again = client.post(reverse("documents:decide", args=args), {"decided_on": "2021-03-01", "paragraph": "§ 9"},
                        follow=True)
    assert "redan beslutad 15 februari 2021, § 1" in again.content.decode()
    assert DecidedDocument.objects.count() == 1


def test_deciding_a_period_that_is_not_approved_says_so(world, client):
    client.force_login(world.alice)
    args = [world.municipality.slug, world.committee.slug, 2020, "vb"]
    response = client.post(reverse("documents:decide", args=args), {"decided_on": "2021-02-15", "paragraph": "§ 1"},
                           follow=True)
    assert "Bara en godkänd uppföljning kan beslutas" in response.content.decode()
    assert not DecidedDocument.objects.exists() and not PeriodProgress.objects.filter(state="decided").exists()


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_decide_clicks_give_one_decision_and_clear_answers(world):
    approve(world)
    url = reverse("documents:decide", args=[world.municipality.slug, world.committee.slug, 2020, "vb"])
    barrier = threading.Barrier(10)
    answers: list[tuple[int, str]] = []

    def click(number: int) -> None:
        try:
            client = Client()
            client.force_login(world.alice)
            barrier.wait()
            response = client.post(url, {"decided_on": "2021-02-15", "paragraph": f"§ {number}"}, follow=True)
            page = response.content.decode()
            answers.append((response.status_code, "redan beslutad 15 februari 2021" if "redan beslutad" in page
                            else "registrerat" if "Beslutet är registrerat" in page else page))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=click, args=(number,)) for number in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(answers) == [(200, "redan beslutad 15 februari 2021")] * 9 + [(200, "registrerat")]
    decided = DecidedDocument.objects.get()
    progress = PeriodProgress.objects.get(plan=world.plan, period=world.period)
    assert (progress.state, progress.decision_paragraph) == (ProgressState.DECIDED, decided.paragraph)
    assert Change.objects.filter(event=ChangeEvent.DECIDED).count() == 2  # the progress and the document, once
