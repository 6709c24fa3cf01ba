"""The request's side of the municipality's words (organisation.models.vocabulary is the one way to them).

VocabularyCache (middleware) has each municipality's vocabulary read once per request; the context
processor `terms` gives templates the vocabulary of the municipality in the page's address
({{ terms.measure_plural }}), Huddinge's words on pages of no municipality.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from styr.organisation.models import Vocabulary, vocabulary_by_slug, vocabulary_cache


class VocabularyCache:
    """Middleware: one read of each municipality's vocabulary per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = vocabulary_cache.set({})
        try:
            return self.get_response(request)
        finally:
            vocabulary_cache.reset(token)


def terms(request: HttpRequest) -> dict[str, object]:
    """Context processor: `terms`, read only when a template uses it."""

    def load() -> Vocabulary:
        match = getattr(request, "resolver_match", None)
        slug = match.kwargs.get("municipality") if match is not None else None
        return vocabulary_by_slug(slug) if isinstance(slug, str) else Vocabulary.of([])

    return {"terms": SimpleLazyObject(load)}
