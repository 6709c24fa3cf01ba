"""The demo's controller (no superuser) sets up a second municipality on the setup pages, in a real browser:
from the three-level preset, with three council goal groups and numbered goals, a unit and the year's
deadlines per level. Every page is axe-checked and fits 320 px."""

import datetime

import pytest
from playwright.sync_api import expect

from styr.control.tests.test_browser import fits, login
from styr.demo.loader import load_demo
from styr.followup.models import FollowUpPeriod
from styr.organisation.models import Municipality, UnitKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    return live_server.url


def check(page, assert_accessible) -> None:
    """Accessible at the desktop's width and at 320 px, then back to the desktop."""
    assert_accessible(page)
    fits(page)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def section(page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def field(scope, label: str):
    """A form field by its whole label (Django ends labels with a colon)."""
    return scope.get_by_label(f"{label}:", exact=True)


def add_item(page, button: str, fields: dict[str, str], select: dict[str, str] | None = None) -> None:
    page.get_by_role("link", name=button).click()
    for label, value in fields.items():
        field(page, label).fill(value)
    for label, option in (select or {}).items():
        field(page, label).select_option(label=option)
    page.get_by_role("button", name="Spara", exact=True).click()


def test_a_controller_sets_up_a_three_level_municipality_with_its_calendar(demo_site, page, assert_accessible):
    login(page, demo_site, "/")
    page.get_by_role("link", name="Inställningar för kommuner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommuner")
    expect(page.get_by_role("link", name="Huddinge kommun")).to_be_visible()
    check(page, assert_accessible)

    page.get_by_label("En tregradig skala", exact=False).check()
    for label, value in {"Namn": "Norrby kommun", "Kortnamn": "Norrby", "Namn i adresser": "norrby",
                         "Kolada-id": "0139", "Första nämnden": "Kommunstyrelsen", "Första året": "2021"}.items():
        field(page, label).fill(value)
    page.get_by_role("button", name="Lägg upp kommunen").click()
    expect(page.get_by_text("Norrby kommun är upplagd.")).to_be_visible()
    check(page, assert_accessible)

    page.get_by_role("link", name="Fullmäktigemål").click()
    expect(page.get_by_role("heading", level=2)).to_have_text(["Målområden"])
    add_item(page, "Ny grupp", {"Namn": "Strategier", "Ett av dem": "Strategi"})
    page.get_by_role("link", name="Ny grupp").click()
    check(page, assert_accessible)
    field(page, "Namn").fill("Perspektiv")
    page.get_by_role("button", name="Spara", exact=True).click()
    add_item(page, "Nytt fullmäktigemål", {"Nummer": "1", "Namn": "Trygg uppväxt"}, {"Grupp": "Målområden"})
    add_item(page, "Nytt fullmäktigemål", {"Nummer": "2.1", "Namn": "Hållbar ekonomi"}, {"Grupp": "Strategier"})
    expect(section(page, "Målområden").get_by_role("link", name="1 Trygg uppväxt")).to_be_visible()
    expect(section(page, "Strategier").get_by_role("link", name="2.1 Hållbar ekonomi")).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_have_count(3)
    check(page, assert_accessible)

    page.get_by_role("link", name="Norrby", exact=True).click()
    page.get_by_role("link", name="Organisation").click()
    field(page, "Under").select_option(label="Kommunstyrelsen")
    field(page, "Nivå").select_option(label="enhet")
    field(page, "Namn").fill("Norrby skola")
    page.get_by_role("button", name="Lägg till enheten").click()
    expect(page.get_by_text("Sparat: Norrby skola")).to_be_visible()
    check(page, assert_accessible)

    for part in ("Ordlista", "Bedömningsskala", "Statusar"):
        page.get_by_role("link", name="Norrby", exact=True).click()
        page.get_by_role("link", name=part, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(part)
        check(page, assert_accessible)
    expect(page.get_by_role("link", name="Klart", exact=True)).to_be_visible()

    page.get_by_role("link", name="Norrby", exact=True).click()
    page.get_by_role("link", name="Kalender 2021").click()
    interim = section(page, "Delårsrapport 2")
    field(interim, "Sista dag").fill("2021-09-15")
    field(interim, "Sista dag, enhet").fill("2021-09-20")
    interim.get_by_role("button", name="Spara").click()
    expect(section(page, "Delårsrapport 2").get_by_text("En nivå kan inte ha sista dag efter nivån ovanför")).to_be_visible()
    check(page, assert_accessible)
    interim = section(page, "Delårsrapport 2")
    field(interim, "Sista dag, enhet").fill("2021-09-08")
    interim.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Sparat: Delårsrapport 2 2021")).to_be_visible()
    check(page, assert_accessible)

    norrby = Municipality.objects.get(slug="norrby")
    assert list(norrby.council_goal_groups.values_list("name", flat=True)) == ["Målområden", "Strategier", "Perspektiv"]
    assert norrby.assessment_scale.levels.count() == 4
    period = FollowUpPeriod.objects.get(municipality=norrby, year=2021, slug="d2")
    assert period.deadline_for(UnitKind.UNIT) == datetime.date(2021, 9, 8)
    assert period.deadline_for(UnitKind.COMMITTEE) == datetime.date(2021, 9, 15)
