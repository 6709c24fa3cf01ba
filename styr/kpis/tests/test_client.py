"""The v3 client against recorded and scripted responses: chunks, pages, politeness, retries."""

import datetime
import json
from pathlib import Path

import pytest

from styr.kpis.client import KoladaApiError, KoladaClient, chunks
from styr.kpis.parsing import KoladaDataError
from styr.kpis.replay import ReplayTransport
from styr.kpis.transport import HttpResponse

RECORDINGS = Path(__file__).resolve().parents[1] / "fixtures" / "demo" / "recordings"
BASE = "https://api.kolada.se/v3/"


class Scripted:
    """A transport answering from a dict url → list of responses (the last one repeats)."""

    def __init__(self, answers: dict):
        self.answers = {url: list(items) for url, items in answers.items()}
        self.urls: list[str] = []

    def __call__(self, url, timeout):
        self.urls.append(url)
        queue = self.answers.get(url)
        if not queue:
            return HttpResponse(404, b'{"error": "not found"}')
        item = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(item, Exception):
            raise item
        return item


def ok(document) -> HttpResponse:
    return HttpResponse(200, json.dumps(document).encode())


class FakeTime:
    def __init__(self):
        self.now, self.sleeps = 0.0, []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def client(transport, **options) -> tuple[KoladaClient, FakeTime]:
    time = FakeTime()
    return KoladaClient(BASE, transport=transport, sleep=time.sleep, clock=time.clock, **options), time


def test_lists_are_cut_into_chunks_of_25():
    assert [len(batch) for batch in chunks(range(60))] == [25, 25, 10]


class Recorder:
    """A transport that answers every URL with an empty page and remembers the URLs."""

    def __init__(self):
        self.urls: list[str] = []

    def __call__(self, url, timeout):
        self.urls.append(url)
        return ok({"count": 0, "values": []})


def test_data_fetches_every_combination_of_chunks():
    kpis = [f"N{index:05d}" for index in range(30)]
    recorder = Recorder()
    list(client(recorder)[0].data(kpis=kpis, municipalities=["0126", "0136"], years=[2019, 2020]))
    assert recorder.urls == [
        f"{BASE}data/kpi/{','.join(kpis[:25])}/municipality/0126,0136/year/2019,2020?per_page=5000",
        f"{BASE}data/kpi/{','.join(kpis[25:])}/municipality/0126,0136/year/2019,2020?per_page=5000",
    ]


def test_unit_level_data_uses_oudata():
    recorder = Recorder()
    list(client(recorder)[0].ou_data(kpis=["N15030"], units=["V15E012600101"]))
    assert recorder.urls == [f"{BASE}oudata/kpi/N15030/ou/V15E012600101?per_page=5000"]


def test_data_needs_two_of_three_dimensions():
    with pytest.raises(ValueError, match="at least two"):
        list(client(Scripted({}))[0].data(kpis=["U33401"]))


def test_from_date_asks_for_changes_only():
    recorder = Recorder()
    list(client(recorder)[0].data(kpis=["U33401"], years=[2020], from_date=datetime.date(2021, 3, 1)))
    assert recorder.urls == [f"{BASE}data/kpi/U33401/year/2020?per_page=5000&from_date=2021-03-01"]


def test_pages_follow_next_page_and_next_url_relative_or_absolute():
    first = f"{BASE}data/kpi/U33401/year/2020?per_page=5000"
    transport = Scripted({
        first: [ok({"count": 3, "values": [1], "next_page": f"{BASE}page/2"})],
        f"{BASE}page/2": [ok({"count": 3, "values": [2], "next_url": "3"})],
        f"{BASE}page/3": [ok({"count": 3, "values": [3], "next_page": None})],
    })
    pages = list(client(transport)[0].data(kpis=["U33401"], years=[2020]))
    assert [page["values"] for page in pages] == [[1], [2], [3]]


def test_a_page_linking_to_itself_is_an_error():
    url = f"{BASE}municipality?per_page=5000"
    transport = Scripted({url: [ok({"values": [], "next_page": url})]})
    with pytest.raises(KoladaApiError, match="link back"):
        client(transport)[0].municipalities()


def test_requests_keep_a_polite_rate():
    url = f"{BASE}kpi?per_page=5000"
    transport = Scripted({url: [ok({"values": []})]})
    polite, time = client(transport, requests_per_second=5)
    for _ in range(3):
        polite.kpis()
    assert time.sleeps == [0.2, 0.2]


def test_429_is_retried_after_the_time_the_server_asks():
    url = f"{BASE}kpi?per_page=5000"
    transport = Scripted({url: [HttpResponse(429, b"", {"Retry-After": "7"}), ok({"values": [{"id": "U1"}]})]})
    patient, time = client(transport, requests_per_second=0)
    assert patient.kpis() == [{"id": "U1"}]
    assert time.sleeps == [7.0]


def test_5xx_and_timeouts_are_retried_with_growing_backoff_then_given_up():
    url = f"{BASE}kpi?per_page=5000"
    transport = Scripted({url: [HttpResponse(503, b""), TimeoutError("slow"), HttpResponse(502, b"")]})
    patient, time = client(transport, requests_per_second=0, max_attempts=4)
    with pytest.raises(KoladaApiError, match="gave up after 4 attempts"):
        patient.kpis()
    assert time.sleeps == [1.0, 2.0, 4.0]
    assert len(transport.urls) == 4


def test_other_client_errors_are_not_retried():
    url = f"{BASE}kpi/X?per_page=5000"
    transport = Scripted({url: [HttpResponse(400, b'{"error": "bad id"}')]})
    with pytest.raises(KoladaApiError, match="HTTP 400"):
        client(transport)[0].kpis(ids=["X"])
    assert len(transport.urls) == 1


def test_a_truncated_body_is_a_data_error():
    url = f"{BASE}kpi?per_page=5000"
    transport = Scripted({url: [HttpResponse(200, b'{"count": 10, "values": [{"id": "U')]})
    with pytest.raises(KoladaDataError, match="not valid JSON"):
        client(transport)[0].kpis()


def test_recorded_sync_responses_replay_in_the_v3_shape():
    replay = ReplayTransport(RECORDINGS)
    index = json.loads((RECORDINGS / "index.json").read_text())["responses"]
    first = index[0]["url"]
    recorded, time = client(replay, requests_per_second=0)
    kpis, municipalities = first.split("/kpi/")[1].split("/municipality/")
    pages = list(recorded.data(kpis=kpis.split(","), municipalities=municipalities.split("?")[0].split(",")))
    assert replay.requested[0] == first and replay.requested[1] == first  # 429, then the page
    assert time.sleeps == [1.0]
    assert sum(len(page["values"]) for page in pages) == pages[0]["count"]
