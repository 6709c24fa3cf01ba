"""Two people in two browsers save the same comment: the second sees both texts and loses nothing."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from styr.demo.loader import load_demo
from styr.followup.models import CommitmentReport
from styr.organisation.models import Membership, OrganisationUnit, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_page(chromium, live_server, user):
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill("styr-demo-2020")
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/huddinge/socialnamnden/2020/uppfoljning/vb/")
    return context, page


def test_second_save_shows_both_texts_and_keeps_the_users_own(live_server, chromium, assert_accessible):
    load_demo()
    committee = OrganisationUnit.objects.get(slug="socialnamnden")
    karin = User.objects.get(username="controller")
    olle = User.objects.create_user("olle", "olle@huddinge.example", "styr-demo-2020", first_name="Olle")
    Membership.objects.create(user=olle, unit=committee, role=Role.CONTROLLER)
    report = CommitmentReport.objects.order_by("pk").first()
    item_id = f"#item-commitment-{report.commitment_id}"

    first_context, first = signed_in_page(chromium, live_server, karin)
    second_context, second = signed_in_page(chromium, live_server, olle)
    try:
        first.locator(item_id).get_by_label("Kommentar").fill("Karins kommentar.")
        second.locator(item_id).get_by_label("Kommentar").fill("Olles kommentar.")
        first.locator(item_id).get_by_role("button", name="Spara").click()
        expect(first.locator(item_id).get_by_text("Sparat", exact=True)).to_be_visible()

        second.locator(item_id).get_by_role("button", name="Spara").click()
        item = second.locator(item_id)
        expect(item.get_by_role("alert")).to_contain_text("Någon annan har sparat den här delen")
        expect(item.locator(".saved-text")).to_contain_text("Karins kommentar.")
        expect(item.get_by_label("Kommentar")).to_have_value("Olles kommentar.")
        assert_accessible(second)
        report.refresh_from_db()
        assert report.comment == "Karins kommentar."

        item.get_by_label("Kommentar").fill("Karins kommentar. Olles kommentar.")
        item.get_by_role("button", name="Spara").click()
        expect(second.locator(item_id).get_by_text("Sparat", exact=True)).to_be_visible()
        report.refresh_from_db()
        assert report.comment == "Karins kommentar. Olles kommentar."
    finally:
        first_context.close()
        second_context.close()
