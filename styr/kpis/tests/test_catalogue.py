"""Loading the reference data: the offline snapshot and the live API share one path."""

import json
import shutil
from pathlib import Path

import pytest

from styr.kpis.catalogue import classify_group, fetch_catalogue, read_directory
from styr.kpis.client import KoladaClient
from styr.kpis.models import GroupKind, KoladaMunicipality, Kpi, MunicipalityGroup
from styr.kpis.parsing import KoladaDataError
from styr.kpis.services import DEMO_CATALOGUE, load_catalogue, load_catalogue_from_directory
from styr.kpis.transport import HttpResponse

SNAPSHOT = Path(__file__).resolve().parents[4] / "shared" / "data" / "kolada"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Stockholms läns kommuner (ovägt medel)", (GroupKind.COUNTY, "", "", None)),
        ("Liknande kommuner IFO, Huddinge, 2024", (GroupKind.SIMILAR, "IFO", "Huddinge", 2024)),
        ("Liknande kommuner, övergripande, Huddinge, 2025", (GroupKind.SIMILAR, "övergripande", "Huddinge", 2025)),
        ("Fyrkommunsnätverket (ovägt medel)", (GroupKind.OTHER, "", "", None)),
    ],
)
def test_group_titles_tell_their_kind(title, expected):
    assert classify_group(title) == expected


def test_demo_excerpt_loads_kpis_municipalities_and_groups(catalogue):
    assert catalogue.kpis == 6 and catalogue.municipalities == 312
    kpi = Kpi.objects.get(id="U33401")
    assert kpi.is_divided_by_gender and kpi.operating_area == "Individ- och familjeomsorg"
    assert "utredningstid" in kpi.search_text
    county = MunicipalityGroup.objects.get(id="G33612")
    assert county.kind == GroupKind.COUNTY and county.members.count() == 26
    similar = MunicipalityGroup.objects.get(id="G36522")
    assert (similar.subject_id, similar.area, similar.year) == ("0126", "IFO", 2024)
    assert not similar.members.filter(id="0126").exists()


def test_loading_twice_updates_and_keeps_memberships_exact(catalogue):
    load_catalogue_from_directory(directory=DEMO_CATALOGUE)
    assert MunicipalityGroup.objects.get(id="G33612").members.count() == 26
    assert KoladaMunicipality.objects.count() == 312


def test_a_bad_row_names_file_row_and_field_and_loads_nothing(db, tmp_path):
    for name in ("kpis.csv", "municipalities.csv", "municipality_groups.json"):
        shutil.copy(DEMO_CATALOGUE / name, tmp_path / name)
    text = (tmp_path / "kpis.csv").read_text().replace(",2026-12-08,", ",2026-13-45,")
    (tmp_path / "kpis.csv").write_text(text)
    with pytest.raises(KoladaDataError, match=r"kpis.csv row \d+, field publication_date: '2026-13-45' is not a date"):
        load_catalogue_from_directory(directory=tmp_path)
    assert not Kpi.objects.exists()


def test_a_group_with_an_unknown_member_is_refused(db, tmp_path):
    for name in ("kpis.csv", "municipalities.csv"):
        shutil.copy(DEMO_CATALOGUE / name, tmp_path / name)
    (tmp_path / "municipality_groups.json").write_text(json.dumps([{"id": "G1", "title": "X", "members": [{"id": "9999"}]}]))
    with pytest.raises(KoladaDataError, match="unknown member municipalities 9999"):
        read_directory(tmp_path)


def test_the_live_api_gives_the_same_catalogue(db):
    """The API's metadata listings, recorded in the v3 shape, load through the same code."""
    catalogue = read_directory(DEMO_CATALOGUE)
    kpis = [
        {**record.__dict__, "prel_publication_date": None, "publication_date": str(record.publication_date or "")}
        for record in catalogue.kpis
    ]
    municipalities = [record.__dict__ for record in catalogue.municipalities]
    groups = json.loads((DEMO_CATALOGUE / "municipality_groups.json").read_text())
    base = "https://api.kolada.se/v3/"
    pages = {
        f"{base}kpi?per_page=5000": {"count": len(kpis), "values": kpis[:3], "next_page": f"{base}kpi?page=2"},
        f"{base}kpi?page=2": {"count": len(kpis), "values": kpis[3:], "next_page": None},
        f"{base}municipality?per_page=5000": {"count": len(municipalities), "values": municipalities},
        f"{base}municipality_groups?per_page=5000": {"count": len(groups), "values": groups},
    }
    client = KoladaClient(base, transport=lambda url, timeout: HttpResponse(200, json.dumps(pages[url]).encode()),
                          requests_per_second=0)
    counts = load_catalogue(catalogue=fetch_catalogue(client))
    assert (counts.kpis, counts.municipalities, counts.groups) == (6, 312, len(groups))
    assert Kpi.objects.get(id="U30453").publication_date.isoformat() == "2026-12-08"


@pytest.mark.skipif(not SNAPSHOT.exists(), reason="the shared offline snapshot is not beside the repository")
def test_the_whole_offline_snapshot_loads(db):
    counts = load_catalogue_from_directory(directory=SNAPSHOT)
    assert (counts.kpis, counts.municipalities, counts.groups) == (6099, 312, 3630)
    assert MunicipalityGroup.objects.filter(kind=GroupKind.COUNTY).count() == 21
    assert MunicipalityGroup.objects.filter(kind=GroupKind.SIMILAR, subject_id="0126").count() == 12
