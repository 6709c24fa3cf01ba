"""The municipality's words: the one way pages, Excel, the API and documents get a term.

    vocabulary(municipality)["measure"]           -> "Mått"   (or the municipality's own word)
    vocabulary(municipality)["measure_plural"]    -> "Mått"
    vocabulary(municipality)["target_definite"]   -> "etappmålet"
    vocabulary(municipality)["annual_report_short"] -> "VB"

Templates read the same words as `terms` (the context processor below, for the municipality in
the page's address): {{ terms.measure_plural }}. Within a request each municipality's vocabulary
is read once (VocabularyCache); outside a request (documents built by a worker, commands) every
call reads afresh.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from styr.organisation.models import DEFAULT_TERMS, Municipality, Term

_cache: ContextVar[dict[tuple[str, object], "Vocabulary"] | None] = ContextVar("styr_vocabulary", default=None)


class Vocabulary(dict[str, str]):
    """Words by key: "<key>", "<key>_plural", "<key>_definite" and "<key>_short" for every TermKey."""

    @classmethod
    def of(cls, terms: list[Term]) -> "Vocabulary":
        words = cls()
        for key, (singular, plural, definite, short) in DEFAULT_TERMS.items():
            words._put(key.value, singular, plural, definite, short)
        for term in terms:
            words._put(term.key, term.singular, term.plural, term.definite, term.short)
        return words

    def _put(self, key: str, singular: str, plural: str, definite: str, short: str) -> None:
        self[key], self[f"{key}_plural"] = singular, plural
        self[f"{key}_definite"] = definite or singular.lower()
        self[f"{key}_short"] = short or singular

    def defaults_replaced(self) -> list[str]:
        """Huddinge's words that this vocabulary does not use (what a page of it must not show)."""
        own = {word.casefold() for word in self.values()}
        return sorted({word for word in Vocabulary.of([]).values() if word.casefold() not in own})


def _read(key: tuple[str, object]) -> Vocabulary:
    cache = _cache.get()
    if cache is not None and key in cache:
        return cache[key]
    field, value = key
    words = Vocabulary.of(list(Term.objects.filter(**{field: value})))
    if cache is not None:
        cache[key] = words
    return words


def vocabulary(municipality: Municipality | int) -> Vocabulary:
    """The municipality's words (by the municipality or its id), Huddinge's where it has none of its own."""
    pk = municipality.pk if isinstance(municipality, Municipality) else municipality
    return _read(("municipality_id", pk))


def vocabulary_by_slug(slug: str) -> Vocabulary:
    return _read(("municipality__slug", slug))


class VocabularyCache:
    """Middleware: one read of each municipality's vocabulary per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _cache.set({})
        try:
            return self.get_response(request)
        finally:
            _cache.reset(token)


def terms(request: HttpRequest) -> dict[str, object]:
    """Context processor: `terms`, the vocabulary of the municipality in the address (else Huddinge's words).

    Read only when a template uses it.
    """

    def load() -> Vocabulary:
        match = getattr(request, "resolver_match", None)
        slug = match.kwargs.get("municipality") if match is not None else None
        return vocabulary_by_slug(slug) if isinstance(slug, str) else Vocabulary.of([])

    return {"terms": SimpleLazyObject(load)}
