"""The ledger import: Swedish numbers through the one parser, the mapping, all or nothing, scope and locks."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from styr.core.formatting import format_number
from styr.economy import services
from styr.economy.importing import LedgerRefused
from styr.economy.models import Amount, AmountKind, LedgerImport
from styr.followup.models import PeriodProgress, ProgressState
from styr.history.models import Change, ChangeEvent, ChangeSource

HEADER = "Konto;Verksamhet;Månad;Typ;Belopp\n"


def csv_file(*lines: str) -> io.BytesIO:
    return io.BytesIO((HEADER + "".join(f"{line}\n" for line in lines)).encode())


def run(economy, handle, *, name="huvudbok.csv", user=None, scale="tkr", reason=""):
    world = economy.world
    return services.import_ledger(user=user or world.alice, unit=world.committee, year=2020, name=name, handle=handle,
                                  scale=scale, reason=reason)


def cells(world) -> dict:
    return {(a.month, a.kind, a.row.key if a.row else None, a.area.key if a.area else None): a.amount
            for a in Amount.objects.filter(unit=world.committee).select_related("row", "area")}


def test_swedish_numbers_are_summed_per_cell_in_kronor(economy):
    done = run(economy, csv_file(
        "3010;110;1;utfall;1 103,3",
        "3011;110;1;utfall;-1\u00a0000",
        "5010;210;2;Utfall;\u22122,5",
        "5010;210;2;utfall;\u20111 000,25",
        "5010;210;0;budget;-12 000",
    ))
    assert cells(economy.world) == {
        (1, "outcome", "taxor-och-avgifter", "barn"): Decimal("103300.00"),
        (2, "outcome", "personal", "gemensamt"): Decimal("-1002750.00"),
        (0, "budget", "personal", "gemensamt"): Decimal("-12000000.00"),
    }
    assert (done.lines, done.kinds) == (5, "budget,outcome")
    change = Change.objects.get(content_type__model="ledgerimport")
    assert change.event == ChangeEvent.IMPORTED and change.user == economy.world.alice
    assert change.after["total"] == "-12899450.00"


def test_an_excel_file_is_read_with_its_numbers_and_texts(economy):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Verksamhet", "Konto", "Belopp", "Månad", "Text"])
    sheet.append([110, 3010, 1250.5, 3, "Avgifter mars"])
    sheet.append(["110", "3010", "2 000", 3.0, None])
    sheet.append(["110", "3010", datetime.date(2020, 3, 1), 3, "A date typed as the amount"])
    handle = io.BytesIO()
    workbook.save(handle)
    handle.seek(0)
    with pytest.raises(LedgerRefused, match="row 4, column Belopp"), translation.override("en"):
        run(economy, handle, name="huvudbok.xlsx", scale="kr")
    assert not Amount.objects.exists()
    sheet.delete_rows(4)
    handle = io.BytesIO()
    workbook.save(handle)
    handle.seek(0)
    run(economy, handle, name="huvudbok.xlsx", scale="kr")
    assert cells(economy.world) == {(3, "outcome", "taxor-och-avgifter", "barn"): Decimal("3250.50")}


def test_a_bad_row_names_file_row_and_column_and_nothing_is_saved(economy):
    run(economy, csv_file("3010;110;1;utfall;5"))
    before = cells(economy.world)
    with pytest.raises(LedgerRefused) as refused, translation.override("en"):
        run(economy, csv_file(
            "3010;110;1;utfall;7",
            "3010;110;1;utfall;1.250",
            "9999;999;1;utfall;3",
            "3010;110;13;utfall;3",
            "3010;110;;utfall;3",
            "3010;110;1;prognos;3",
        ))
    assert refused.value.errors == [
        "huvudbok.csv, row 3, column Belopp: “1.250” is not a number Styr can read: “.” may be decimals or thousands; "
        "write 1250 or 1,25.",
        "huvudbok.csv, row 4, column Konto: no ledger rule maps account 9999, activity 999.",
        "huvudbok.csv, row 5, column Månad: write a whole number from 0 to 12.",
        "huvudbok.csv, row 6, column Månad: an outcome needs its month (1–12).",
        "huvudbok.csv, row 7, column Typ: write budget, utfall or fjolårets utfall.",
    ]
    assert cells(economy.world) == before
    assert LedgerImport.objects.count() == 1


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_a_file_without_the_columns_or_lines_is_refused(economy, english):
    with pytest.raises(LedgerRefused, match=r"row 1: the header lacks the column\(s\) Belopp"):
        run(economy, io.BytesIO(b"Konto;Verksamhet\n3010;110\n"))
    with pytest.raises(LedgerRefused, match="no ledger lines"):
        run(economy, csv_file())
    with pytest.raises(LedgerRefused, match="not an Excel workbook"):
        run(economy, io.BytesIO(b"not a zip"), name="huvudbok.xlsx")
    with pytest.raises(LedgerRefused, match="not a UTF-8 text file"):
        run(economy, io.BytesIO(HEADER.encode() + b"3010;110;1;utfall;\xff\n"))
    with pytest.raises(LedgerRefused, match="not a CSV file"):
        run(economy, io.BytesIO(HEADER.encode() + b"3010;110;1;utfall;" + b"9" * 200_000 + b"\n"))
    assert not Amount.objects.exists()


def test_a_new_file_replaces_the_kinds_it_holds_and_keeps_the_others(economy):
    run(economy, csv_file("3010;110;0;budget;10", "3010;110;1;utfall;1"))
    run(economy, csv_file("3010;110;2;utfall;4"))
    assert cells(economy.world) == {(0, "budget", "taxor-och-avgifter", "barn"): Decimal("10000.00"),
                                    (2, "outcome", "taxor-och-avgifter", "barn"): Decimal("4000.00")}


def test_only_the_committees_controller_imports(economy):
    world = economy.world
    for user in (world.bob, world.charlie, world.dave):
        with pytest.raises(services.WriteRefused):
            run(economy, csv_file("3010;110;1;utfall;1"), user=user)
    assert not Amount.objects.exists()


def test_a_decided_year_takes_an_amendment_with_a_reason(economy, english):
    world = economy.world
    PeriodProgress.objects.create(plan=world.plan, period=world.period, state=ProgressState.DECIDED,
                                  decided_on=datetime.date(2021, 2, 23), decision_paragraph="§ 12")
    with pytest.raises(services.WriteRefused, match="give the reason"):
        run(economy, csv_file("3010;110;1;utfall;1"))
    assert not Amount.objects.exists()
    run(economy, csv_file("3010;110;1;utfall;1"), reason="Rättad periodisering")
    change = Change.objects.get(content_type__model="ledgerimport")
    assert (change.event, change.reason) == (ChangeEvent.AMENDED, "Rättad periodisering")


def test_the_command_imports_and_reports_refusals(economy, tmp_path, english):
    path = tmp_path / "huvudbok.csv"
    path.write_text(HEADER + "3010;110;1;utfall;2,5\n", encoding="utf-8")
    call_command("importledger", str(path), municipality="testby", unit="socialnamnden", year=2020, scale="tkr")
    assert cells(economy.world) == {(1, "outcome", "taxor-och-avgifter", "barn"): Decimal("2500.00")}
    assert Change.objects.get(content_type__model="ledgerimport").source == ChangeSource.COMMAND
    path.write_text(HEADER + "3010;110;1;utfall;2.500\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"huvudbok\.csv, row 2, column Belopp"):
        call_command("importledger", str(path), municipality="testby", unit="socialnamnden", year=2020)
    assert cells(economy.world) == {(1, "outcome", "taxor-och-avgifter", "barn"): Decimal("2500.00")}


amounts = st.decimals(min_value=Decimal("-99999999999.99"), max_value=Decimal("99999999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)
HYPOTHESIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@HYPOTHESIS
@given(amount=amounts, spaces=st.sampled_from([" ", "\u00a0", "\u202f"]), minus=st.sampled_from(["-", "\u2212", "\u2011"]))
def test_a_formatted_number_round_trips_through_the_import(economy, amount, spaces, minus):
    text = format_number(amount).replace("\u00a0", spaces).replace("-", minus)
    run(economy, csv_file(f"3010;110;4;utfall;{text}"), scale="kr")
    assert Amount.objects.get(unit=economy.world.committee, kind=AmountKind.OUTCOME).amount == amount


@HYPOTHESIS
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\n\r;\"")))
def test_malformed_input_never_crashes_and_never_half_saves(economy, english, text):
    run(economy, csv_file("3010;110;1;utfall;1"), scale="kr")
    try:
        run(economy, csv_file("3010;110;2;utfall;5", f"3010;110;3;utfall;{text}"), scale="kr")
    except LedgerRefused as refused:
        assert all(message.startswith("huvudbok.csv, row 3, column Belopp") for message in refused.errors)
        assert cells(economy.world) == {(1, "outcome", "taxor-och-avgifter", "barn"): Decimal("1.00")}
    else:
        assert cells(economy.world)[(2, "outcome", "taxor-och-avgifter", "barn")] == Decimal("5.00")
