"""Refusing input no part of Styr can store: a NUL character in a query string or a form field."""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict

NUL = "\x00"


def _holds_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


class RefuseNulCharacters:
    """Answers 400 when a GET or POST key or value holds NUL.

    PostgreSQL refuses NUL in text, so such a value would otherwise end as a server error in
    whichever query first used it (a search, an autocomplete, a login).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
