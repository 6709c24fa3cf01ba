"""The demo's statistics page prints every figure of seed 001's activity statistics (the YAML), without login."""

from decimal import Decimal

import pytest
from django.test import Client

from styr.core.formatting import format_number
from styr.demo.loader import _read, load_demo
from styr.economy.tests.test_demo import Tables
from styr.statistics.tables import build_tables

URL = "/huddinge/socialnamnden/2020/statistik/vb/"


@pytest.fixture
def demo(db):
    return load_demo()


def test_every_value_of_the_yaml_is_on_the_public_page(demo, django_assert_max_num_queries):
    data = _read("socialnamnden-2020-statistics.yaml")
    with django_assert_max_num_queries(40):
        response = Client().get(URL)
    assert response.status_code == 200
    tables = Tables(response.content.decode()).tables
    assert len(data["tables"]) == 4
    for spec in data["tables"]:
        rows = tables[f"{spec['title']} ({data['area']})"]
        assert rows[0] == [spec["title"], "Bokslut 2020", "Bokslut 2019", "Bokslut 2018"]
        printed = [row for row in rows[1:] if len(row) == 4]
        decimals = {"antal": 0, "årsplaceringar": 1}
        assert printed == [[row["name"], *(format_number(row["values"][year], decimals[row["unit"]])
                                           for year in (2020, 2019, 2018))] for row in spec["rows"]]
        sections = [row[0] for row in rows[1:] if len(row) == 1]
        assert sections == list(dict.fromkeys(row["section"] for row in spec["rows"]))
    assert data["comment"].split("\n")[0][:60] in response.content.decode()


def test_the_read_model_holds_the_yaml_exactly(demo):
    data = _read("socialnamnden-2020-statistics.yaml")
    committee = demo.units.get(slug="socialnamnden")
    views = build_tables(committee=committee, year=2020, month=12)
    assert [view.table.title for view in views] == [spec["title"] for spec in data["tables"]]
    for view, spec in zip(views, data["tables"], strict=True):
        assert view.table.unit.slug == (spec["unit_slug"] or "socialnamnden")
        assert [(line.row.section, line.row.name, line.values) for line in view.lines] == [
            (row["section"], row["name"], [Decimal(str(row["values"][year])) for year in (2020, 2019, 2018)])
            for row in spec["rows"]]


def test_a_units_page_shows_its_own_tables(demo):
    response = Client().get("/huddinge/beroende/2020/statistik/vb/")
    assert response.status_code == 200
    assert list(Tables(response.content.decode()).tables) == ["Beroende (Individ- och familjeomsorgen)"]
