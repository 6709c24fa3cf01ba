"""`styr kolada …` end to end: catalogue, import, compare, sync against recorded responses."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from styr.followup.models import MeasureOutcome
from styr.kpis import services
from styr.kpis.client import KoladaClient
from styr.kpis.models import ImportRun, KpiValue
from styr.kpis.services import DEMO_CATALOGUE, DEMO_DATA
from styr.kpis.tests.huddinge import build_huddinge
from styr.kpis.tests.test_client import RECORDINGS
from styr.kpis.transport import HttpResponse


def run(*args) -> str:
    out = io.StringIO()
    call_command("kolada", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def demo_values(catalogue):
    for path in sorted(DEMO_DATA.glob("*.json")):
        run("import", "--file", str(path))


def test_catalogue_from_a_directory(db):
    assert "Loaded 6 KPIs, 312 municipalities and regions" in run("catalogue", "--from", str(DEMO_CATALOGUE))


@pytest.mark.parametrize(
    ("kpi", "year", "direction", "rank", "average"),
    [
        ("U35400", 2020, "lower", "19/24", None),
        ("U33401", 2020, "lower", "18/24", None),
        ("U30453", 2020, "higher", "1/14", "78 (unweighted mean of 14 municipalities)"),
        ("U30453", 2018, "higher", "6/19", None),
        ("U00201", 2019, "higher", None, "79 (unweighted mean of 21 municipalities)"),
    ],
)
def test_compare_prints_rank_and_unweighted_county_average(demo_values, kpi, year, direction, rank, average):
    text = run("compare", "--kpi", kpi, "--municipality", "0126", "--year", str(year), "--direction", direction)
    assert "Huddinge (0126): " in text
    if rank:
        assert f"Rank: {rank}\n" in text
    if average:
        assert f"Stockholms läns kommuner (ovägt medel): {average}" in text


def test_compare_lists_the_comparison_municipalities(demo_values):
    text = run("compare", "--kpi", "U33401", "--municipality", "0126", "--year", "2020", "--direction", "lower",
               "--with", "0136,0180")
    assert "Comparison municipalities:\n  Haninge (0136): " in text and "  Stockholm (0180): " in text
    assert "Liknande kommuner IFO, Huddinge, 2024: " in text


def test_compare_checks_its_ids(demo_values):
    with pytest.raises(CommandError, match="unknown KPI"):
        run("compare", "--kpi", "X1", "--municipality", "0126", "--year", "2020")
    with pytest.raises(CommandError, match="unknown municipality '0001'"):
        run("compare", "--kpi", "U33401", "--municipality", "0001", "--year", "2020")


def test_compare_of_a_hand_made_v3_response(catalogue, tmp_path):
    """Ties share a rank; a null value is no report; the mean is unweighted over those that reported."""
    rows = [
        {"kpi": "U33401", "municipality": municipality, "period": 2021,
         "values": [{"gender": "T", "value": value, "count": 1 if value is not None else 0, "status": "", "isdeleted": False}]}
        for municipality, value in [("0126", 100), ("0136", 90), ("0180", 100), ("0182", 130.5), ("0184", None), ("0001", 5)]
    ]
    path = tmp_path / "response.json"
    path.write_text(json.dumps({"count": len(rows), "values": rows, "next_page": None}))
    run("import", "--file", str(path))
    lower = run("compare", "--kpi", "U33401", "--municipality", "0126", "--year", "2021", "--direction", "lower")
    assert "Rank: 2/4\n" in lower and "(ovägt medel): 105,125 (unweighted mean of 4 municipalities)" in lower
    higher = run("compare", "--kpi", "U33401", "--municipality", "0126", "--year", "2021", "--direction", "higher")
    assert "Rank: 2/4\n" in higher
    assert "Rank: 4/4" in run("compare", "--kpi", "U33401", "--municipality", "0136", "--year", "2021", "--direction", "higher")


def test_import_of_a_bad_file_is_a_command_error_and_imports_nothing(catalogue, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"count": 1, "values": [{"kpi": "U33401", "municipality": "0126", "period": 2020, "values": '
                    '[{"gender": "T", "value": "elva"}]}]}')
    with pytest.raises(CommandError, match=r"bad.json values\[0\].values\[0\].value: 'elva' is not a number"):
        run("import", "--file", str(path))
    assert not KpiValue.objects.exists()


def test_sync_fetches_what_linked_measures_need_and_fills_outcomes(catalogue):
    _, _, _, measures, _, _ = build_huddinge()
    measures["hme-motivation"].kolada_kpi = "U00201"
    measures["hme-motivation"].save()
    text = run("sync", "--replay", str(RECORDINGS))
    assert "outcomes:" in text and "in 5 requests" in text  # 429 + 2 pages, then 2 pages
    rank = MeasureOutcome.objects.get(measure=measures["utredningstid-missbruk"], year=2020)
    assert (rank.rank, rank.rank_of) == (19, 24)
    run_row = ImportRun.objects.get(kind=ImportRun.Kind.SYNC)
    assert run_row.rows_written == KpiValue.objects.count()

    before = KpiValue.objects.count()
    revised, withdrawn = json.loads((RECORDINGS / "since-chunk1.json").read_text())["values"]
    assert KpiValue.objects.filter(kpi_id="U33401", municipality_id=withdrawn["municipality"], year=2020).exists()
    run("sync", "--since", "2021-03-01", "--replay", str(RECORDINGS))
    assert KpiValue.objects.get(
        kpi_id="U33401", municipality_id=revised["municipality"], year=2020, gender="T"
    ).value == 99.0
    assert not KpiValue.objects.filter(
        kpi_id="U33401", municipality_id=withdrawn["municipality"], year=2020, gender="T"
    ).exists()
    assert KpiValue.objects.count() == before - 1
    assert ImportRun.objects.filter(kind=ImportRun.Kind.SYNC).first().since.isoformat() == "2021-03-01"


def test_sync_with_nothing_linked(catalogue):
    assert "nothing to fetch" in run("sync", "--replay", str(RECORDINGS))


def test_sync_rejects_a_bad_date(catalogue):
    with pytest.raises(CommandError, match="not a date"):
        run("sync", "--since", "igår")


def test_compare_straight_from_a_file_without_importing(db, tmp_path):
    """No catalogue, nothing imported: the response alone gives rank and unweighted county average."""
    rows = [
        {"kpi": "N00945", "municipality": municipality, "period": 2022,
         "values": [{"gender": "T", "value": value, "count": 1, "status": "", "isdeleted": False}]}
        for municipality, value in [("1280", 31.5), ("1281", 28.0), ("1282", 31.5), ("1283", None), ("0180", 99.0),
                                    ("0012", 1.0)]
    ]
    path = tmp_path / "response.json"
    path.write_text(json.dumps({"count": len(rows), "values": rows, "next_url": None}))
    text = run("compare", "--file", str(path), "--kpi", "N00945", "--municipality", "1281", "--year", "2022",
               "--direction", "higher")
    assert "1281 (1281): 28\n" in text and "Rank: 3/3\n" in text
    assert "County: 30,333 (unweighted mean of 3 municipalities)" in text
    assert not KpiValue.objects.exists()
    with pytest.raises(CommandError, match="holds no values of U33401"):
        run("compare", "--file", str(path), "--kpi", "U33401", "--municipality", "1281", "--year", "2022")


def test_a_kpi_linked_after_the_last_sync_is_fetched_whole(catalogue):
    """`--since` asks for changes of the KPIs already stored, and everything of a newly linked one."""
    _, _, _, measures, _, _ = build_huddinge()
    measures["hme-motivation"].kolada_kpi = "U00201"
    measures["hme-motivation"].save()
    run("sync", "--replay", str(RECORDINGS))
    KpiValue.objects.filter(kpi_id="U00201").delete()  # as if U00201 had been linked only now
    urls = []

    def answer(url, timeout):
        urls.append(url)
        return HttpResponse(200, b'{"count": 0, "values": [], "next_page": null}')

    services.sync(client=KoladaClient(transport=answer, requests_per_second=0), since=datetime.date(2021, 3, 1))
    changes = [url for url in urls if "from_date=2021-03-01" in url]
    whole = [url for url in urls if "from_date" not in url]
    assert len(changes) == len(whole) == 2  # two chunks of municipalities each
    assert all("/kpi/U00200,U00202,U30453,U33401,U35400/" in url for url in changes)
    assert all("/kpi/U00201/" in url for url in whole)
