"""The internal control in a real browser: read without login, then followed up by the demo controller; axe-checked."""

import re

import pytest
from playwright.sync_api import expect

from styr.control.models import RiskActionReport
from styr.demo.loader import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    return live_server.url


def test_a_visitor_reads_the_internal_control_and_the_controller_follows_it_up(demo_site, page, assert_accessible):
    page.goto(f"{demo_site}/huddinge/socialnamnden/2020/intern-kontroll/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Intern kontroll – Verksamhetsberättelse")
    expect(page.get_by_role("img", name=re.compile("^Riskmatris: Socialnämnden 2020"))).to_be_visible()
    expect(page.get_by_text("SN 2019/1703")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{demo_site}/konto/logga-in/?next=/huddinge/socialnamnden/2020/intern-kontroll/")
    page.get_by_label("Användarnamn").fill("controller")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Fyll i internkontrollens uppföljning").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Intern kontroll: Verksamhetsberättelse 2020")
    assert_accessible(page)

    report = RiskActionReport.objects.filter(status__key="ej-klart").get()
    item = page.locator(f"#item-riskaction-{report.action_id}")
    item.get_by_label("Kommentar").fill("Återupptas i mars 2021.")
    item.get_by_role("button", name="Spara").click()
    expect(item.get_by_text("Sparat", exact=True)).to_be_visible()
    assert_accessible(page)
    report.refresh_from_db()
    assert report.comment == "Återupptas i mars 2021."


def login(page, site: str, next_path: str) -> None:
    page.goto(f"{site}/konto/logga-in/?next={next_path}")
    page.get_by_label("Användarnamn").fill("controller")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def fits(page, width: int = 320) -> None:
    """At a phone's width nothing but the tables' own scrolling regions is wider than the screen."""
    page.set_viewport_size({"width": width, "height": 800})
    wide = page.evaluate("w => [...document.querySelectorAll('body *')].filter(e => e.scrollWidth > w)"
                         ".map(e => `${e.tagName} ${e.scrollWidth}px`)", width)  # what overflows, on failure
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide


def test_the_controller_keeps_the_register_by_keyboard_at_320_px(demo_site, page, assert_accessible):
    base = "/huddinge/socialnamnden/2020/intern-kontroll/"
    login(page, demo_site, base)
    page.get_by_role("link", name="Håll registret: risker, granskningar och kontrollmoment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Internkontrollens register")
    assert_accessible(page)
    fits(page)
    page.get_by_role("link", name="Ny risk").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny: Risk")
    assert_accessible(page)
    fits(page)
    page.get_by_label(re.compile(r"^Risk:?$")).fill("Risk för att barn inte får stöd i tid")
    page.get_by_label("Sannolikhet:", exact=True).select_option("3")
    page.get_by_label("Konsekvens:", exact=True).select_option("4")
    page.get_by_role("button", name="Spara").press("Enter")
    expect(page.get_by_role("link", name="Risk för att barn inte får stöd i tid", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{demo_site}{base}")
    expect(page.get_by_role("img", name=re.compile(r"Hög: R4 \(sannolikhet 3, konsekvens 4\)"))).to_be_attached()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{demo_site}{base}kvalitet/vb/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kvalitetsantal")
    assert_accessible(page)
    fits(page)


def test_the_controller_plans_a_contract_follow_up_and_draws_an_improvement_area(demo_site, page, assert_accessible):
    login(page, demo_site, "/huddinge/socialnamnden/2020/intern-kontroll/register/")
    page.get_by_role("link", name="Ny avtalsuppföljning").click()
    page.get_by_label("Avtal eller tjänst").fill("Hem för vård eller boende")
    page.get_by_label("Väsentlighet").select_option("high")
    page.get_by_label("Läge").select_option("done")
    page.get_by_label("Resultat").fill("Brister i genomförandeplanerna.")
    assert_accessible(page)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("link", name="Hem för vård eller boende")).to_be_visible()
    page.get_by_role("link", name="Ny egenkontroll").click()
    page.get_by_label("Vad som kontrolleras").fill("Dokumentation i akter")
    assert_accessible(page)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("link", name="Dokumentation i akter")).to_be_visible()
    fits(page)

    page.goto(f"{demo_site}/huddinge/socialnamnden/2020/intern-kontroll/analys/vb/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Analys")
    page.get_by_role("textbox", name="Förbättringsområde").fill("Samverkan kring den enskilde")
    page.get_by_label(re.compile("Brister i genomförandeplanerna")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Spara förbättringsområdet").click()
    expect(page.get_by_text("Samverkan kring den enskilde", exact=True)).to_be_visible()
    assert_accessible(page)
    fits(page)
