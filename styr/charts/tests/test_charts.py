import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from styr.charts import (
    Bar,
    BarKind,
    LineStyle,
    Series,
    bar_chart,
    chart_to_png,
    charts_to_png,
    comparison_chart,
    line_chart,
    measure_comparison_chart,
    measure_line_chart,
)
from styr.charts.drawing import nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart):
    return ET.fromstring(chart.svg)


def sample_line():
    return measure_line_chart(
        title="Andel nöjda brukare", years=[2018, 2019, 2020], unit="percent",
        total={2018: Decimal("78.5"), 2019: Decimal("80.2"), 2020: None},
        women={2018: 79, 2019: 81}, men={2018: 77, 2019: 79}, target={2020: 85},
        county_average={2018: 75, 2019: 76, 2020: 77}, description="Högre är bättre",
    )


def test_line_chart_is_an_accessible_image_with_the_data_in_words():
    with translation.override("en"):
        chart = sample_line()
    root = parse(chart)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Andel nöjda brukare"
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == desc_id
    assert desc.text.startswith("Högre är bättre. Total: 2018 78,5 %, 2019 80,2 %.")
    assert "Target: 2020 85 %." in desc.text
    assert "County average: 2018 75 %, 2019 76 %, 2020 77 %." in desc.text
    assert chart.alt_text.startswith("Andel nöjda brukare. Högre är bättre.")


def test_line_chart_uses_decimal_comma_and_dashes_for_target_and_average():
    chart = sample_line()
    texts = [node.text for node in parse(chart).iter(f"{SVG}text")]
    assert "80,2" in texts and "78,5" in texts  # values of the total are printed
    assert not any(re.fullmatch(r"\d+\.\d+", text or "") for text in texts)
    dashes = {line.get("stroke-dasharray") for line in parse(chart).iter(f"{SVG}polyline")}
    assert {"7 4", "2 3"} <= dashes  # target dashed, county average dotted


def test_a_gap_splits_the_line_and_breakdowns_without_values_are_left_out():
    chart = line_chart(title="t", categories=[1, 2, 3, 4], series=[Series("a", (1, 2, None, 4))])
    lines = list(parse(chart).iter(f"{SVG}polyline"))
    # legend swatch + one segment of two points; the lone last point is only a marker
    assert [len(line.get("points").split()) for line in lines] == [2, 2]
    only_total = measure_line_chart(title="t", years=[2019, 2020], unit="count", total={2020: 3}, women={})
    assert len(only_total.series) == 1


def test_same_data_gives_the_same_bytes_and_other_data_other_ids():
    assert sample_line().svg == sample_line().svg
    other = line_chart(title="Annat", categories=[2020], series=[Series("a", (1,))])
    assert other.svg.split('id="')[1][:16] != sample_line().svg.split('id="')[1][:16]


def test_text_is_escaped():
    chart = line_chart(title='<script>"x" & y</script>', categories=["<b>"], series=[Series("<i>", (1,))])
    root = parse(chart)  # parses, so nothing broke out of its element
    assert root.find(f"{SVG}title").text == '<script>"x" & y</script>'
    assert "<script>" not in chart.svg and "{{" not in chart.__html__()


def test_series_length_must_match_categories():
    with pytest.raises(ValueError, match="'a' has 1 values for 2 categories"):
        line_chart(title="t", categories=[1, 2], series=[Series("a", (1,))])


def test_comparison_chart_orders_own_then_average_then_best_first_and_marks_own_bold():
    with translation.override("en"):
        chart = measure_comparison_chart(
            title="Jämförelse", own_label="Huddinge", own_value=Decimal("80.2"), unit="index",
            county_average=Decimal("77.1"), others={"Nacka": 83, "Haninge": 75, "Stockholm": None},
        )
    assert list(chart.categories) == ["Huddinge", "County average", "Nacka", "Haninge", "Stockholm"]
    assert chart.description == (
        "Huddinge index 80,2; County average index 77,1; Nacka index 83; Haninge index 75; Stockholm no value."
    )
    bold = [node.text for node in parse(chart).iter(f"{SVG}text") if node.get("font-weight") == "bold"]
    assert bold == ["Huddinge", "80,2"]
    fills = [rect.get("fill") for rect in parse(chart).iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert fills[1].startswith("url(#")  # the average is hatched, not told by colour alone


def test_bar_chart_draws_negative_values_below_zero_with_patterned_series():
    chart = bar_chart(
        title="Driftredovisning", categories=["Intäkter", "Personal"], unit="mnkr",
        series=[Series("Budget", (120, -450)), Series("Utfall", (Decimal("131.5"), -462))],
    )
    bars = [rect for rect in parse(chart).iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(bars) == 4
    cid = re.search(r'id="(chart-[0-9a-f]+)-title"', chart.svg).group(1)
    assert {bar.get("fill") for bar in bars} == {f"url(#{cid}-p0)", f"url(#{cid}-p1)"}
    income, personnel = float(bars[0].get("height")), float(bars[2].get("height"))
    assert personnel > 3 * income
    assert "Utfall: Intäkter 131,5 mnkr, Personal -462 mnkr." in chart.description
    assert "-1\u00a0000" not in chart.description


def test_nice_ticks():
    assert nice_ticks(0, 97) == ([Decimal(v) for v in (0, 20, 40, 60, 80, 100)], 0)
    ticks, decimals = nice_ticks(0.1, 0.9)
    assert decimals == 1 and ticks[0] == Decimal("0.0") and ticks[-1] == Decimal("1.0")
    assert nice_ticks(5, 5)[0][0] <= 4


def test_png_of_the_same_chart_for_word():
    png = chart_to_png(sample_line())
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert 850 < width < 950  # 16 cm at 144 ppi
    many = charts_to_png([sample_line(), comparison_chart(title="c", bars=[Bar("a", 1, BarKind.OWN)])])
    assert len(many) == 2 and all(p.startswith(b"\x89PNG") for p in many)
    assert charts_to_png([]) == []


def test_dashed_style_can_be_set_for_any_series():
    chart = line_chart(title="t", categories=[1, 2], series=[Series("a", (1, 2), style=LineStyle.DASHED)])
    assert 'stroke-dasharray="7 4"' in chart.svg
