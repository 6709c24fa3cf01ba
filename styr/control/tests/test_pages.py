"""The internal-control pages: readable without login where the municipality publishes, edited through the services."""

import datetime
import re

import pytest
from django.urls import reverse

from styr.control import services
from styr.control.models import ControlResult, RiskActionReport
from styr.control.presets import install_control_categories
from styr.demo.loader import load_demo
from styr.followup.models import PeriodProgress, ProgressState, StatusOption
from styr.history.models import Change, ChangeEvent
from styr.plans.models import Plan


def overview_url(municipality="testby", unit="socialnamnden", year=2020) -> str:
    return reverse("control:overview", args=[municipality, unit, year])


def edit_url(world) -> str:
    return reverse("control:edit", args=["testby", "socialnamnden", 2020, world.period.slug])


@pytest.fixture
def action(world):
    risk = services.add_risk(user=world.alice, plan=world.plan, risk="Risk för bristande samverkan",
                             goal=world.goal, probability=4, consequence=3, background="Sekretess mellan nämnder.")
    return services.add_risk_action(user=world.alice, risk=risk, text="Samverka med övriga nämnder.")


def test_the_demos_internal_control_is_readable_without_login(db, client):
    load_demo()
    response = client.get(overview_url("huddinge"))
    assert response.status_code == 200
    page = response.content.decode()
    for expected in ("Risk för ett ökat utanförskap", "Goda förutsättningar", "SN 2019/1703", "Ej klart i år",
                     "Systematiska kontroller genomförs", "Granskning av kommunens arbete med våld i nära relationer"):
        assert expected in page, expected
    assert len(re.findall(r"<li>Fastställa mål|<li>Överväga och besluta|<li>Genomföra en kartläggning", page)) == 3


def test_a_draft_plans_internal_control_needs_a_role(world, client):
    Plan.objects.filter(pk=world.plan.pk).update(status="draft")
    assert client.get(overview_url()).status_code == 302
    client.force_login(world.dave)
    assert client.get(overview_url()).status_code == 403


def test_the_heat_map_has_a_text_alternative_and_a_data_table(world, client, action):
    page = client.get(overview_url()).content.decode()
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "<desc" in svg
    assert re.search(r"<desc[^>]*>Hög: R1 \(sannolikhet 4, konsekvens 3\)\.</desc>", svg), svg[:600]
    assert re.search(r"<th scope=\"row\">R1: Risk för bristande samverkan</th>\s*<td>4 – Sannolik</td>\s*"
                     r"<td>3 – Kännbar</td>\s*<td class=\"num\">12</td><td>Hög</td>", page)


def test_the_controller_reports_an_actions_status_on_the_page(world, client, action):
    client.force_login(world.alice)
    klart = StatusOption.objects.get(municipality=world.municipality, key="klart")
    key = f"riskaction-{action.pk}"
    response = client.post(edit_url(world), {"item": key, f"{key}-version": 0, f"{key}-status": klart.pk,
                                             f"{key}-comment": "Rutin framtagen."})
    assert response.status_code == 302
    report = RiskActionReport.objects.get()
    assert (report.status, report.comment) == (klart, "Rutin framtagen.")
    assert Change.objects.filter(content_type__model="riskactionreport", event=ChangeEvent.REPORTED).exists()
    assert "Rutin framtagen." in client.get(overview_url()).content.decode()


def test_a_unit_reporter_cannot_open_the_committees_page_or_post_its_ids(world, client, action):
    client.force_login(world.bob)
    assert client.get(edit_url(world)).status_code == 403
    Plan.objects.create(unit=world.unit, year=2020, status="published")
    key = f"riskaction-{action.pk}"  # the committee's action, posted to the unit's own page
    response = client.post(reverse("control:edit", args=["testby", "barnenheten", 2020, world.period.slug]),
                           {"item": key, f"{key}-version": 0, f"{key}-comment": "Inte min"})
    assert response.status_code == 403
    assert not RiskActionReport.objects.exists()


def test_a_decided_period_asks_for_the_reason_and_a_long_text_is_refused(world, client, action):
    client.force_login(world.alice)
    key = f"riskaction-{action.pk}"
    response = client.post(edit_url(world), {"item": key, f"{key}-version": 0, f"{key}-comment": "x" * 100_001})
    assert response.status_code == 200
    assert "100\u00a0001" in response.content.decode()
    PeriodProgress.objects.update_or_create(plan=world.plan, period=world.period, defaults={
        "state": ProgressState.DECIDED, "decided_on": datetime.date(2021, 2, 23), "decision_paragraph": "§ 3"})
    response = client.post(edit_url(world), {"item": key, f"{key}-version": 0, f"{key}-comment": "Sent tillägg",
                                             f"{key}-amendment_reason": ""})
    assert response.status_code == 200 and not RiskActionReport.objects.exists()
    client.post(edit_url(world), {"item": key, f"{key}-version": 0, f"{key}-comment": "Sent tillägg",
                                  f"{key}-amendment_reason": "Komplettering"})
    assert RiskActionReport.objects.get().comment == "Sent tillägg"


def test_a_common_control_is_followed_up_on_the_committees_page(world, client, admin_user):
    install_control_categories(world.municipality)
    control = services.add_control_activity(user=admin_user, municipality=world.municipality, unit=None, year=2020,
                                            what="Attestförteckningen är aktuell", frequency="En gång per år")
    client.force_login(world.alice)
    key = f"control-{control.pk}"
    client.post(edit_url(world), {"item": key, f"{key}-version": 0, f"{key}-outcome": "remark",
                                  f"{key}-found": "Två attestanter saknades.", f"{key}-proposed_action": "Uppdatera"})
    assert ControlResult.objects.get().found == "Två attestanter saknades."
    page = client.get(overview_url()).content.decode()
    assert "Attestförteckningen är aktuell" in page and "Två attestanter saknades." in page


def test_a_saved_status_links_to_its_history_and_the_overview_links_here(world, client, action):
    client.force_login(world.alice)
    key = f"riskaction-{action.pk}"
    client.post(edit_url(world), {"item": key, f"{key}-version": 0, f"{key}-comment": "Rutin framtagen."})
    report = RiskActionReport.objects.get()
    history = reverse("object_history", args=["testby", "socialnamnden", 2020, "riskactionreport", report.pk])
    assert f'href="{history}"' in client.get(edit_url(world)).content.decode()
    page = client.get(history).content.decode()
    assert "Rutin framtagen." in page and "Alice" in page
    other = Plan.objects.create(unit=world.unit, year=2020, status="published")  # not the committee's report
    assert client.get(reverse("object_history", args=["testby", other.unit.slug, 2020, "riskactionreport",
                                                      report.pk])).status_code == 404
    overview = client.get(reverse("overview", args=["testby", "socialnamnden", 2020])).content.decode()
    assert f'href="{overview_url()}?period=vb"' in overview
