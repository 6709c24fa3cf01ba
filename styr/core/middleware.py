"""Refusing input no part of Styr can store: a NUL character in a query string or a form field."""

from collections.abc import Callable

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
)
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

NUL = "\x00"


def _holds_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


def _in_api(request: HttpRequest) -> bool:
    try:
        return "api" in resolve(request.path_info).namespaces
    except Resolver404:
        return False


class RefuseNulCharacters:
    """Answers 400 when a GET or POST key or value holds NUL (in JSON under /api/, as the API answers).

    PostgreSQL refuses NUL in text, so such a value would otherwise end as a server error in
    whichever query first used it (a search, an autocomplete, a login).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            message = _("The request holds a NUL character, which Styr cannot store.")
            if _in_api(request):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
