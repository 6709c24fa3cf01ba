"""The controller's workbench end to end (issue 9's done-when), in a real browser, as the demo's controller
(no superuser, no admin, no shell): set up a second municipality from the three-level preset with three
groups of council goals, invite a reporter, build a plan, set the deadlines per level, then roll the demo's
2020 plan over to 2021 and see the earlier years' outcomes on the new year's measure page. Every page the
browser loads is axe-checked (the test fails on a page it did not check)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from styr.control.tests.test_browser import fits
from styr.demo.loader import DEMO_PASSWORD
from styr.followup.models import FollowUpPeriod
from styr.organisation.models import Membership, Municipality, Role, UnitKind
from styr.planning.tests.test_browser import link
from styr.plans.models import Activity, GoalMeasure, Plan, PlanStatus
from styr.setup.tests.test_browser import demo_site, field, section

__all__ = ["demo_site"]  # the fixture
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Visits:
    """Every page the browser loads, and those axe-checked; `check` checks the page shown now."""

    def __init__(self, page, assert_accessible):
        self.page, self.assert_accessible = page, assert_accessible
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        page.on("load", lambda loaded: self.loaded.append(loaded.url.split("#")[0]))

    def check(self) -> None:
        self.page.wait_for_load_state()
        self.assert_accessible(self.page)
        self.checked.add(self.page.url.split("#")[0])

    def unchecked(self) -> list[str]:
        return [url for url in self.loaded if url not in self.checked]


def set_up_norrby(page, visits: Visits) -> None:
    page.get_by_role("link", name="Inställningar för kommuner").click()
    visits.check()
    page.get_by_label("En tregradig skala", exact=False).check()
    for label, value in {"Namn": "Norrby kommun", "Kortnamn": "Norrby", "Namn i adresser": "norrby",
                         "Kolada-id": "0139", "Första nämnden": "Barn- och utbildningsnämnden",
                         "Första året": "2021"}.items():
        field(page, label).fill(value)
    page.get_by_role("button", name="Lägg upp kommunen").click()
    expect(page.get_by_text("Norrby kommun är upplagd.")).to_be_visible()
    visits.check()

    page.get_by_role("link", name="Fullmäktigemål").click()
    visits.check()
    for name, one in (("Strategier", "Strategi"), ("Perspektiv", "Perspektiv")):
        page.get_by_role("link", name="Ny grupp").click()
        visits.check()
        field(page, "Namn").fill(name)
        field(page, "Ett av dem").fill(one)
        page.get_by_role("button", name="Spara", exact=True).click()
        visits.check()
    page.get_by_role("link", name="Nytt fullmäktigemål").click()
    visits.check()
    for label, value in {"Nummer": "1", "Namn": "Trygg uppväxt", "Lydelse": "Alla barn ska växa upp tryggt."}.items():
        field(page, label).fill(value)
    field(page, "Grupp").select_option(label="Målområden")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(section(page, "Målområden").get_by_role("link", name="1 Trygg uppväxt")).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_have_text(["Målområden", "Strategier", "Perspektiv"])
    visits.check()

    page.get_by_role("link", name="Norrby", exact=True).click()
    visits.check()
    page.get_by_role("link", name="Organisation").click()
    visits.check()
    field(page, "Under").select_option(label="Barn- och utbildningsnämnden")
    field(page, "Nivå").select_option(label="enhet")
    field(page, "Namn").fill("Norrby skola")
    page.get_by_role("button", name="Lägg till enheten").click()
    expect(page.get_by_text("Sparat: Norrby skola")).to_be_visible()
    visits.check()


def invite_a_reporter(page, site: str, visits: Visits) -> None:
    page.goto(f"{site}/personer/")
    visits.check()
    page.get_by_role("link", name="Norrby skola").click()
    visits.check()
    invite = page.locator("section", has=page.get_by_role("heading", name="Bjud in via e-post"))
    invite.get_by_label("E-postadress").fill("rut.rapport@norrby.example")
    invite.get_by_label("Förnamn").fill("Rut")
    invite.get_by_label("Efternamn").fill("Rapport")
    invite.get_by_label("Roll").select_option(label="Rapportör")
    invite.get_by_role("button", name="Bjud in").click()
    expect(page.get_by_role("status")).to_have_text(
        "Rut Rapport är nu rapportör vid Norrby skola och har fått ett e-postmeddelande.")
    visits.check()


def build_a_plan(page, site: str, visits: Visits) -> None:
    page.goto(f"{site}/")
    visits.check()
    page.get_by_role("link", name="Planer: bygg dem, redigera dem och starta nästa år").click()
    visits.check()
    page.get_by_role("combobox", name="Enhet").select_option(label="Barn- och utbildningsnämnden")
    page.get_by_role("spinbutton", name="År").fill("2021")
    page.get_by_role("button", name="Påbörja planen").click()
    expect(page.get_by_text("Planen Barn- och utbildningsnämnden 2021 är påbörjad som utkast.")).to_be_visible()
    visits.check()

    link(page, "Lägg till ett mål", "1 Trygg uppväxt").click()
    visits.check()
    page.get_by_label("Namn").fill("Fler elever når målen")
    page.get_by_role("button", name="Spara").click()
    visits.check()
    link(page, "Lägg till mått", "Fler elever når målen").click()
    visits.check()
    page.get_by_label("Namn").fill("Andel elever med godkända betyg")
    page.get_by_label("Mäts i").select_option(label="procent")
    for year, value in ((2021, "80,5"), (2022, "83")):
        page.get_by_label(f"Etappmål för {year}").select_option(label="ett tal")
        page.get_by_label(f"Jämförelse {year}").select_option(label="≥")
        page.get_by_label(f"Värde {year}").fill(value)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Etappmål 2021: ≥ 80,5 %")).to_be_visible()
    visits.check()
    link(page, "Lägg till utvecklingsåtagande", "Fler elever når målen").click()
    visits.check()
    page.get_by_label("Namn").fill("Läsfrämjande i alla klasser")
    page.get_by_role("button", name="Spara").click()
    visits.check()
    link(page, "Lägg till aktivitet", "Läsfrämjande i alla klasser").click()
    visits.check()
    page.get_by_label("Namn").fill("Skolbibliotek i varje skola")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("link", name="Skolbibliotek i varje skola")).to_be_visible()
    visits.check()
    page.get_by_role("button", name="Publicera planen").click()
    expect(page.get_by_text("Planen är publicerad.")).to_be_visible()
    visits.check()


def set_deadlines(page, site: str, visits: Visits) -> None:
    page.goto(f"{site}/installningar/norrby/")
    visits.check()
    page.get_by_role("link", name="Kalender 2021").click()
    visits.check()
    interim = section(page, "Delårsrapport 2")
    field(interim, "Sista dag").fill("2021-09-15")
    field(interim, "Sista dag, enhet").fill("2021-09-08")
    interim.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Sparat: Delårsrapport 2 2021")).to_be_visible()
    visits.check()


def roll_the_demo_plan_over(page, site: str, visits: Visits) -> None:
    page.goto(f"{site}/huddinge/socialnamnden/2020/")
    visits.check()
    page.get_by_role("link", name=re.compile("^Redigera planen")).click()
    visits.check()
    page.get_by_role("link", name="Starta 2021 utifrån detta år").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Starta 2021 utifrån 2020")
    visits.check()
    page.get_by_role("button", name="Starta 2021").click()
    expect(page.get_by_text("Planen för 2021 är påbörjad utifrån 2020.")).to_be_visible()
    visits.check()
    page.get_by_role("button", name="Publicera planen").click()
    expect(page.get_by_text("Planen är publicerad.")).to_be_visible()
    visits.check()
    carried = GoalMeasure.objects.filter(goal__plan__year=2021, measure__name__startswith="Utredningstid missbruk")
    page.goto(f"{site}/huddinge/socialnamnden/2021/matt/{carried[0].measure.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Utredningstid missbruk")
    for year in (2018, 2019, 2020):  # the same series: the earlier years' outcomes are the new year's history
        expect(page.get_by_role("rowheader", name=re.compile(str(year))).first).to_be_visible()
    visits.check()
    fits(page)


def test_the_controllers_workbench_from_a_new_municipality_to_next_year(demo_site, page, assert_accessible):
    page.set_default_timeout(60000)  # a long walk through many pages, on machines that may be busy
    visits = Visits(page, assert_accessible)
    page.goto(f"{demo_site}/konto/logga-in/?next=/")
    visits.check()
    page.get_by_label("Användarnamn").fill("controller")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    visits.check()
    set_up_norrby(page, visits)
    invite_a_reporter(page, demo_site, visits)
    build_a_plan(page, demo_site, visits)
    set_deadlines(page, demo_site, visits)
    roll_the_demo_plan_over(page, demo_site, visits)
    assert not visits.unchecked()

    norrby = Municipality.objects.get(slug="norrby")
    assert list(norrby.council_goal_groups.values_list("name", flat=True)) == ["Målområden", "Strategier", "Perspektiv"]
    assert norrby.assessment_scale.name and norrby.assessment_scale.levels.count() == 4
    reporter = Membership.objects.get(user__email="rut.rapport@norrby.example")
    assert (reporter.unit.name, reporter.role) == ("Norrby skola", Role.REPORTER)
    assert [message.to for message in mail.outbox] == [["rut.rapport@norrby.example"]]
    plan = Plan.objects.get(unit__municipality=norrby, year=2021)
    assert plan.status == PlanStatus.PUBLISHED
    [goal] = plan.goals.all()
    assert goal.council_goal.name == "Trygg uppväxt"
    [measure] = goal.measures.all()
    assert list(measure.targets.values_list("year", "value")) == [(2021, Decimal("80.5")), (2022, Decimal(83))]
    assert Activity.objects.get(plan=plan).commitment.name == "Läsfrämjande i alla klasser"
    period = FollowUpPeriod.objects.get(municipality=norrby, year=2021, slug="d2")
    assert (period.deadline_for(UnitKind.UNIT), period.deadline_for(UnitKind.COMMITTEE)) == (
        datetime.date(2021, 9, 8), datetime.date(2021, 9, 15))

    old = Plan.objects.get(unit__slug="socialnamnden", unit__municipality__slug="huddinge", year=2020)
    new = Plan.objects.get(unit=old.unit, year=2021)
    assert (new.copied_from, new.status) == (old, PlanStatus.PUBLISHED)
    assert sorted(new.goals.values_list("name", flat=True)) == sorted(old.goals.values_list("name", flat=True))
    assert set(GoalMeasure.objects.filter(goal__plan=new).values_list("measure", flat=True)) == set(
        GoalMeasure.objects.filter(goal__plan=old).values_list("measure", flat=True))
    assert new.commitments.count() == old.commitments.count()
