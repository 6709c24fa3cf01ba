"""The controller enters last years' values of a measure on its series page, in a real browser, by keyboard;
the page is axe-checked and fits a 320 px screen."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from styr.followup.models import MeasureOutcome
from styr.history.models import Change
from styr.testing import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    class World:
        pass

    world = World()
    Cast.build(world)
    world.url = f"{live_server.url}/testby/socialnamnden/matt/{world.measure.slug}/serie/"
    return world


def fits(page, width: int = 320) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    wide = page.evaluate("w => [...document.querySelectorAll('body *')].filter(e => e.scrollWidth > w)"
                         ".map(e => `${e.tagName} ${e.scrollWidth}px`)", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide


def test_the_controller_enters_an_earlier_years_value_by_keyboard(site, page, assert_accessible):
    page.goto(site.url)
    page.get_by_label("Användarnamn").fill("alice")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.locator("h1")).to_contain_text("Serie: Utredningstid")
    assert_accessible(page)
    fits(page)

    new = page.locator("#value-new")
    new.get_by_label("År").fill("2017")
    new.get_by_label("Per månad").select_option(label="April")
    new.get_by_label("Totalt").fill("41,5")
    new.get_by_label("Referensvärde").fill("38")
    new.locator("#id_new-reference_label").focus()
    page.keyboard.type("Riket")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Sparat")
    outcome = MeasureOutcome.objects.get(year=2017, month=4)
    assert (outcome.total, outcome.reference_value, outcome.reference_label) == (Decimal("41.5"), 38, "Riket")
    assert Change.objects.filter(object_id=str(outcome.pk), user=site.alice).exists()

    saved = page.locator(f"#value-outcome-{outcome.pk}")
    expect(saved.locator("h3")).to_have_text("April 2017")
    saved.get_by_label("Totalt").fill("abc")
    saved.get_by_role("button", name="Spara").click()
    expect(page.locator(f"#value-outcome-{outcome.pk} .errorlist").first).to_be_visible()
    assert_accessible(page)
    fits(page)
    outcome.refresh_from_db()
    assert outcome.total == Decimal("41.5")
