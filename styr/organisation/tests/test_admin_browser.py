"""The demo controller keeps the structure in the admin, in a real browser; axe-checked."""

import pytest
from playwright.sync_api import expect

from styr.demo.loader import DEMO_PASSWORD, load_demo
from styr.followup.models import StatusOption

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_controller_keeps_the_structure_and_is_told_when_a_colour_is_not_one(live_server, page, assert_accessible):
    load_demo()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Användarnamn").fill("controller")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Struktur, skalor och uppföljningar")
    assert_accessible(page)

    status = StatusOption.objects.order_by("order").first()
    page.goto(f"{live_server.url}/admin/followup/statusoption/{status.pk}/change/")
    page.get_by_label("Färg").fill("#zzzzzz")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Skriv färgen som # och sex hexadecimala siffror, t.ex. #1b7a3a.")).to_be_visible()
    assert_accessible(page)
    status.refresh_from_db()
    assert status.colour.startswith("#") and status.colour != "#zzzzzz"

    page.goto(f"{live_server.url}/admin/plans/measure/")
    page.get_by_role("link", name="Utredningstid missbruk, antal dagar i genomsnitt").click()
    expect(page.get_by_role("heading", name="Etappmål")).to_be_visible()
    assert_accessible(page)

    for listing in ("organisation/organisationunit", "plans/commitment", "followup/assessmentscale"):
        page.goto(f"{live_server.url}/admin/{listing}/")
        assert_accessible(page)
        page.locator("#result_list tbody th a").first.click()
        expect(page.get_by_role("button", name="Spara", exact=True)).to_be_visible()
        assert_accessible(page)
