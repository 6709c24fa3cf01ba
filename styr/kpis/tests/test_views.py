"""The page for linking a measure to a KPI: who may, searching, linking, refreshing."""

import pytest
from django.urls import reverse

from styr.followup.models import MeasureOutcome
from styr.kpis.models import ImportRun
from styr.kpis.services import demo_records, import_values
from styr.kpis.tests.huddinge import build_huddinge


@pytest.fixture
def huddinge(catalogue):
    return build_huddinge()


def link_url(slug):
    return reverse("kpis:link", args=["huddinge", "socialnamnden", 2020, slug])


def test_the_url_lives_under_the_measure():
    assert link_url("x") == "/huddinge/socialnamnden/2020/matt/x/kolada/"


def test_only_controllers_may_link(client, huddinge):
    *_, controller, reader = huddinge
    response = client.get(link_url("sjukfranvaro"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(reader)
    assert client.get(link_url("sjukfranvaro")).status_code == 403
    assert client.post(link_url("sjukfranvaro"), {"kpi": "U33401"}).status_code == 403
    client.force_login(controller)
    assert client.get(link_url("sjukfranvaro")).status_code == 200


@pytest.mark.parametrize("query", ["u33401", "UTREDNINGSTID barn", "brukarbedömning", "BRUKARBEDÖMNING förbättrad"])
def test_search_by_id_or_swedish_words(client, huddinge, query):
    client.force_login(huddinge[4])
    response = client.get(link_url("sjukfranvaro"), {"q": query})
    assert response.status_code == 200
    found = [kpi.id for kpi in response.context["results"]]
    assert found and found[0] in {"U33401", "U30453"}
    page = response.content.decode()
    assert "Individ- och familjeomsorg" in page


def test_htmx_search_returns_only_the_results(client, huddinge):
    client.force_login(huddinge[4])
    response = client.get(link_url("sjukfranvaro"), {"q": "HME"}, headers={"HX-Request": "true", "HX-Target": "kpi-results"})
    page = response.content.decode()
    assert "U00200" in page and "<html" not in page


def test_linking_fills_the_outcomes_and_returns_to_the_measure(client, huddinge):
    *_, measures, controller, _ = huddinge
    import_values(records=demo_records(), kind=ImportRun.Kind.DEMO, source="demo")
    client.force_login(controller)
    response = client.post(link_url("sjukfranvaro"), {"kpi": "U35400"})
    assert response.status_code == 302
    assert response.url.endswith("/huddinge/socialnamnden/2020/matt/sjukfranvaro/")
    measure = measures["sjukfranvaro"]
    measure.refresh_from_db()
    assert measure.kolada_kpi == "U35400"
    outcome = MeasureOutcome.objects.get(measure=measure, year=2020, month=12)
    assert (outcome.rank, outcome.rank_of) == (19, 24)


def test_an_unknown_kpi_is_shown_not_saved(client, huddinge):
    *_, measures, controller, _ = huddinge
    client.force_login(controller)
    response = client.post(link_url("sjukfranvaro"), {"kpi": "N99999"})
    assert response.status_code == 200 and "unknown KPI" in response.content.decode()
    measures["sjukfranvaro"].refresh_from_db()
    assert measures["sjukfranvaro"].kolada_kpi == ""


def test_the_page_shows_the_link_and_the_comparison(client, huddinge):
    *_, controller, _ = huddinge
    import_values(records=demo_records(), kind=ImportRun.Kind.DEMO, source="demo")
    client.force_login(controller)
    page = client.get(link_url("utredningstid-barn-unga")).content.decode()
    assert "U33401" in page and "18/24" in page


def test_refresh_and_unlink(client, huddinge):
    *_, measures, controller, _ = huddinge
    import_values(records=demo_records(), kind=ImportRun.Kind.DEMO, source="demo")
    client.force_login(controller)
    refresh = reverse("kpis:refresh", args=["huddinge", "socialnamnden", 2020, "utredningstid-barn-unga"])
    assert client.post(refresh).status_code == 302
    assert MeasureOutcome.objects.get(measure=measures["utredningstid-barn-unga"], year=2020).rank == 18
    assert client.post(link_url("utredningstid-barn-unga"), {"kpi": ""}).status_code == 302
    measures["utredningstid-barn-unga"].refresh_from_db()
    assert measures["utredningstid-barn-unga"].kolada_kpi == ""


def test_a_search_with_a_nul_character_is_400_and_links_nothing(client, huddinge):
    *_, measures, controller, _ = huddinge
    measure = measures["sjukfranvaro"]
    linked, outcomes = measure.kolada_kpi, MeasureOutcome.objects.count()
    client.force_login(controller)
    assert client.get(link_url("sjukfranvaro"), {"q": "U33401\x00"}).status_code == 400
    assert client.post(link_url("sjukfranvaro"), {"kpi": "U35400\x00"}).status_code == 400
    measure.refresh_from_db()
    assert (measure.kolada_kpi, MeasureOutcome.objects.count()) == (linked, outcomes)
