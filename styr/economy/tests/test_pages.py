"""The economy pages: the forecast entered per activity area and rolled up, the import page, the interim view."""

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.core.formatting import format_number
from styr.documents.builder import build_document
from styr.economy import services
from styr.economy.models import Amount, AreaReport
from styr.economy.statements import build_statement

FORECAST = "/testby/barnenheten/2020/ekonomi/prognos/d2/"
ECONOMY = "/testby/socialnamnden/2020/ekonomi/"
IMPORT = "/testby/socialnamnden/2020/ekonomi/import/"


def ledger(economy, text: str):
    world = economy.world
    services.import_ledger(user=world.alice, unit=world.committee, year=2020, name="huvudbok.csv",
                           handle=io.BytesIO(("Konto;Verksamhet;Månad;Typ;Belopp\n" + text).encode()), scale="tkr")


def test_the_reporter_enters_a_forecast_that_the_committees_page_rolls_up(client, economy, d2):
    world = economy.world
    ledger(economy, "5010;110;0;budget;-2 400\n5010;210;0;budget;-600\n5010;110;3;utfall;-700\n")
    client.force_login(world.bob)
    page = client.get(FORECAST)
    assert page.status_code == 200 and "Barn och unga" in page.content.decode()
    area = economy.children.pk
    response = client.post(FORECAST, {"area": area, f"area-{area}-forecast": "-2 500,5",
                                      f"area-{area}-comment": "Fler placeringar.", f"area-{area}-version": 0})
    assert response.status_code == 302
    assert AreaReport.objects.get().forecast == Decimal("-2500500.00")
    html = client.get(ECONOMY + "?period=d2").content.decode()
    assert '<td class="num">-2\u00a0501</td>' in html  # the forecast, in tkr
    assert '<td class="num">-101</td>' in html  # its deviation from the budget of -2 400


def test_the_reporters_forecast_and_comment_reach_the_committees_d2(client, economy, d2):
    world = economy.world
    ledger(economy, "5010;110;0;budget;-2 400\n5010;210;0;budget;-600\n5010;110;3;utfall;-700\n")
    client.force_login(world.bob)
    area = economy.children.pk
    response = client.post(FORECAST, {"area": area, f"area-{area}-forecast": "-2 500,5",
                                      f"area-{area}-comment": "Fler placeringar i jourhem.", f"area-{area}-version": 0})
    assert response.status_code == 302
    document = build_document(unit=world.committee, year=2020, period=d2)
    by_area = next(block for block in document.blocks
                   if block.kind == "table" and block.caption == "Driftredovisning per verksamhetsområde, tkr")
    forecast = by_area.columns.index("Helårsprognos")
    rows = {row[0]: row for row in by_area.rows}
    # The area's forecast, and the committee's result rolled up from it: −2 501 against the budget of −3 000.
    assert rows["Barn och unga"][forecast] == format_number(-2501)
    assert rows["Årets resultat"][forecast] == format_number(-2501)
    assert "Fler placeringar i jourhem." in json.dumps(document.to_dict(), ensure_ascii=False)


def test_a_bad_number_is_refused_with_its_message_and_nothing_saved(client, economy, d2):
    client.force_login(economy.world.bob)
    area = economy.children.pk
    response = client.post(FORECAST, {"area": area, f"area-{area}-forecast": "1.500", f"area-{area}-comment": "",
                                      f"area-{area}-version": 0})
    assert response.status_code == 200 and "1.500" in response.content.decode()
    assert not AreaReport.objects.exists()


def test_a_posted_area_outside_the_users_scope_is_refused(client, economy, d2):
    client.force_login(economy.world.bob)
    area = economy.common.pk  # the committee's own area, not Barnenheten's
    response = client.post(FORECAST, {"area": area, f"area-{area}-forecast": "-1", f"area-{area}-comment": "",
                                      f"area-{area}-version": 0})
    assert response.status_code == 403
    assert client.get("/testby/socialnamnden/2020/ekonomi/prognos/d2/").status_code == 403
    assert not AreaReport.objects.exists()


def test_the_interim_view_has_the_periods_budget_and_outcome(economy, d2):
    world = economy.world
    ledger(economy, "3010;110;0;budget;1 200\n" + "".join(f"3010;110;{month};utfall;100\n" for month in range(1, 10)))
    statement = build_statement(unit=world.committee, year=2020, period=d2)
    line = statement.by_type[0]
    assert (line.name, line.budget, line.period_budget, line.period_outcome) == (
        "Taxor och avgifter", Decimal("1200000"), Decimal("800000"), Decimal("800000"))
    annual = build_statement(unit=world.committee, year=2020, period=world.period).by_type[0]
    assert (annual.outcome, annual.deviation) == (Decimal("900000"), Decimal("-300000"))


def test_the_controller_imports_on_the_page_and_sees_every_bad_row(client, economy):
    world = economy.world
    client.force_login(world.bob)
    assert client.get(IMPORT).status_code == 403
    client.force_login(world.alice)
    good = SimpleUploadedFile("huvudbok.csv", "Konto;Verksamhet;Månad;Belopp\n3010;110;1;1 250\n".encode())
    response = client.post(IMPORT, {"file": good, "scale": "kr", "kind": "outcome", "reason": ""})
    assert response.status_code == 302
    assert Amount.objects.get().amount == Decimal("1250")
    bad = SimpleUploadedFile("huvudbok.csv", "Konto;Verksamhet;Månad;Belopp\n3010;110;1;5\n3010;110;1;1.250\n".encode())
    response = client.post(IMPORT, {"file": bad, "scale": "kr", "kind": "outcome", "reason": ""})
    assert response.status_code == 200
    assert "huvudbok.csv, rad 3, kolumn Belopp" in response.content.decode()
    assert Amount.objects.get().amount == Decimal("1250")


@pytest.mark.parametrize("user", [None, "charlie"])
def test_the_economy_page_is_public_where_the_municipality_publishes(client, economy, user):
    ledger(economy, "3010;110;0;budget;1 200\n")
    if user:
        client.force_login(getattr(economy.world, user))
    html = client.get(ECONOMY).content.decode()
    assert "Driftredovisning per intäkts- och kostnadsslag, tkr" in html
    assert "Läs in från ekonomisystemet" not in html
