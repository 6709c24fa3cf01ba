"""The demo's economy pages print every figure of seed 001's economy tables (the YAML, in tkr)."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from styr.core.formatting import format_number
from styr.demo.loader import _read, load_demo

URL = "/huddinge/socialnamnden/2020/ekonomi/?period=vb"
COLUMNS = ("budget", "outcome", "deviation", "previous_outcome")


class Tables(HTMLParser):
    """Each table's caption and rows, as lists of the cells' texts."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.caption: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows = []
        elif tag == "caption":
            self.caption = []
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.name = "".join(self.caption).strip()
            self.caption = None
        elif tag in ("td", "th"):
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.tables[self.name] = self.rows

    def handle_data(self, data):
        for collecting in (self.cell, self.caption):
            if collecting is not None:
                collecting.append(data)


def printed(spec: dict, columns=COLUMNS) -> list[str]:
    return [spec["name"], *("" if spec.get(column) is None else format_number(spec[column]) for column in columns)]


@pytest.fixture
def page(db):
    load_demo()
    response = Client().get(URL)
    assert response.status_code == 200
    return response.content.decode(), Tables(response.content.decode()).tables


def test_the_operating_statement_by_type_is_the_seeds(page):
    _, tables = page
    data = _read("socialnamnden-2020-economy.yaml")["operating_statement_by_type"]
    rows = tables["Driftredovisning per intäkts- och kostnadsslag, tkr"]
    assert rows[0] == ["Intäkt/kostnad", "Budget 2020", "Bokslut 2020", "Avvikelse mot budget", "Bokslut 2019"]
    assert rows[1:] == [printed(spec) for spec in data["rows"]]
    equity = tables["Eget kapital, tkr"]
    assert equity[1] == ["3 % enligt ekonomistyrningsregler av budget", format_number(data["equity_cap"]["amount"]), ""]
    assert equity[2:] == [printed(spec, ("outcome", "previous_outcome")) for spec in data["equity"]]


def test_the_operating_statement_by_activity_is_the_seeds(page):
    _, tables = page
    data = _read("socialnamnden-2020-economy.yaml")["operating_statement_by_activity"]
    rows = tables["Driftredovisning per verksamhetsområde, tkr"]
    expected = [printed(spec) for spec in data["rows"]]
    # The seed prints two slips in this table that the by-type table has right (see the YAML's comments):
    # the result excluding ensamkommande with the opposite sign, and an empty last-year balance result.
    expected[7][3:] = [format_number(37270), format_number(11022)]
    expected[9][4] = format_number(11022)
    assert rows[1:] == expected


def test_the_investments_and_texts_are_the_seeds(page):
    html, tables = page
    data = _read("socialnamnden-2020-economy.yaml")
    rows = tables["Investeringar, tkr"]
    assert [row[:4] for row in rows[1:]] == [printed(spec, COLUMNS[:3]) for spec in data["investments"]["rows"]]
    assert "Socialnämndens nettokostnader uppgår till 363,5 miljoner kronor per 31 december." in html
    assert "Staben har totalt 54 årsarbetare i december 2020." in html
    assert "Inga investeringar har gjorts under året." in html


def test_numbers_never_wrap_and_are_right_aligned(page):
    html, _ = page
    assert '<td class="num">-402\u00a0236</td>' in html
