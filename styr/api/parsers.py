"""The API's JSON parser: DRF's, refusing what would otherwise end as a server error."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _holds_nul(data: object) -> bool:
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(_holds_nul(key) or _holds_nul(value) for key, value in data.items())
    if isinstance(data, list):
        return any(_holds_nul(item) for item in data)
    return False


class StrictJSONParser(JSONParser):
    """JSON nested too deep to parse, and NUL characters (PostgreSQL cannot store them), answer 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            nul = _holds_nul(data)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
        if nul:
            raise ParseError(_("The JSON holds a NUL character."))
        return data
