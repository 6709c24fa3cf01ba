"""`make bench`: every benchmark, one after the other, into bench/results/latest.json.

    .venv/bin/python bench/run.py [--size small|large] [--quick] [--reuse]

Runs bench/pages.py and bench/load.py on PostgreSQL (BENCH_DATABASE_URL, see bench/world.py),
bench/kolada_import.py, bench/report_build.py and bench/economy.py, each in its own process, and
writes their figures under the keys of issue 12, each beside the baseline measured in the same run
and the target. About 15 minutes on the 2-core machine; `--quick` (a 30 s load test, fewer repeats)
about 8; `--reuse` takes the figures of the steps a broken-off run finished (bench/results/steps/). BENCH_SIZE names the generated municipality (`styr generate --size`, default small).
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results" / "latest.json"
STEPS = BENCH / "results" / "steps"
REUSE = "--reuse" in sys.argv

# key, what it is, target (≤ unless the text says otherwise), baseline key
FIGURES = [
    ("page_p95_ms", "slowest page's p95 (pages.py)", "≤ 50", "baseline_trivial_view_p95_ms"),
    ("page_queries_max", "most queries of one page", "≤ 25", "baseline_trivial_view_queries"),
    ("load_rps", "requests/s under deadline-day load", "≥ 100", "baseline_load_trivial_view_rps"),
    ("load_p95_ms", "p95 under load", "≤ 300", "baseline_load_trivial_view_p95_ms"),
    ("load_errors", "failed requests under load", "= 0", None),
    ("lost_updates", "acknowledged saves not in the database", "= 0", "load_saves_acknowledged"),
    ("worker_rss_max_mb", "largest gunicorn worker after the load", "≤ 200", None),
    ("signin_per_s", "full sign-ins per second, one process", "", "baseline_trivial_view_per_s"),
    ("report_pdf_large_s", "annual report of a large committee, PDF", "≤ 3", "baseline_report_pdf_engine_s"),
    ("report_docx_large_s", "the same report, DOCX", "≤ 1.5", "baseline_report_docx_engine_s"),
    ("kolada_import_s", "435,000 Kolada values imported (SQLite)", "≤ 10", "baseline_kolada_insert_s"),
    ("kolada_ranks_s", "every rank and county average (SQLite)", "≤ 1", "baseline_kolada_json_s"),
    ("kolada_import_postgresql_s", "the import on PostgreSQL", "≤ 10", "baseline_kolada_insert_postgresql_s"),
    ("kolada_ranks_postgresql_s", "ranks and county averages on PostgreSQL", "≤ 1", "baseline_kolada_json_postgresql_s"),
    ("economy_import_s", "1,000,000 ledger lines of a committee imported (PostgreSQL)", "≤ 30", "baseline_economy_insert_s"),
    ("economy_statement_ms", "its Driftredovisning built (PostgreSQL)", "≤ 1000", "baseline_select1_ms"),
    ("economy_import_sqlite_s", "the ledger import on SQLite (the demo's committee)", "≤ 30",
     "baseline_economy_insert_sqlite_s"),
    ("economy_statement_sqlite_ms", "its Driftredovisning on SQLite", "≤ 1000", None),
]


def step(script: str, *arguments: str, env: dict | None = None, name: str = "") -> dict:
    """Run one benchmark (its own output passes through) and read the figures it wrote, which are kept in
    bench/results/steps/ (as `name`, else the script's) so that `--reuse` can take them instead of running it again."""
    output = STEPS / (name or script.replace(".py", ".json"))
    if REUSE and output.exists():
        print(f"-- bench/{script}: reused {output.relative_to(BENCH.parent)}\n", flush=True)
        return json.loads(output.read_text(encoding="utf-8"))
    STEPS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    completed = subprocess.run([sys.executable, str(BENCH / script), *arguments, "--json", str(output)],
                               env={**os.environ, **(env or {})}, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"bench/{script} failed")
    print(f"-- bench/{script}: {time.monotonic() - started:.0f} s\n", flush=True)
    return json.loads(output.read_text(encoding="utf-8"))


def collect(size: str, quick: bool) -> dict:
    pages = step("pages.py", "--size", size, "--runs", "10" if quick else "20")
    load = step("load.py", "--size", size, "--seconds", "30" if quick else "120")
    kolada = step("kolada_import.py", env={"BENCH_REPEAT": "1" if quick else "2"})
    report = step("report_build.py", "--runs", "1" if quick else "2")
    economy = step("economy.py")
    sqlite = f"sqlite:///{STEPS.resolve()}/economy.sqlite3"
    economy_sqlite = step("economy.py", "--size", "demo", env={"BENCH_DATABASE_URL": sqlite}, name="economy-sqlite.json")
    figures = {
        "page_p95_ms": pages["page_p95_ms"], "page_queries_max": pages["page_queries_max"],
        "baseline_trivial_view_p95_ms": pages["baseline_healthz_p95_ms"],
        "baseline_trivial_view_queries": pages["baseline_healthz_queries"],
        "baseline_select1_ms": pages["baseline_select1_p95_ms"],
        "signin_per_s": pages["signin_per_s"], "baseline_trivial_view_per_s": pages["baseline_healthz_per_s"],
        "load_rps": load["load_rps"], "load_p95_ms": load["load_p95_ms"], "load_errors": load["load_errors"],
        "lost_updates": load["lost_updates"], "load_saves_acknowledged": load["load_saves_acknowledged"],
        "baseline_load_trivial_view_rps": load["baseline_healthz_rps"],
        "baseline_load_trivial_view_p95_ms": load["baseline_healthz_p95_ms"],
        "worker_rss_max_mb": load["worker_rss_max_mb"],
        "report_pdf_large_s": report["pdf"]["total_s"], "baseline_report_pdf_engine_s": report["pdf"]["engine_s"],
        "report_docx_large_s": report["docx"]["total_s"], "baseline_report_docx_engine_s": report["docx"]["engine_s"],
        **economy["figures"],
        **{"{}_sqlite_{}".format(*key.rsplit("_", 1)): value for key, value in economy_sqlite["figures"].items()},
    }
    for database, suffix in (("sqlite", ""), ("postgresql", "_postgresql")):
        if database in kolada:
            seconds = kolada[database]["seconds"]
            figures[f"kolada_import{suffix}_s"] = seconds["IMPORT: parse + check + upsert (empty table)"]
            figures[f"kolada_ranks{suffix}_s"] = seconds["RANKS + COUNTY AVERAGES: one pass in Python"]
            figures[f"baseline_kolada_json{suffix}_s"] = seconds["baseline: json.loads of the pages"]
            figures[f"baseline_kolada_insert{suffix}_s"] = seconds["baseline: plain bulk insert (executemany / COPY)"]
    return {**figures, "details": {"pages": pages["pages"], "load": load, "kolada": kolada, "report": report,
                                   "economy": economy, "economy_sqlite": economy_sqlite}}


def print_table(figures: dict) -> None:
    print(f"{'key':28} {'value':>10} {'target':>7}  {'baseline (same run)':36} {'value':>10}  what")
    for key, label, target, baseline in FIGURES:
        value = figures.get(key)
        if value is None:
            continue
        base = f"{baseline:36} {figures[baseline]:10.3f}" if baseline and baseline in figures else " " * 47
        print(f"{key:28} {value:10.3f} {target:>7}  {base}  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "small"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="take the figures of steps that finished earlier")
    arguments = parser.parse_args()
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    figures = collect(arguments.size, arguments.quick)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH, capture_output=True, text=True,
                            check=False).stdout.strip()
    result = {
        **{key: value for key, value in figures.items() if key != "details"},
        "meta": {"size": arguments.size, "quick": arguments.quick, "commit": commit, "cores": os.cpu_count(),
                 "load_average_before": round(load_before, 2), "load_average_after": round(os.getloadavg()[0], 2),
                 "finished": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                 "minutes": round((time.monotonic() - started) / 60, 1)},
        "details": figures["details"],
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(result)
    print(f"\nwritten to {RESULTS.relative_to(BENCH.parent)} ({result['meta']['minutes']} minutes, load average "
          f"{load_before:.1f} before, {result['meta']['load_average_after']:.1f} after, on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
