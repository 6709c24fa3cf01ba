"""Benchmark: a large committee's year of ledger lines imported, and its Driftredovisning built.

    .venv/bin/python bench/economy.py [--lines 1000000] [--json FILE]
    BENCH_DATABASE_URL=sqlite:///tmp/bench.sqlite3 .venv/bin/python bench/economy.py --size demo

On the bench database (bench/world.py; PostgreSQL, or a SQLite file): the first committee with activity
areas gets a CSV of BENCH_LEDGER_LINES lines (default 1,000,000, a large municipality's year: twelve
months of budget and outcome over every account and activity code its rules map), imported as the
economy page does (`services.import_ledger`: parse every number, map by the rules, sum per cell,
replace the year's amounts, derive the measures from the ledger), then its statement built
(`statements.build_statement`). Baselines of the same run: reading the same file as rows
(`importing.read_table`, the CSV parse alone), a plain bulk insert of the same rows into the amounts
table (no parsing, no checks, rolled back: executemany on SQLite, COPY on PostgreSQL), and `SELECT 1`.
Targets: ≤ 30 s for the import, ≤ 1 s for the tables.
"""

import argparse
import io
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import world


def code(pattern: str, rng: random.Random) -> str:
    """A code the pattern matches (`*` some digits, `?` one)."""
    return "".join(str(rng.randint(1, 9)) * rng.randint(1, 3) if char == "*" else
                   str(rng.randint(0, 9)) if char == "?" else char for char in pattern)


def ledger_csv(rules: list[tuple[str, str]], lines: int, year: int) -> bytes:
    rng = random.Random(12)
    codes = [(code(account, rng), code(activity, rng)) for account, activity in rules for _ in range(5)]
    out = io.StringIO()
    out.write("Konto;Verksamhet;År;Månad;Typ;Belopp\n")
    for number in range(lines):
        account, activity = codes[number % len(codes)]
        kind = "budget" if number % 3 == 0 else "utfall"
        out.write(f"{account};{activity};{year};{number % 12 + 1};{kind};{rng.randint(-90000, 90000)},{rng.randint(0, 99):02d}\n")
    return out.getvalue().encode("utf-8")


def bench_superuser():
    from django.contrib.auth.models import User

    return User.objects.get_or_create(username="bench-economy", defaults={"is_superuser": True, "is_staff": True})[0]


def install_rules(unit, admin) -> None:
    """A chart of accounts for a municipality that has none: account 3nn*/4nn* per report row, activity
    1nn* per activity area (as a superuser of the bench would enter them)."""
    from styr.economy import services
    from styr.economy.models import ReportRow

    rows = list(ReportRow.objects.filter(municipality_id=unit.municipality_id))
    order = 0
    for index, area in enumerate(unit.activity_areas.all()):
        for number, row in enumerate(rows):
            order += 1
            services.save_ledger_rule(user=admin, municipality=unit.municipality, order=order,
                                      account=f"{3 if row.kind == 'revenue' else 4}{number:02d}*",
                                      activity=f"{index + 1:02d}*", row=row, area=area)


def best(function, repeat: int = 2):
    seconds, value = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        elapsed = time.perf_counter() - started
        seconds = elapsed if seconds is None else min(seconds, elapsed)
    return seconds, value


def plain_insert(unit, data: bytes, repeat: int) -> float:
    """The file's rows as amounts of one row and area, inserted with no parsing and no checks (rolled back)."""
    from styr.economy.models import Amount, ReportRow

    row = ReportRow.objects.filter(municipality_id=unit.municipality_id).values_list("pk", flat=True).first()
    area = unit.activity_areas.values_list("pk", flat=True).first()
    lines = data.decode().splitlines()[1:]
    rows = [(unit.pk, int(year), int(month), kind, row, area, amount.replace(",", "."))
            for _account, _activity, year, month, kind, amount in (line.split(";") for line in lines)]
    columns = ["unit_id", "year", "month", "kind", "row_id", "area_id", "amount"]
    seconds, _ = best(lambda: world.plain_bulk_insert(Amount._meta.db_table, columns, rows), repeat)
    return seconds


def run(lines: int) -> dict:
    from django.db import connection

    from styr.economy import importing, services, statements
    from styr.economy.models import LedgerRule
    from styr.organisation.models import OrganisationUnit
    from styr.plans.models import Plan

    unit = OrganisationUnit.objects.filter(activity_areas__isnull=False).order_by("pk").first()
    if unit is None:
        return {"figures": {}, "note": "no committee with activity areas in the bench database"}
    admin = bench_superuser()
    if not LedgerRule.objects.filter(municipality_id=unit.municipality_id).exists():
        install_rules(unit, admin)
    year = Plan.objects.filter(unit=unit).order_by("-year").values_list("year", flat=True).first()
    rules = list(LedgerRule.objects.filter(municipality_id=unit.municipality_id).values_list("account", "activity"))
    data = ledger_csv(rules, lines, year)
    repeat = 1 if lines > 200_000 else 2
    read_s, _rows = best(lambda: sum(1 for _ in importing.read_table("bench.csv", io.BytesIO(data))), repeat)
    insert_s = plain_insert(unit, data, repeat)
    # As the controller would, with a reason: a generated year has decided follow-ups (an amendment).
    import_s, done = best(lambda: services.import_ledger(user=admin, unit=unit, year=year, name="bench.csv",
                                                         handle=io.BytesIO(data), scale="kr",
                                                         reason="Benchmark: a year of ledger lines"), repeat)
    statement_s, _statement = best(lambda: statements.build_statement(unit=unit, year=year), repeat=5)
    with connection.cursor() as cursor:
        select_s, _ = best(lambda: cursor.execute("SELECT 1"), repeat=20)
    return {
        "figures": {"economy_import_s": round(import_s, 3), "baseline_economy_read_s": round(read_s, 3),
                    "baseline_economy_insert_s": round(insert_s, 3),
                    "economy_statement_ms": round(statement_s * 1000, 1)},
        "database": connection.vendor,
        "lines": done.lines, "megabytes": round(len(data) / 1e6, 1), "committee": str(unit), "year": year,
        "select1_ms": round(select_s * 1000, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "small"))
    parser.add_argument("--lines", type=int, default=int(os.environ.get("BENCH_LEDGER_LINES", "1000000")))
    parser.add_argument("--json", help="write the figures to this file")
    arguments = parser.parse_args()
    world.prepare(arguments.size)
    os.environ["DATABASE_URL"] = world.database_url()
    world.setup_django()
    result = run(arguments.lines)
    figures = result["figures"]
    if figures:
        print(f"economy on {result['database']} ({result['committee']} {result['year']}, {result['lines']:,} ledger lines, "
              f"{result['megabytes']} MB): import {figures['economy_import_s']:.2f} s (target ≤ 30; baselines: reading "
              f"the rows {figures['baseline_economy_read_s']:.2f} s, a plain bulk insert of them "
              f"{figures['baseline_economy_insert_s']:.2f} s); "
              f"statement {figures['economy_statement_ms']:.1f} ms (target ≤ 1000; baseline SELECT 1 {result['select1_ms']:.3f} ms)")
    else:
        print(f"economy: {result['note']}")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
