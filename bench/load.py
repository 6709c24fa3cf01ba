"""Benchmark: deadline day under Locust against the production setup (gunicorn, PostgreSQL) on loopback.

    .venv/bin/python bench/load.py [--size small] [--seconds 120] [--json FILE]

200 managers and 20 controllers (bench/locustfile.py) for BENCH_LOAD_SECONDS (default 120) after a
ramp of 20 users a second; Locust stops by itself. First, as the baseline of the same run, Locust
asks the trivial view (`/healthz`, one SELECT 1) with 50 users and no think time for 15 s. Afterwards
every acknowledged save is looked up in the database: its text in the history, and the last save of
each item (the highest version) as the item's current text unless a later save moved its version
on; a save missing, or two saves accepted from the same version, count as `lost_updates`. Worker memory (RSS) is sampled at the end.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import world

VENV_BIN = Path(sys.executable).parent
PORT = int(os.environ.get("BENCH_PORT", "8731"))


def worker_rss_mb(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def locust(env: dict, work: Path, name: str, users: int, rate: int, seconds: int, classes: list[str]) -> dict:
    """Run Locust headless (it stops by itself after `seconds`); the aggregated figures of its CSV."""
    prefix = work / name
    subprocess.run([str(VENV_BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
                    "-u", str(users), "-r", str(rate), "-t", f"{seconds}s", "--stop-timeout", "10",
                    "--host", f"http://127.0.0.1:{PORT}", "--csv", str(prefix), "--only-summary",
                    "--loglevel", "WARNING", *classes],
                   env=env, check=False, capture_output=True, text=True, timeout=seconds + 120)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total = rows["Aggregated"]
    per_name = {name: {"requests": int(row["Request Count"]), "p50_ms": float(row["50%"] or 0),
                       "p95_ms": float(row["95%"] or 0)} for name, row in rows.items() if name != "Aggregated"}
    return {"rps": float(total["Requests/s"]), "p95_ms": float(total["95%"] or 0), "p50_ms": float(total["50%"] or 0),
            "requests": int(total["Request Count"]), "errors": int(total["Failure Count"]), "by_name": per_name}


def verify(acks_file: str) -> dict:
    """Every acknowledged save, looked up in the database (run with Django set up on the bench database)."""
    from collections import defaultdict

    from django.contrib.contenttypes.models import ContentType

    from styr.history.models import Change

    acks = json.loads(Path(acks_file).read_text(encoding="utf-8"))
    texts = {ack["text"] for ack in acks}
    found = {}
    for change in Change.objects.filter(after__has_any_keys=["analysis", "comment"]).only("content_type", "object_id", "after"):
        text = change.after.get("analysis") or change.after.get("comment")
        if text in texts:
            found[text] = (change.content_type_id, change.object_id)
    lost = [ack for ack in acks if ack["text"] not in found]
    per_item = defaultdict(list)
    for ack in acks:
        per_item[(ack["plan"], ack["key"])].append(ack)
    for saves in per_item.values():
        versions = [save["version"] for save in saves]
        lost += saves[: len(versions) - len(set(versions))]  # two saves accepted from one version: one overwrote
        last = max(saves, key=lambda save: save["version"])
        if last["text"] in found:
            content_type, object_id = found[last["text"]]
            current = ContentType.objects.get_for_id(content_type).get_object_for_this_type(pk=object_id)
            # Its text must be the item's now, unless a later save (not acknowledged: Locust stopped before
            # its answer came) moved the version on.
            if getattr(current, last["field"]) != last["text"] and current.version <= last["version"] + 1:
                lost.append(last)
    return {"acknowledged": len(acks), "items": len(per_item), "lost_updates": len(lost)}


def run(size: str, seconds: int, managers: int, controllers: int) -> dict:
    world.prepare(size)
    env, work = world.collected_environment()
    os.environ["DATABASE_URL"] = world.database_url()
    world.setup_django()  # styr.testing (the servers' helper) is the shared test world, with models
    from styr.testing import servers

    cast_file, acks_file = work / "cast.json", work / "acks.json"
    cast_file.write_text(subprocess.run([sys.executable, str(Path(__file__).with_name("world.py")), str(managers),
                                         str(controllers)], env=env, cwd=world.ROOT, capture_output=True, text=True,
                                        check=True).stdout.strip().splitlines()[-1])
    with servers.gunicorn(env, PORT, work / "gunicorn.log") as server:
        locust_env = {**os.environ, "BENCH_CAST": str(cast_file), "BENCH_ACKS": str(acks_file)}
        baseline = locust(locust_env, work, "baseline", 50, 50, 15, ["Health"])
        load = locust(locust_env, work, "load", managers + controllers, 20, seconds, ["Manager", "Controller"])
        rss = worker_rss_mb(server.pid)
    checked = json.loads(subprocess.run([sys.executable, __file__, "--verify", str(acks_file)], env=env, cwd=world.ROOT,
                                        capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    return {"load_rps": load["rps"], "load_p95_ms": load["p95_ms"], "load_p50_ms": load["p50_ms"],
            "load_requests": load["requests"], "load_errors": load["errors"], "lost_updates": checked["lost_updates"],
            "load_saves_acknowledged": checked["acknowledged"], "load_items_saved": checked["items"],
            "load_by_request": load["by_name"], "worker_rss_max_mb": round(max(rss), 1), "workers": len(rss),
            "baseline_healthz_rps": baseline["rps"], "baseline_healthz_p95_ms": baseline["p95_ms"],
            "load_seconds": seconds, "load_users": managers + controllers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "small"))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", "120")))
    parser.add_argument("--managers", type=int, default=200)
    parser.add_argument("--controllers", type=int, default=20)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--verify", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.verify:
        world.setup_django()
        print(json.dumps(verify(arguments.verify)))
        return
    result = run(arguments.size, arguments.seconds, arguments.managers, arguments.controllers)
    print(f"load: {result['load_users']} users for {result['load_seconds']} s: {result['load_rps']:.1f} requests/s "
          f"(baseline /healthz {result['baseline_healthz_rps']:.1f}/s), p95 {result['load_p95_ms']:.0f} ms "
          f"(baseline {result['baseline_healthz_p95_ms']:.0f} ms), {result['load_errors']} errors, "
          f"{result['load_saves_acknowledged']} saves acknowledged, {result['lost_updates']} lost; "
          f"worker RSS ≤ {result['worker_rss_max_mb']} MB")
    for name, figures in result["load_by_request"].items():
        print(f"  {name:16} {figures['requests']:6} requests, p50 {figures['p50_ms']:6.0f} ms, p95 {figures['p95_ms']:6.0f} ms")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
