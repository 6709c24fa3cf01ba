"""What every text a user writes goes through before it is stored, whichever path it comes by.

Text pasted from Word carries its Symbol and Wingdings bullets as private-use characters (U+F0B7 and
friends) that no font we ship can draw; they become "•". Control characters other than tab and line
breaks are dropped (a NUL cannot even be stored in PostgreSQL). Nothing else is changed, and nothing
is ever cut: a text longer than TEXT_LIMIT is refused with a message saying so.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Long enough for the longest analysis a committee writes (about 25 pages), short enough that a
# single upload cannot fill the database or make a page take seconds to serve.
TEXT_LIMIT = 100_000

BULLET = "\u2022"
# Word's Symbol and Wingdings bullets, as pasted: dot, square, diamond, arrowheads, check marks.
WORD_BULLETS = frozenset("\uf0b7\uf0a7\uf0a8\uf0d8\uf0e0\uf0fc\uf076\uf06e\uf06c\uf0f0\uf0de\uf0a2\uf02d")
_DROPPED = frozenset(chr(code) for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
# A search, not str.translate: translate walks a non-ASCII text character by character (25 ms for a Swedish
# analysis at the limit, and the export and import clean each text several times); the search takes under 1 ms.
_SPECIAL = re.compile("[" + re.escape("".join(sorted(WORD_BULLETS | _DROPPED))) + "]")


def _replacement(match: re.Match) -> str:
    return BULLET if match.group() in WORD_BULLETS else ""


def clean_text(value: str) -> str:
    """Word bullets as "•", Windows and old Mac line breaks as "\\n", control characters dropped."""
    return _SPECIAL.sub(_replacement, value.replace("\r\n", "\n").replace("\r", "\n"))


def check_length(value: str, *, label: str, limit: int = TEXT_LIMIT) -> None:
    """Refuse, never cut, a text over the limit; the message names the field and both lengths."""
    if len(value) > limit:
        raise ValidationError(
            _("%(label)s is %(length)s characters long; at most %(limit)s are kept. Shorten it and save again.")
            % {"label": label, "length": f"{len(value):,}".replace(",", "\u00a0"),
               "limit": f"{limit:,}".replace(",", "\u00a0")},
            code="too_long",
        )


def clean_and_check(value: str, *, label: str, limit: int = TEXT_LIMIT) -> str:
    """The one entry for a user's text: cleaned, then refused if too long."""
    cleaned = clean_text(value)
    check_length(cleaned, label=label, limit=limit)
    return cleaned
