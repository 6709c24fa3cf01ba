"""The public economy page in a real browser, with its tables and charts: axe-checked (WCAG 2.1 AA)."""

import re

import pytest
from playwright.sync_api import expect

from styr.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reads_the_economy_with_its_chart(live_server, page, assert_accessible):
    load_demo()
    page.goto(f"{live_server.url}/huddinge/socialnamnden/2020/ekonomi/?period=vb")
    expect(page.get_by_role("table", name="Driftredovisning per verksamhetsområde, tkr")).to_contain_text(re.compile(r"-317.714"))
    chart = page.get_by_role("img", name="Personal, utfall 2018–2020, tkr")
    expect(chart).to_be_visible()
    expect(chart).to_have_accessible_name(re.compile(r"Personal: 2019 -268.761 tkr, 2020 -254.802 tkr\."))
    assert_accessible(page)
