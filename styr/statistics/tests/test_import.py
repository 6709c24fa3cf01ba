"""The statistics import (Excel) under Hypothesis: any number Styr prints, in any of the spaces and minus
signs Swedes type, is read back exactly; malformed input never crashes and never half-saves."""

import io
from decimal import Decimal

from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from styr.core.formatting import format_number
from styr.statistics import services
from styr.statistics.importing import StatisticsRefused
from styr.statistics.models import StatisticsValue

HYPOTHESIS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HEADER = ["Tabell", "Avsnitt", "Rad", "Bokslut 2020", "Bokslut 2019"]


def workbook(*rows: list) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in (HEADER, *rows):
        sheet.append(row)
    handle = io.BytesIO()
    book.save(handle)
    handle.seek(0)
    return handle


def run(stats, handle: io.BytesIO) -> int:
    world = stats.world
    return services.import_statistics(user=world.bob, unit=world.unit, period=world.period, name="statistik.xlsx",
                                      handle=handle)


def saved(stats) -> dict:
    return {(value.row.name, value.year): value.value for value in StatisticsValue.objects.select_related("row")}


@HYPOTHESIS
@given(value=st.decimals(min_value=0, max_value=Decimal("99999999999.9"), places=1, allow_nan=False,
                         allow_infinity=False),
       space=st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_a_formatted_number_round_trips_through_the_import(stats, value, space):
    text = format_number(value, 1).replace("\u00a0", space)
    run(stats, workbook(["Barn och unga", "Årsplaceringar", "Jourhem", text, ""]))
    assert saved(stats)[("Jourhem", 2020)] == value


@HYPOTHESIS
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30))
def test_malformed_input_never_crashes_and_never_half_saves(stats, text):
    with translation.override("en"):
        check_all_or_nothing(stats, text)


def check_all_or_nothing(stats, text: str) -> None:
    run(stats, workbook(["Barn och unga", "Pågående utredningar", "Antal utredningar", "10", ""]))
    before = saved(stats)
    try:
        run(stats, workbook(["Barn och unga", "Pågående utredningar", "Antal utredningar", "12", ""],
                            ["Barn och unga", "Årsplaceringar", "Jourhem", "", text]))
    except StatisticsRefused as refused:
        assert all(message.startswith("statistik.xlsx, row 3, column E") for message in refused.errors), refused.errors
        assert saved(stats) == before
    else:
        after = saved(stats)
        assert after[("Antal utredningar", 2020)] == 12
