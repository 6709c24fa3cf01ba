"""Download, fill in and upload the follow-up workbook in a real browser; the pages axe-checked."""

import types

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from styr.followup.models import ActivityReport
from styr.followup.spreadsheets import layout
from styr.organisation.models import Membership, Role, Vocabulary
from styr.plans.models import Activity
from styr.testing import PASSWORD, Cast, make_user
from styr.testing.spreadsheets import cell

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, settings):
    settings.ROOT_URLCONF = "styr.followup.tests.test_spreadsheet_views"
    world = types.SimpleNamespace()
    Cast.build(world)
    erik = make_user("erik", "Erik")
    Membership.objects.create(user=erik, unit=world.committee, role=Role.REPORTER)
    world.activity = Activity.objects.create(plan=world.plan, goal=world.goal, name="Utbilda handläggarna")
    world.url = f"{live_server.url}/testby/socialnamnden/2020/uppfoljning/vb/excel/import/"
    return world


def test_a_reporter_downloads_fills_in_and_uploads(site, page, assert_accessible, tmp_path):
    page.goto(site.url)
    page.get_by_label("Användarnamn").fill("erik")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.locator("h1")).to_contain_text("Verksamhetsberättelse")
    assert_accessible(page)

    with page.expect_download() as download:
        page.locator("ol.steps a").first.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    workbook = load_workbook(path)
    statuses = workbook[layout.status_sheet(Vocabulary.of([])).title]
    cell(statuses, site.activity.name, "Status").value = "Nästan klart"
    workbook.save(path)

    page.locator("#id_file").set_input_files(path)
    page.locator("main form button[type=submit]").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Nästan klart")
    expect(page.locator("#id_file")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert not ActivityReport.objects.exists()

    cell(statuses, site.activity.name, "Status").value = "Klart"
    workbook.save(path)
    page.locator("#id_file").set_input_files(path)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert page.url.endswith("/uppfoljning/vb/")
    assert ActivityReport.objects.get().status.key == "klart"
