"""Importing values: upserts, deletions, group rows, and all-or-nothing on bad input."""

import json

import pytest

from styr.kpis.models import ImportRun, KpiValue
from styr.kpis.parsing import KoladaDataError, parse_records
from styr.kpis.services import DEMO_DATA, demo_records, import_file, import_values


def entry(gender="T", value=1.0, deleted=False):
    return {"gender": gender, "value": value, "count": 1, "status": "", "isdeleted": deleted}


def envelope(*rows):
    return json.dumps({"count": len(rows), "values": list(rows)})


def data_row(municipality="0126", value=111.0, kpi="U33401", period=2020, **options):
    return {"kpi": kpi, "municipality": municipality, "period": period, "values": [entry(value=value, **options)]}


def test_demo_files_import(catalogue):
    run = import_values(records=demo_records(), kind=ImportRun.Kind.DEMO, source="demo")
    assert run.rows_written == KpiValue.objects.count() > 1000
    value = KpiValue.objects.get(kpi_id="U33401", municipality_id="0126", year=2020, gender="T")
    assert value.value == 111.0 and value.count == 1


def test_a_second_import_updates_in_place_and_deleted_rows_go(catalogue, tmp_path):
    path = tmp_path / "first.json"
    path.write_text(envelope(data_row(), data_row("0136", 90.0)))
    import_file(path=path)
    path.write_text(envelope(data_row(value=100.0), data_row("0136", None, deleted=True)))
    run = import_file(path=path)
    assert (run.rows_written, run.rows_deleted) == (1, 1)
    assert list(KpiValue.objects.values_list("municipality_id", "value")) == [("0126", 100.0)]


def test_the_last_row_for_a_key_wins(catalogue):
    records = parse_records(envelope(data_row(value=1.0), data_row(value=2.0)))
    import_values(records=records, kind=ImportRun.Kind.FILE, source="x")
    assert KpiValue.objects.get().value == 2.0


def test_group_rows_are_skipped_as_styr_computes_group_means(catalogue):
    records = parse_records(envelope(data_row("G33612", 104.2), data_row()))
    import_values(records=records, kind=ImportRun.Kind.FILE, source="x")
    assert list(KpiValue.objects.values_list("municipality_id", flat=True)) == ["0126"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (data_row(kpi="X99999"), "unknown KPI 'X99999' (first in the row kpi X99999, municipality 0126, period 2020"),
        (data_row("9999"), "unknown municipality '9999'"),
    ],
)
def test_unknown_ids_import_nothing(catalogue, tmp_path, bad, message):
    path = tmp_path / "bad.json"
    path.write_text(envelope(data_row("0136"), data_row("0180"), bad))
    with pytest.raises(KoladaDataError, match=message.replace("(", r"\(")):
        import_file(path=path)
    assert not KpiValue.objects.exists() and not ImportRun.objects.exists()


def test_a_value_that_is_not_a_number_imports_nothing(catalogue, tmp_path):
    path = tmp_path / "bad.jsonl"
    good = "\n".join(json.dumps(data_row(municipality)) for municipality in ("0136", "0180", "0182"))
    path.write_text(good + "\n" + json.dumps(data_row("0184", "n/a")) + "\n")
    with pytest.raises(KoladaDataError, match=r"bad.jsonl line 4.values\[0\].value: 'n/a' is not a number"):
        import_file(path=path)
    assert not KpiValue.objects.exists()


def test_a_truncated_file_imports_nothing(catalogue, tmp_path):
    text = (DEMO_DATA / "U33401.json").read_text()
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2])
    with pytest.raises(KoladaDataError, match="truncated or malformed"):
        import_file(path=path)
    assert not KpiValue.objects.exists()


def test_an_empty_catalogue_is_explained(db, tmp_path):
    path = tmp_path / "rows.json"
    path.write_text(envelope(data_row()))
    with pytest.raises(KoladaDataError, match="catalogue is empty"):
        import_file(path=path)
