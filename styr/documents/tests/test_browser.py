"""The demo's VB as a web page in a real browser: the cover's logo with its words, a chart per measure; axe-checked."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from styr.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reads_the_vb_with_its_logo_and_charts(live_server, page, assert_accessible):
    load_demo()
    page.goto(live_server.url + reverse("documents:web", args=["huddinge", "socialnamnden", 2020, "vb"]))
    cover = page.locator("header.document-cover")
    expect(cover.get_by_role("img", name="Demons logotyp: en blå ruta med två vågor och texten Styr demokommun")).to_be_visible()
    expect(page.get_by_role("img", name="Ej återaktualiseringar barn 0–12 år", exact=False).first).to_be_attached()
    assert_accessible(page)
