"""Benchmark: the pages and API lists of deadline day, their time and query count; and sign-in throughput.

    .venv/bin/python bench/pages.py [--size small] [--runs 20] [--json FILE]

In one process on the bench database (bench/world.py) with the production settings, through the
whole middleware stack (Django's test client, no network): each page BENCH_PAGE_RUNS times (default
20) after two warm-up requests, as the user who works on it: the overview, a goal and a measure of a
committee's plan, the unit's follow-up (a manager), the committee's follow-up and who is done (a
controller), and the API lists. Baselines of the same run: the trivial view `/healthz` the same way,
and `SELECT 1` on the same connection. Sign-in: full sign-ins (the login form posted, password
checked, session made) one after the other, beside `/healthz` requests per second.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import world


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_page(client, url: str, runs: int) -> dict:
    from django.db import connection

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = []  # counted as they run (Django empties its own query log at every request's start)

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return {"url": url, "p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
            "queries": len(queries), "kib": round(len(response.content) / 1024, 1)}


def select_one_ms(runs: int) -> float:
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _ in range(runs * 10):
            started = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            times.append((time.perf_counter() - started) * 1000)
    return round(percentile(times, 0.95), 3)


def per_second(function, seconds: float = 5.0) -> float:
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        function()
        count += 1
    return count / (time.perf_counter() - started)


def run(runs: int) -> dict:
    from django.contrib.auth.models import User
    from django.test import Client

    from styr.organisation.models import Municipality

    cast = world.cast(1, 1)
    manager, controller = cast["managers"][0], cast["controllers"][0]
    as_manager, as_controller, anonymous = Client(), Client(), Client()
    as_manager.force_login(User.objects.get(username=manager["username"]))
    as_controller.force_login(User.objects.get(username=controller["username"]))
    municipality = Municipality.objects.order_by("pk").first()
    assert municipality is not None
    committee_plan = controller["overview"]
    from styr.plans.models import Plan

    plan = Plan.objects.select_related("unit").get(pk=controller["plan"])
    measure = plan.unit.measures.order_by("pk").values_list("slug", flat=True).first()
    pages = {
        "overview": (anonymous, committee_plan),
        "goal": (anonymous, controller["goals"][0]),
        "measure": (anonymous, f"{committee_plan}matt/{measure}/"),
        "unit follow-up": (as_manager, manager["followup"]),
        "committee follow-up": (as_controller, controller["followup"]),
        "who is done": (as_controller, controller["progress"]),
        "api municipalities": (as_controller, "/api/municipalities/"),
        "api units": (as_controller, f"/api/municipalities/{municipality.slug}/units/"),
        "api periods": (as_controller, f"/api/municipalities/{municipality.slug}/periods/"),
        "api unit plans": (as_controller, f"/api/units/{plan.unit_id}/plans/"),
    }
    results = {name: measure_page(client, url, runs) for name, (client, url) in pages.items()}
    baseline = measure_page(anonymous, "/healthz", runs)

    def sign_in():
        response = Client().post("/konto/logga-in/", {"username": manager["username"], "password": cast["password"]})
        assert response.status_code == 302, response.status_code

    healthz = Client()
    return {
        "pages": results, "page_p95_ms": max(page["p95_ms"] for page in results.values()),
        "page_queries_max": max(page["queries"] for page in results.values()),
        "baseline_healthz_p95_ms": baseline["p95_ms"], "baseline_healthz_queries": baseline["queries"],
        "baseline_select1_p95_ms": select_one_ms(runs),
        "signin_per_s": round(per_second(sign_in), 2),
        "baseline_healthz_per_s": round(per_second(lambda: healthz.get("/healthz"), 2.0), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "small"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_PAGE_RUNS", "20")))
    parser.add_argument("--json", help="write the figures to this file")
    arguments = parser.parse_args()
    world.prepare(arguments.size)
    os.environ.update(world.collected_environment(STYR_ALLOWED_HOSTS="testserver")[0])
    world.setup_django()
    result = run(arguments.runs)
    print(f"{'page':22} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'KiB':>8}  (load average {os.getloadavg()[0]:.1f})")
    for name, page in result["pages"].items():
        print(f"{name:22} {page['p50_ms']:8.1f} {page['p95_ms']:8.1f} {page['queries']:8} {page['kib']:8.1f}")
    print(f"{'baseline: /healthz':22} {'':8} {result['baseline_healthz_p95_ms']:8.1f} {result['baseline_healthz_queries']:8}")
    print(f"{'baseline: SELECT 1':22} {'':8} {result['baseline_select1_p95_ms']:8.3f}")
    print(f"sign-in: {result['signin_per_s']:.1f}/s in one process (baseline /healthz {result['baseline_healthz_per_s']:.0f}/s)")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
