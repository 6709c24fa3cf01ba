"""The data of a chart in words, for <desc>, PDF figure alt text and Word picture descriptions."""

from django.utils.translation import gettext as _

from styr.charts.model import Bar, Number, Series
from styr.core.formatting import format_value


def value_words(value: Number | None, unit: str, decimals: int | None = None) -> str:
    return _("no value") if value is None else format_value(value, unit, decimals)


def describe_series(categories: list[str], series: list[Series], unit: str, decimals: int | None = None) -> str:
    """"Totalt: 2019 78 %, 2020 80,2 %. Etappmål: 2020 85 %." — years without any value are left out."""
    sentences = []
    for one in series:
        pairs = [
            f"{category} {value_words(value, unit, decimals)}"
            for category, value in zip(categories, one.values, strict=True)
            if value is not None
        ]
        if not pairs:
            pairs = [_("no values")]
        sentences.append(f"{one.label}: {', '.join(pairs)}.")
    return " ".join(sentences)


def describe_bars(bars: list[Bar], unit: str, decimals: int | None = None) -> str:
    return "; ".join(f"{bar.label} {value_words(bar.value, unit, decimals)}" for bar in bars) + "."


def full_description(lead: str, data_words: str) -> str:
    lead = lead.strip()
    if lead and not lead.endswith((".", "!", "?")):
        lead += "."
    return f"{lead} {data_words}".strip()
