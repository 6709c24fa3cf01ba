"""People and access in a real browser, as the demo's controller (no superuser): invite a reporter to a unit,
see them in "who has access here", change and take away the role; the invited person chooses a password.
Every page is axe-checked, and the unit's page at 320 px."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from styr.control.tests.test_browser import fits, login
from styr.demo.loader import load_demo
from styr.organisation.models import Membership, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    return live_server.url


def test_the_controller_invites_a_reporter_changes_and_takes_away_the_role(demo_site, page, assert_accessible):
    login(page, demo_site, "/personer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personer och behörigheter")
    assert_accessible(page)
    page.get_by_role("link", name="Barnenheten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vem har tillgång: Barnenheten")
    holders = page.locator("section", has=page.get_by_role("heading", name="Vem har tillgång här"))
    expect(holders).to_contain_text("Karin Kontroller")
    expect(holders).to_contain_text("Controller, ärvd från Socialnämnden")
    assert_accessible(page)

    invite = page.locator("section", has=page.get_by_role("heading", name="Bjud in via e-post"))
    invite.get_by_label("E-postadress").fill("nora.nystrom@huddinge.example")
    invite.get_by_label("Förnamn").fill("Nora")
    invite.get_by_label("Efternamn").fill("Nyström")
    invite.get_by_label("Roll").select_option(label="Rapportör")
    invite.get_by_role("button", name="Bjud in").click()
    expect(page.get_by_role("status")).to_have_text(
        "Nora Nyström är nu rapportör vid Barnenheten och har fått ett e-postmeddelande.")
    expect(holders.get_by_role("listitem").filter(has_text="Nora Nyström")).to_contain_text("Rapportör, innehas här")
    assert_accessible(page)

    holders.get_by_label("Roll: Nora Nyström").select_option(label="Läsare")
    holders.get_by_role("button", name=re.compile(r"^Byt roll\W+Nora Nyström")).click()
    expect(page.get_by_role("status")).to_have_text("Nora Nyström är nu läsare vid Barnenheten.")
    assert Membership.objects.get(user__email="nora.nystrom@huddinge.example").role == Role.READER

    fits(page)
    assert_accessible(page)
    holders.get_by_role("button", name=re.compile(r"^Ta bort rollen\W+Nora Nyström")).click()
    expect(page.get_by_role("status")).to_have_text("Nora Nyström är inte längre läsare vid Barnenheten.")
    expect(holders).not_to_contain_text("Nora Nyström")
    assert not Membership.objects.filter(user__email="nora.nystrom@huddinge.example").exists()

    [message] = mail.outbox
    link = re.search(r"https?://[^/]+(/konto/valj-losenord/\S+/)", message.body).group(1)
    page.context.clear_cookies()
    page.goto(f"{demo_site}{link}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välj ditt lösenord")
    assert_accessible(page)
    page.get_by_label(re.compile("^Nytt lösenord")).fill("Nora väljer ett långt lösenord")
    page.get_by_label("Bekräfta nytt lösenord").fill("Nora väljer ett långt lösenord")
    page.get_by_role("button", name="Spara lösenordet").click()
    expect(page.get_by_role("status")).to_have_text("Ditt lösenord är sparat. Logga in med det.")
    page.get_by_label("Användarnamn").fill("nora.nystrom@huddinge.example")
    page.get_by_label("Lösenord").fill("Nora väljer ett långt lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
