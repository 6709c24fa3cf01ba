"""How the Kolada client reaches the API: a plain function from URL and timeout to a response.

The client takes any transport; tests and offline installations replay recordings (`replay.py`).
"""

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class HttpResponse:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


Transport = Callable[[str, float], HttpResponse]


def urllib_transport(url: str, timeout: float) -> HttpResponse:
    """GET with the standard library; network errors and timeouts propagate as OSError."""
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "Styr kolada-sync"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return HttpResponse(response.status, response.read(), dict(response.headers.items()))
    except urllib.error.HTTPError as error:
        return HttpResponse(error.code, error.read() or b"", dict((error.headers or {}).items()))
