"""Reading saved v3 responses: every accepted shape, and a clear message for every bad one."""

import json

import pytest

from styr.kpis.parsing import KoladaDataError, parse_records


def row(kpi="U33401", municipality="0126", period=2020, **values):
    entries = values.pop("entries", None) or [
        {"gender": "T", "value": 111, "count": 1, "status": "", "isdeleted": False},
        {"gender": "K", "value": 115.5, "count": 1, "status": "", "isdeleted": False},
    ]
    return {"kpi": kpi, "municipality": municipality, "period": period, "values": entries}


def test_an_envelope_gives_one_record_per_gender():
    records = parse_records(json.dumps({"count": 1, "values": [row()], "next_page": None}))
    assert [(r.kpi, r.municipality, r.year, r.gender, r.value) for r in records] == [
        ("U33401", "0126", 2020, "T", 111.0), ("U33401", "0126", 2020, "K", 115.5),
    ]


def test_json_lines_of_rows_and_of_flattened_rows():
    flat = {"kpi": "U33401", "municipality": "0136", "year": 2019, "gender": "M", "value": None, "count": 0}
    text = json.dumps(row()) + "\n\n" + json.dumps(flat) + "\n"
    records = parse_records(text.encode())
    assert len(records) == 3
    assert records[-1].value is None and records[-1].gender == "M" and records[-1].year == 2019


def test_all_pages_of_a_response_saved_together():
    first = {"count": 2, "values": [row(municipality="0126")], "next_page": "https://x/v3/data?page=2"}
    second = {"count": 2, "values": [row(municipality="0136")], "next_url": None}
    assert len(parse_records(json.dumps([first, second]))) == 4
    lines = json.dumps(first) + "\n" + json.dumps(second)
    assert len(parse_records(lines)) == 4


def test_deleted_rows_are_flagged():
    entries = [{"gender": "T", "value": None, "count": 0, "status": "", "isdeleted": True}]
    (record,) = parse_records(json.dumps({"values": [row(entries=entries)]}))
    assert record.deleted


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"count": 1, "values": [{"kpi": "U33401", "municip', "not valid JSON, truncated or malformed"),
        ("", "empty"),
        ('{"count": 3, "values": []}', "truncated: 'count' says 3 rows, the file holds 0"),
        ('{"count": 3, "values": [], "next_page": "https://api/next"}', "the response continues at https://api/next"),
        ('{"values": {"kpi": 1}}', "values: expected a list"),
        ('[1, 2]', "expected a data row"),
    ],
)
def test_malformed_or_truncated_responses(text, message):
    with pytest.raises(KoladaDataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_records(text, label="saved.json")


@pytest.mark.parametrize(
    ("entry", "field", "shown"),
    [
        ({"gender": "T", "value": "12,5"}, "values[1].value", "'12,5' is not a number"),
        ({"gender": "T", "value": True}, "values[1].value", "True is not a number"),
        ({"gender": "X", "value": 1}, "values[1].gender", "'X' is not T, K or M"),
        ({"gender": "T", "value": 1, "count": -1}, "values[1].count", "-1 is not a whole number"),
        ({"gender": "T", "value": 1, "isdeleted": "no"}, "values[1].isdeleted", "'no' is not true or false"),
    ],
)
def test_a_bad_field_is_named_with_its_row(entry, field, shown):
    good = {"gender": "T", "value": 1}
    document = {"values": [row(), row(entries=[good, entry])]}
    with pytest.raises(KoladaDataError) as error:
        parse_records(json.dumps(document), label="saved.json")
    assert f"saved.json values[1].{field}: {shown}" in str(error.value)


def test_a_bad_json_line_is_named_by_its_number():
    text = json.dumps(row()) + "\n" + '{"kpi": "U33401", "municipality": "0126", "period": 20'
    with pytest.raises(KoladaDataError, match="line 2: not valid JSON"):
        parse_records(text, label="rows.jsonl")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kpi": None}, "kpi: missing"),
        ({"municipality": 126}, "municipality: missing or not a text id"),
        ({"period": "tjugotjugo"}, "period: 'tjugotjugo' is not a year"),
    ],
)
def test_row_identifiers_are_checked(changes, message):
    bad = {**row(), **changes}
    with pytest.raises(KoladaDataError, match=message):
        parse_records(json.dumps({"values": [bad]}))


def test_unit_level_rows_are_refused_with_a_hint():
    ou = {"kpi": "N15030", "ou": "V15E012600101", "period": 2020, "values": []}
    with pytest.raises(KoladaDataError, match="unit-level"):
        parse_records(json.dumps({"values": [ou]}))
