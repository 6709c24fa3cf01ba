"""A unit manager in a real browser: start page, a filtered follow-up by keyboard, a save that keeps focus,
a warning on unsaved text, and "ready" with a list of what is empty; at 320 px without sideways scrolling."""

import re

import pytest
from playwright.sync_api import expect

from styr.demo.loader import DEMO_PASSWORD, load_demo
from styr.followup.models import PeriodProgress, ProgressState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FORM = "/huddinge/socialnamnden/2020/uppfoljning/vb/"


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def assert_no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def filled(page) -> tuple[int, int]:
    match = re.match(r"(\d+) av (\d+) ifyllda", page.locator("#form-progress").inner_text())
    assert match
    return int(match[1]), int(match[2])


def test_a_unit_manager_fills_in_by_keyboard_and_marks_ready(live_server, page, assert_accessible):
    load_demo()
    sign_in(page, live_server, "enhetschef")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbete")
    assert_accessible(page)
    page.get_by_role("link", name="Verksamhetsberättelse 2020, Socialnämnden").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{FORM}")
    expect(page.locator("#form-progress")).to_be_visible()  # the form has loaded, not only its address
    headings = page.locator("section > h2").all_inner_texts()
    assert len(headings) == len(set(headings)) > 1  # each goal once
    done, total = filled(page)
    assert done < total

    page.get_by_role("link", name="Visa bara ej ifyllda").focus()
    page.keyboard.press("Enter")
    assert page.locator("form.edit-item:not(.not-filled)").count() == 0
    assert_accessible(page)
    item = page.locator("form.edit-item.not-filled[id^=item-measure-]").first
    item_id = item.get_attribute("id")
    total_input = item.get_by_label("Totalt")
    if not total_input.input_value():
        total_input.focus()
        page.keyboard.type("12")
    item.get_by_label("Analys").focus()
    page.keyboard.type("Skriven med tangentbordet.")
    for _ in range(5):  # the differences, their explanation, the forecast, the judgement of the target, then Save
        page.keyboard.press("Tab")
    expect(item.get_by_role("button", name="Spara")).to_be_focused()
    page.keyboard.press("Enter")

    saved = page.locator(f"#{item_id}")
    expect(saved.get_by_text("Sparat", exact=True)).to_be_visible()
    expect(saved.get_by_role("button", name="Spara")).to_be_focused()
    expect(page.locator("#save-status")).to_contain_text("Sparat:")
    assert filled(page) == (done + 1, total)

    # Unsaved text: "Markera som klar" asks first; declining keeps the page and the text.
    other = page.locator("form.edit-item.not-filled").nth(1)
    other.locator("textarea").first.fill("Inte sparad text.")
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Markera som klar").click()
    assert messages and "inte är sparad" in messages[0]
    expect(other.locator("textarea").first).to_have_value("Inte sparad text.")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Markera som klar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("som klar?")
    expect(page.get_by_text(re.compile(r"\d+ delar är inte ifyllda:"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Markera som klar ändå").click()
    expect(page.get_by_role("heading", name="Det här lämnades in")).to_be_visible()
    expect(page.get_by_text("Skriven med tangentbordet.")).to_be_visible()
    assert PeriodProgress.objects.get(plan__unit__slug="socialnamnden", period__slug="vb").state == ProgressState.READY
    assert_accessible(page)


def test_the_start_page_and_the_form_at_320_px(live_server, page, assert_accessible):
    load_demo()
    page.set_viewport_size({"width": 320, "height": 800})
    for username in ("controller", "enhetschef", "politiker"):
        sign_in(page, live_server, username)
        expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbete")
        assert_no_sideways_scroll(page)
        assert_accessible(page)
        page.context.clear_cookies()
    sign_in(page, live_server, "controller")
    page.goto(f"{live_server.url}{FORM}?visa=ej-ifyllda")
    assert_no_sideways_scroll(page)
    assert_accessible(page)
