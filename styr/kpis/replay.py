"""Replaying recorded Kolada API responses: the offline transport for tests, the demo and `--replay`.

A recording directory holds `index.json`, a list (or `{"responses": [...]}`) of `{"url": …, "file": …}` (optionally `"status"`
and `"headers"`), and the response bodies in the v3 shape. The same URL may be listed several
times to replay a sequence (a 429, then the data).
"""

import json
from collections import defaultdict, deque
from pathlib import Path

from styr.kpis.transport import HttpResponse


class ReplayTransport:
    def __init__(self, directory: Path | str):
        self.directory = Path(directory)
        index = json.loads((self.directory / "index.json").read_text(encoding="utf-8"))
        if isinstance(index, dict):
            index = index["responses"]
        self.responses: dict[str, deque] = defaultdict(deque)
        for entry in index:
            self.responses[entry["url"]].append(entry)
        self.requested: list[str] = []

    def __call__(self, url: str, timeout: float) -> HttpResponse:
        self.requested.append(url)
        queue = self.responses.get(url)
        if not queue:
            return HttpResponse(404, f'{{"error": "no recording for {url}"}}'.encode())
        entry = queue[0] if len(queue) == 1 else queue.popleft()
        if entry.get("timeout"):
            raise TimeoutError(f"recorded timeout for {url}")
        body = (self.directory / entry["file"]).read_bytes() if entry.get("file") else b""
        return HttpResponse(entry.get("status", 200), body, entry.get("headers", {}))
