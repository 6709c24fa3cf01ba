"""Search from the header and the politicians' overview in a real browser, checked with axe-core and at 320 px."""

import re

import pytest
from playwright.sync_api import expect

from styr.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_visitor_searches_from_the_header_and_filters(live_server, page, assert_accessible):
    load_demo()
    page.goto(f"{live_server.url}/huddinge/socialnamnden/2020/")
    field = page.get_by_role("searchbox", name="Sök i planerna")
    field.fill("utredningstid")
    field.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sök")
    expect(page.locator("#search-count")).to_contain_text("för ”utredningstid” – Huddinge kommun")
    hits = page.locator(".search-hits a")
    assert hits.count() >= 2
    expect(page.locator(".search-hits mark").first).to_have_text("Utredningstid", ignore_case=True)
    assert_accessible(page)

    page.get_by_label("Typ").select_option(label="Mått")
    page.get_by_role("button", name="Sök", exact=True).last.click()
    expect(page.get_by_role("heading", level=2)).to_have_text(["Mått"])
    page.set_viewport_size({"width": 320, "height": 640})
    assert no_sideways_scroll(page)
    assert_accessible(page)
    first = hits.first.inner_text()
    hits.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first)


def test_a_politician_opens_the_overview_from_the_start_page(live_server, page, assert_accessible):
    load_demo()
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("politiker")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbete")
    page.get_by_role("link", name=re.compile(r"^översikt för politiker\W+Socialnämnden 2020$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt för politiker: Socialnämnden 2020")
    expect(page.get_by_role("img", name="Nämndmål efter måluppfyllelse")).to_be_visible()
    table = page.get_by_role("table", name="Nämndmål efter måluppfyllelse: siffrorna")
    expect(table.get_by_role("row", name="Mycket god 7")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert no_sideways_scroll(page)
    assert_accessible(page)
