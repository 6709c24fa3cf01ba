"""Document builds: anonymous visitors share a fresh build, are limited in number, and builds expire."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from styr.documents import services
from styr.documents.models import BuildStatus, DocumentBuild
from styr.documents.tasks import run_build


@pytest.fixture
def urls(world):
    args = [world.municipality.slug, world.committee.slug, 2020]
    return {
        "start": lambda fmt: reverse("documents:start_build", args=[*args, world.period.slug, fmt]),
        "download": lambda build: reverse("documents:build_download", args=[*args, build.pk]),
    }


def _age(build: DocumentBuild, delta: datetime.timedelta) -> None:
    DocumentBuild.objects.filter(pk=build.pk).update(created_at=timezone.now() - delta)


def test_anonymous_visitors_share_one_fresh_build_of_a_period_and_format(world, urls):
    first, second = Client(), Client()
    first.post(urls["start"]("pdf"), HTTP_HX_REQUEST="true")
    response = second.post(urls["start"]("pdf"), HTTP_HX_REQUEST="true")
    build = DocumentBuild.objects.get()
    assert build.requested_by is None and build.status == BuildStatus.DONE
    assert urls["download"](build) in response.content.decode()
    assert second.get(urls["download"](build)).content.startswith(b"%PDF")
    # A signed-in user gets a build of their own, and may not take the anonymous one.
    signed_in = Client()
    signed_in.force_login(world.charlie)
    signed_in.post(urls["start"]("pdf"))
    assert DocumentBuild.objects.filter(requested_by=world.charlie).count() == 1
    assert signed_in.get(urls["download"](build)).status_code == 403
    # Once stale, the next anonymous visitor gets a new build.
    _age(build, services.ANONYMOUS_BUILD_FRESH + datetime.timedelta(seconds=1))
    Client().post(urls["start"]("pdf"))
    assert DocumentBuild.objects.filter(requested_by=None).count() == 2


def test_anonymous_builds_under_way_are_limited(world, urls):
    for _ in range(services.ANONYMOUS_BUILDS_AT_ONCE):
        DocumentBuild.objects.create(unit=world.committee, period=world.period, format="docx")
    response = Client().post(urls["start"]("pdf"))
    assert response.status_code == 429 and "Många filer skapas just nu" in response.content.decode()
    htmx = Client().post(urls["start"]("pdf"), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "Många filer skapas just nu" in htmx.content.decode()
    assert not DocumentBuild.objects.filter(format="pdf").exists()
    # A signed-in user is not held up by anonymous visitors.
    client = Client()
    client.force_login(world.charlie)
    assert client.post(urls["start"]("pdf")).status_code == 200


def test_stored_anonymous_builds_are_capped_and_expired_builds_deleted_by_the_build_task(world, monkeypatch):
    monkeypatch.setattr(services, "ANONYMOUS_BUILDS_KEPT", 3)
    builds = [services.start_build(user=None, unit=world.committee, period=world.period, fmt=fmt)[0]
              for fmt in ("html", "pdf", "docx")]
    for build in builds:
        DocumentBuild.objects.filter(pk=build.pk).update(status=BuildStatus.DONE)
        _age(build, datetime.timedelta(minutes=20))  # stale: not shared any more, not yet expired
    services.start_build(user=None, unit=world.committee, period=world.period, fmt="pdf")
    assert DocumentBuild.objects.count() == 3 and not DocumentBuild.objects.filter(pk=builds[0].pk).exists()

    old_anonymous = builds[1]
    _age(old_anonymous, services.ANONYMOUS_BUILD_KEPT + datetime.timedelta(seconds=1))
    yesterday, _ = services.start_build(user=world.charlie, unit=world.committee, period=world.period, fmt="pdf")
    _age(yesterday, services.SIGNED_IN_BUILD_KEPT + datetime.timedelta(seconds=1))
    today, _ = services.start_build(user=world.charlie, unit=world.committee, period=world.period, fmt="html")
    run_build(str(today.pk))
    assert not DocumentBuild.objects.filter(pk__in=[old_anonymous.pk, yesterday.pk]).exists()
    today.refresh_from_db()
    assert today.status == BuildStatus.DONE and DocumentBuild.objects.count() == 3
