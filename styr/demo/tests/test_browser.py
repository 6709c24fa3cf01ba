"""The demo in a real browser: read without login, then follow up as the demo controller; axe-checked."""

import re

import pytest
from playwright.sync_api import expect

from styr.demo.loader import DEMO_PASSWORD, load_demo
from styr.followup.models import CommitmentReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    return live_server.url


def test_a_visitor_reads_the_overview_goal_and_measure(demo_site, page, assert_accessible):
    page.goto(f"{demo_site}/huddinge/socialnamnden/2020/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Socialnämnden 2020")
    expect(page.get_by_text("God till mycket god").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Fler upplever god vård och omsorg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fler upplever god vård och omsorg")
    row = page.locator("tbody").filter(has_text="Utredningstid missbruk")
    expect(row).to_contain_text("Ranking 2020: 19/24")
    expect(row).to_contain_text("Utfall 2020: 63 dagar")
    assert_accessible(page)

    page.get_by_role("link", name="Utredningstid missbruk, antal dagar i genomsnitt").click()
    expect(page.get_by_role("img", name=re.compile("^Utredningstid missbruk.*Totalt"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("jämfört med andra kommuner"))).to_be_visible()
    assert_accessible(page)


def test_the_measure_page_at_320_px_scrolls_by_keyboard(demo_site, page, assert_accessible):
    """At 320 px the comparison table is wider than the screen whatever the fonts: its scroll region is
    reachable by keyboard and named (axe's scrollable-region-focusable)."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{demo_site}/huddinge/socialnamnden/2020/")
    page.get_by_role("link", name="Fler upplever god vård och omsorg").click()
    page.get_by_role("link", name="Utredningstid missbruk, antal dagar i genomsnitt").click()
    region = page.get_by_role("region", name=re.compile("jämförelsetabell|comparison table"))
    assert region.evaluate("element => element.scrollWidth > element.clientWidth"), "the table should overflow"
    region.focus()
    page.keyboard.press("ArrowRight")
    expect(region).to_be_focused()
    # Keyboard scrolling may be smooth (animated): wait for it to move.
    region.evaluate("element => new Promise(done => { const start = Date.now(); (function poll() {"
                    " if (element.scrollLeft > 0 || Date.now() - start > 3000) done(); else setTimeout(poll, 50); })(); })")
    assert region.evaluate("element => element.scrollLeft") > 0
    assert_accessible(page)


def test_the_controller_saves_a_follow_up_comment(demo_site, page, assert_accessible):
    page.goto(f"{demo_site}/huddinge/socialnamnden/2020/")
    page.get_by_role("link", name="Logga in").click()
    assert_accessible(page)
    page.get_by_label("Användarnamn").fill("controller")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    page.goto(f"{demo_site}/huddinge/socialnamnden/2020/")
    page.get_by_role("link", name=re.compile("Fyll i uppföljningen")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uppföljning: Verksamhetsberättelse 2020")
    assert_accessible(page)

    report = CommitmentReport.objects.select_related("commitment").order_by("pk").first()
    item = page.locator(f"#item-commitment-{report.commitment_id}")
    comment = item.get_by_label("Kommentar")
    comment.fill("Rutinen blev klar i februari 2021.")
    comment.press("Tab")  # the keyboard reaches the Save button
    item.get_by_role("button", name="Spara").click()
    expect(item.get_by_text("Sparat", exact=True)).to_be_visible()
    assert_accessible(page)

    report.refresh_from_db()
    assert report.comment == "Rutinen blev klar i februari 2021."
    page.reload()
    expect(page.locator(f"#item-commitment-{report.commitment_id}").get_by_label("Kommentar")).to_have_value(
        "Rutinen blev klar i februari 2021."
    )
