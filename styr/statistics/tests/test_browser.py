"""The activity statistics in a real browser: read without login, then filled in by the demo controller; axe-checked."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from styr.control.tests.test_browser import login
from styr.demo.loader import load_demo
from styr.statistics.models import StatisticsValue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    return live_server.url


def test_a_visitor_reads_the_statistics_and_the_controller_amends_a_figure(demo_site, page, assert_accessible):
    path = "/huddinge/socialnamnden/2020/statistik/vb/"
    page.goto(f"{demo_site}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verksamhetsstatistik: Verksamhetsberättelse 2020, Socialnämnden")
    expect(page.get_by_role("table", name="Beroende (Individ- och familjeomsorgen)")).to_contain_text("15,8")
    assert_accessible(page)

    login(page, demo_site, path)
    table = page.locator("section", has=page.get_by_role("table", name="Beroende (Individ- och familjeomsorgen)"))
    table.get_by_label("Institutionsvård, Bokslut 2020").fill("16,2")
    assert_accessible(page)
    table.get_by_role("button", name="Spara Beroende").click()
    expect(page.get_by_text("Sparat: Beroende")).to_be_visible()
    assert_accessible(page)
    value = StatisticsValue.objects.get(row__table__key="beroende", row__name="Institutionsvård", year=2020)
    assert value.value == Decimal("16.2")
