"""The plan editor in a real browser as the demo's controller (no superuser), by keyboard and at 320 px;
every page axe-checked: build a small plan for a unit, then start 2021 from the committee's 2020 plan."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from styr.demo.loader import DEMO_PASSWORD, load_demo
from styr.plans.models import Activity, GoalMeasure, Measure, Plan, PlanStatus, Target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    return live_server.url


def login(page, site: str, next_path: str) -> None:
    page.goto(f"{site}/konto/logga-in/?next={next_path}")
    page.get_by_label("Användarnamn").fill("controller")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def link(page, text: str, context: str):
    """A link named "text: context", the context visually hidden (read as a separate block)."""
    return page.get_by_role("link", name=re.compile(rf"^{re.escape(text)}\s*:\s*{re.escape(context)}$"))


def fits(page, width: int = 320) -> None:
    """At a phone's width nothing but the tables' own scrolling regions is wider than the screen."""
    page.set_viewport_size({"width": width, "height": 800})
    wide = page.evaluate("w => [...document.querySelectorAll('body *')].filter(e => e.scrollWidth > w)"
                         ".map(e => `${e.tagName} ${e.scrollWidth}px`)", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide


def test_the_controller_builds_a_small_plan_by_keyboard_at_320_px(demo_site, page, assert_accessible):
    login(page, demo_site, "/planera/")
    page.set_viewport_size({"width": 320, "height": 800})
    expect(page.get_by_role("heading", level=1)).to_have_text("Planer")
    assert_accessible(page)
    fits(page)
    page.get_by_role("combobox", name="Enhet").select_option(label="Barnenheten")
    page.get_by_role("spinbutton", name="År").fill("2020")
    page.get_by_role("button", name="Påbörja planen").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Redigera planen")
    expect(page.get_by_text("Planen Barnenheten 2020 är påbörjad som utkast.")).to_be_visible()
    assert_accessible(page)
    fits(page)

    link(page, "Lägg till ett mål", "God omsorg för individen").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny: Mål")
    page.get_by_label("Namn").fill("Trygga barn")
    # The committee's goal is named with its plan, so goals of the same name can be told apart.
    page.get_by_label("Nämndmål som det bidrar till").select_option(
        label="Fler upplever god vård och omsorg (Socialnämnden 2020)")
    assert_accessible(page)
    fits(page)
    page.get_by_role("button", name="Spara").press("Enter")
    expect(page.get_by_role("link", name="Trygga barn", exact=True)).to_be_visible()

    link(page, "Lägg till mått", "Trygga barn").press("Enter")
    page.get_by_label("Namn").fill("Andel barn som känner sig trygga")
    page.get_by_label("Mäts i").select_option(label="procent")
    page.get_by_label("Etappmål för 2020").select_option(label="ett tal")
    page.get_by_label("Jämförelse 2020").select_option(label="≥")
    page.get_by_label("Värde 2020").fill("70,0")
    assert_accessible(page)
    fits(page)
    page.get_by_role("button", name="Spara").press("Enter")
    expect(page.get_by_text("Etappmål 2020: ≥ 70 %")).to_be_visible()

    link(page, "Lägg till utvecklingsåtagande", "Trygga barn").press("Enter")
    page.get_by_label("Namn").fill("Nya samtalsrutiner")
    page.get_by_role("button", name="Spara").press("Enter")
    link(page, "Lägg till aktivitet", "Nya samtalsrutiner").press("Enter")
    page.get_by_label("Namn").fill("Utbilda socialsekreterarna")
    page.get_by_role("button", name="Spara").press("Enter")
    expect(page.get_by_role("link", name="Utbilda socialsekreterarna")).to_be_visible()
    assert_accessible(page)
    fits(page)
    page.get_by_role("button", name="Publicera planen").press("Enter")
    expect(page.get_by_text("Planen är publicerad.")).to_be_visible()

    plan = Plan.objects.get(unit__slug="barnenheten", year=2020)
    measure = Measure.objects.get(name="Andel barn som känner sig trygga")
    assert plan.status == PlanStatus.PUBLISHED
    assert plan.goals.get().parent.plan.unit.slug == "socialnamnden"
    assert Target.objects.get(measure=measure, year=2020).value == Decimal("70.0")
    assert Activity.objects.get(name="Utbilda socialsekreterarna").commitment.name == "Nya samtalsrutiner"


def test_the_controller_starts_2021_from_the_demo_2020_plan(demo_site, page, assert_accessible):
    login(page, demo_site, "/huddinge/socialnamnden/2020/")
    page.get_by_role("link", name=re.compile("^Redigera planen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Redigera planen")
    assert_accessible(page)
    page.get_by_role("link", name="Starta 2021 utifrån detta år").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Starta 2021 utifrån 2020")
    plan = Plan.objects.get(unit__slug="socialnamnden", year=2020)
    expect(page.get_by_role("heading", name=f"{plan.goals.count()} mål förs över")).to_be_visible()
    commitment = plan.commitments.order_by("pk").first()
    expect(page.get_by_label(commitment.name)).to_be_checked()  # nothing is reported done: all are open
    assert_accessible(page)
    fits(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Starta 2021").click()
    expect(page.get_by_text("Planen för 2021 är påbörjad utifrån 2020.")).to_be_visible()
    expect(page.get_by_text("Påbörjad utifrån planen för 2020.")).to_be_visible()
    expect(page.get_by_text("Etappmål för 2021 ska sättas").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publicera planen").click()

    new = Plan.objects.get(unit__slug="socialnamnden", year=2021)
    assert (new.copied_from, new.status, new.goals.count()) == (plan, PlanStatus.PUBLISHED, plan.goals.count())
    assert new.commitments.count() == plan.commitments.count()
    link = GoalMeasure.objects.filter(goal__plan=new, measure__name__startswith="Utredningstid missbruk").get()
    page.goto(f"{demo_site}/huddinge/socialnamnden/2021/matt/{link.measure.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Utredningstid missbruk")
    for year in (2018, 2019, 2020):  # the same series: the earlier years' outcomes are the new year's history
        expect(page.get_by_role("rowheader", name=re.compile(str(year))).first).to_be_visible()
    assert_accessible(page)
