import pytest
from django.core.exceptions import ValidationError

from styr.core.text import TEXT_LIMIT, clean_and_check, clean_text


@pytest.mark.parametrize("bullet", ["\uf0b7", "\uf0a7", "\uf0d8"])
def test_word_bullets_become_bullets(bullet):
    assert clean_text(f"{bullet}\tFler hemtjänsttimmar\r\n{bullet}\tKortare väntetid") == (
        "•\tFler hemtjänsttimmar\n•\tKortare väntetid"
    )


def test_control_characters_are_dropped_and_the_rest_is_kept():
    assert clean_text("Mål\x00 nått\x0b – ökning med 3,2 %\n\tSe bilaga") == "Mål nått – ökning med 3,2 %\n\tSe bilaga"


def test_a_text_over_the_limit_is_refused_not_cut():
    assert clean_and_check("å" * TEXT_LIMIT, label="Analys") == "å" * TEXT_LIMIT
    with pytest.raises(ValidationError) as refused:
        clean_and_check("å" * (TEXT_LIMIT + 1), label="Analys")
    assert "Analys" in refused.value.messages[0] and "100\u00a0001" in refused.value.messages[0]
