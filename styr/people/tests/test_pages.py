"""The people pages through the test client: who has access, giving, changing and taking roles, invitations."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.accounts.services import ExternalProfile, user_for_external_identity
from styr.organisation.models import Membership, Role
from styr.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db

UNIT_PAGE = "/personer/testby/barnenheten/"


@pytest.fixture
def alice(world):
    client = Client()
    client.force_login(world.alice)
    return client


def test_who_has_access_shows_the_roles_held_here_and_inherited(world, alice):
    page = alice.get(UNIT_PAGE)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Vem har tillgång: Barnenheten" in text
    assert re.search(r"Bob</strong>.*?Rapportör, innehas här", text, re.S)
    assert re.search(r"Charlie</strong>.*?Läsare, ärvd från Socialnämnden", text, re.S)
    # Only the roles held here can be changed here; inherited ones at their own unit.
    assert text.count('name="membership"') == 2  # bob's change and revoke forms


def test_the_controllers_units_and_the_people_without_a_role_are_listed(world, alice):
    world.dave.last_login = world.dave.date_joined
    world.dave.save()
    text = alice.get("/personer/").content.decode()
    assert 'href="/personer/testby/socialnamnden/"' in text and 'href="/personer/testby/barnenheten/"' in text
    assert "Dave (dave@example.org)" in text


def test_granting_changing_and_revoking_from_the_page(world, alice):
    response = alice.post(UNIT_PAGE + "ge-roll/", {"grant-person": world.dave.pk, "grant-role": Role.READER})
    assert response.status_code == 302
    daves = Membership.objects.get(user=world.dave)
    assert (daves.unit, daves.role) == (world.unit, Role.READER)
    alice.post(UNIT_PAGE + "andra-roll/", {"membership": daves.pk, "role": Role.REPORTER})
    daves.refresh_from_db()
    assert daves.role == Role.REPORTER
    page = alice.post(UNIT_PAGE + "ta-bort-roll/", {"membership": daves.pk}, follow=True)
    assert not Membership.objects.filter(user=world.dave).exists()
    assert "Dave är inte längre rapportör vid Barnenheten." in page.content.decode()


def test_a_role_above_the_controllers_own_is_neither_offered_nor_accepted(world, alice):
    page = alice.get(UNIT_PAGE).content.decode()
    assert 'value="administrator"' not in page
    response = alice.post(UNIT_PAGE + "ge-roll/", {"grant-person": world.dave.pk, "grant-role": Role.ADMINISTRATOR})
    assert response.status_code == 400
    assert not Membership.objects.filter(user=world.dave).exists()


def test_a_membership_of_another_unit_posted_here_is_refused(world, alice):
    charlies = world.charlie.memberships.get()  # at the committee, not at Barnenheten
    page = alice.post(UNIT_PAGE + "ta-bort-roll/", {"membership": charlies.pk}, follow=True)
    assert "Rollen finns inte längre" in page.content.decode()
    assert Membership.objects.filter(pk=charlies.pk).exists()


def test_a_reporter_sees_no_people_page(world):
    client = Client()
    client.force_login(world.bob)
    assert client.get(UNIT_PAGE).status_code == 403
    assert client.post(UNIT_PAGE + "ge-roll/", {"grant-person": world.dave.pk, "grant-role": "reader"}).status_code == 403
    assert not Membership.objects.filter(user=world.dave).exists()


def test_an_invited_person_chooses_a_password_from_the_mail_and_logs_in(world, alice):
    response = alice.post(UNIT_PAGE + "bjud-in/", {"invite-email": "greta@example.org", "invite-first_name": "Greta",
                                                   "invite-last_name": "Gran", "invite-role": Role.REPORTER})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["greta@example.org"]
    assert "Alice har gett dig rollen rapportör vid Barnenheten" in message.body
    link = re.search(r"https?://[^/]+(/konto/valj-losenord/\S+/)", message.body).group(1)
    visitor = Client()
    form_page = visitor.get(link, follow=True)
    assert "Välj ditt lösenord" in form_page.content.decode()
    new_password = "ett långt nytt lösenord 2020"
    saved = visitor.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert saved.status_code == 302
    assert visitor.login(username="greta@example.org", password=new_password)
    assert "redan använts" in visitor.get(link, follow=True).content.decode()  # the link works once


def test_inviting_an_existing_account_sends_a_login_link_and_no_password_link(world, alice):
    alice.post(UNIT_PAGE + "bjud-in/", {"invite-email": "dave@example.org", "invite-role": Role.READER})
    [message] = mail.outbox
    assert "valj-losenord" not in message.body and "/konto/logga-in/" in message.body
    assert User.objects.get(username="dave").check_password(PASSWORD)


def test_the_page_reads_a_constant_number_of_queries_as_people_are_added(world, alice):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert alice.get(UNIT_PAGE).status_code == 200
        return len(queries)

    before = count()
    for index in range(5):
        Membership.objects.create(user=make_user(f"person{index}", f"Person {index}"), unit=world.unit,
                                  role=Role.READER)
    assert count() == before


def test_a_person_signed_in_by_sso_is_listed_and_given_a_role(world, alice):
    profile = ExternalProfile(protocol="oidc", issuer="https://login.example.org", subject="s-1",
                              username="hanna@testby.se", email="hanna@testby.se", first_name="Hanna", last_name="Ek")
    hanna = user_for_external_identity(profile=profile, create_users=True)
    hanna.last_login = hanna.date_joined
    hanna.save()
    assert "Hanna Ek (hanna@testby.se)" in alice.get("/personer/").content.decode()
    assert f'<option value="{hanna.pk}">Hanna Ek (hanna@testby.se)</option>' in alice.get(UNIT_PAGE).content.decode()
    alice.post(UNIT_PAGE + "ge-roll/", {"grant-person": hanna.pk, "grant-role": Role.REPORTER})
    assert hanna.memberships.get().unit == world.unit


def test_a_person_invited_before_their_first_sso_sign_in_keeps_the_role(world, alice):
    alice.post(UNIT_PAGE + "bjud-in/", {"invite-email": "ivar@testby.se", "invite-role": Role.READER})
    profile = ExternalProfile(protocol="saml", issuer="https://idp.testby.se", subject="ivar",
                              username="ivar@testby.se", email="ivar@testby.se")
    ivar = user_for_external_identity(profile=profile, create_users=True)
    assert (ivar.username, ivar.memberships.get().role) == ("ivar@testby.se", Role.READER)
