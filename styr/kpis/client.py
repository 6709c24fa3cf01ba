"""A small client for Kolada's v3 API (https://api.kolada.se/v3/).

Why our own and not the PyPI package `koladapy` (1.0.1, evaluated for issue 4): it follows only
`next_url` (not `next_page`) and pages by counting `page=` instead of following the link; its
batch loop logs and skips a failed batch, so a sync would silently store part of the data; a 5xx or
a timeout is turned into its own error before its retry decorator sees it, so only 429 is retried;
and it pulls in pandas, tqdm and backoff. What we need is ~150 lines on the standard library.

What the API asks of a client, and what this one does:
- at most 25 ids in each comma list: lists are cut into chunks and every combination is fetched;
- pages of at most 5000 rows: each page's `next_page` (or `next_url`) is followed until absent;
- a polite rate (≈5 requests/s), retries with exponential backoff on 429 and 5xx and timeouts,
  honouring Retry-After;
- `from_date=YYYY-MM-DD` returns changes only, with deleted rows flagged (`isdeleted`).
The transport is a plain function so that tests replay recorded responses without a network.
"""

import datetime
import itertools
import json
import time
import urllib.error
import urllib.parse
from collections.abc import Callable, Iterable, Iterator

from styr.kpis.parsing import KoladaDataError, next_page_url, rows_from_envelope
from styr.kpis.replay import ReplayTransport
from styr.kpis.transport import HttpResponse, Transport, urllib_transport

DEFAULT_BASE_URL = "https://api.kolada.se/v3/"
MAX_IDS_PER_LIST = 25
PAGE_SIZE = 5000
MAX_PAGES = 10_000  # a guard against a server that links a page to itself
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class KoladaApiError(RuntimeError):
    """The API refused a request, or kept failing after the retries."""


def chunks(ids: Iterable, size: int = MAX_IDS_PER_LIST) -> list[list[str]]:
    items = [str(item) for item in ids]
    return [items[start:start + size] for start in range(0, len(items), size)]


class KoladaClient:
    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: Transport = urllib_transport,
        requests_per_second: float = 5.0,
        max_attempts: int = 5,
        timeout: float = 30.0,
        backoff_seconds: float = 1.0,
        max_backoff_seconds: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_request: Callable[[str], None] | None = None,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.transport = transport
        self.min_interval = 1.0 / requests_per_second if requests_per_second > 0 else 0.0
        self.max_attempts = max_attempts
        self.timeout = timeout
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.sleep = sleep
        self.clock = clock
        self.on_request = on_request
        self.requests_made = 0
        self._last_request: float | None = None

    # -- one request ---------------------------------------------------------------------------

    def _throttle(self) -> None:
        if self._last_request is not None:
            wait = self.min_interval - (self.clock() - self._last_request)
            if wait > 0:
                self.sleep(wait)
        self._last_request = self.clock()

    def _backoff(self, attempt: int, response: HttpResponse | None) -> float:
        retry_after = (response.headers.get("Retry-After") or response.headers.get("retry-after")) if response else None
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.max_backoff_seconds)
        return min(self.backoff_seconds * 2 ** (attempt - 1), self.max_backoff_seconds)

    def get_json(self, url: str) -> dict:
        """One GET, retried on 429, 5xx and timeouts; the decoded JSON object."""
        failure = ""
        for attempt in range(1, self.max_attempts + 1):
            self._throttle()
            self.requests_made += 1
            if self.on_request:
                self.on_request(url)
            response = None
            try:
                response = self.transport(url, self.timeout)
            except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
                failure = f"{type(error).__name__}: {error}"
            else:
                if response.status == 200:
                    try:
                        document = json.loads(response.body)
                    except (json.JSONDecodeError, UnicodeDecodeError) as error:
                        raise KoladaDataError(f"{url}: the response is not valid JSON (truncated?): {error}") from None
                    if not isinstance(document, dict):
                        raise KoladaDataError(f"{url}: expected a JSON object, found {type(document).__name__}")
                    return document
                if response.status not in RETRY_STATUSES:
                    excerpt = response.body[:200].decode("utf-8", "replace")
                    raise KoladaApiError(f"{url}: HTTP {response.status}: {excerpt}")
                failure = f"HTTP {response.status}"
            if attempt < self.max_attempts:
                self.sleep(self._backoff(attempt, response))
        raise KoladaApiError(f"{url}: gave up after {self.max_attempts} attempts ({failure})")

    # -- pages -----------------------------------------------------------------------------------

    def url(self, path: str, params: dict | None = None) -> str:
        query = urllib.parse.urlencode({key: value for key, value in (params or {}).items() if value is not None})
        return urllib.parse.urljoin(self.base_url, path) + (f"?{query}" if query else "")

    def pages(self, path: str, params: dict | None = None) -> Iterator[dict]:
        """Every page of a listing, following the next-page link of each."""
        url: str | None = self.url(path, {"per_page": PAGE_SIZE, **(params or {})})
        seen: set[str] = set()
        while url:
            if url in seen or len(seen) >= MAX_PAGES:
                raise KoladaApiError(f"{url}: the pages link back to one already read")
            seen.add(url)
            envelope = self.get_json(url)
            rows_from_envelope(envelope, url)  # checks the shape before anyone reads it
            yield envelope
            following = next_page_url(envelope)
            url = urllib.parse.urljoin(url, following) if following else None

    def listing(self, path: str, params: dict | None = None) -> list[dict]:
        return [row for envelope in self.pages(path, params) for row in envelope["values"]]

    # -- data ------------------------------------------------------------------------------------

    def _data_pages(self, prefix: str, first: tuple[str, list], second: tuple[str, list], years: list,
                    from_date: datetime.date | None) -> Iterator[dict]:
        dimensions = [(name, chunks(ids)) for name, ids in (first, second, ("year", years)) if ids]
        if len(dimensions) < 2:
            raise ValueError("Kolada's data endpoints need at least two of KPI, municipality (or unit) and year")
        params = {"from_date": from_date.isoformat() if from_date else None}
        for combination in itertools.product(*(batches for _, batches in dimensions)):
            path = prefix + "/".join(
                f"{name}/{','.join(batch)}" for (name, _), batch in zip(dimensions, combination, strict=True)
            )
            yield from self.pages(path, params)

    def data(self, *, kpis: Iterable[str] = (), municipalities: Iterable[str] = (), years: Iterable[int] = (),
             from_date: datetime.date | None = None) -> Iterator[dict]:
        """Pages of municipality data, by any two or three of KPI, municipality and year."""
        return self._data_pages(
            "data/", ("kpi", list(kpis)), ("municipality", list(municipalities)), [str(y) for y in years], from_date
        )

    def ou_data(self, *, kpis: Iterable[str] = (), units: Iterable[str] = (), years: Iterable[int] = (),
                from_date: datetime.date | None = None) -> Iterator[dict]:
        """Pages of unit-level data (schools, care homes …), by any two or three of KPI, unit and year."""
        return self._data_pages("oudata/", ("kpi", list(kpis)), ("ou", list(units)), [str(y) for y in years], from_date)

    # -- metadata --------------------------------------------------------------------------------

    def kpis(self, *, ids: Iterable[str] = (), title: str | None = None) -> list[dict]:
        ids = list(ids)
        if not ids:
            return self.listing("kpi", {"title": title})
        return [row for batch in chunks(ids) for row in self.listing(f"kpi/{','.join(batch)}")]

    def municipalities(self, *, title: str | None = None) -> list[dict]:
        return self.listing("municipality", {"title": title})

    def municipality_groups(self, *, title: str | None = None) -> list[dict]:
        return self.listing("municipality_groups", {"title": title})

    def units(self, *, municipality: str | None = None, title: str | None = None) -> list[dict]:
        return self.listing("ou", {"municipality": municipality, "title": title})


def configured_client(*, base_url: str | None = None, replay: str | None = None, on_request=None) -> KoladaClient:
    """The client the commands and the scheduled task use.

    Settings (optional): KOLADA_BASE_URL; KOLADA_REPLAY_DIR replays recorded responses instead of
    calling the API (offline installations, demos, tests).
    """
    from django.conf import settings

    base_url = base_url or str(getattr(settings, "KOLADA_BASE_URL", DEFAULT_BASE_URL))
    replay = replay or getattr(settings, "KOLADA_REPLAY_DIR", None)
    if replay:
        # Recorded answers need no politeness: no waiting between requests or before retries.
        return KoladaClient(base_url, transport=ReplayTransport(replay), requests_per_second=0,
                            sleep=lambda seconds: None, on_request=on_request)
    return KoladaClient(base_url, on_request=on_request)
