"""The benchmarks' municipality on PostgreSQL, the bench's cast of users and the production environment.

Not a benchmark itself (bench/run.py runs the others). The database is BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/styr_bench): created when missing, migrated, and filled once with
`styr generate --size SIZE` where that command exists (else the demo, `styr loaddemo`); a run
against a filled database reuses it. The cast is 200 managers (reporters) spread round-robin over
the units with a plan and 20 controllers at the top-level units, all with one password.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STYR = [sys.executable, "-m", "styr.manage"]
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/styr_bench"
PASSWORD = "bench-deadline-day-2020"
MANAGER, CONTROLLER = "bench-manager-{:03d}", "bench-controller-{:02d}"


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)


def production_environment(var_dir: Path, **extra: str) -> dict[str, str]:
    """The production settings (STYR_DEBUG=0) on loopback HTTP: no TLS here, so no secure cookies."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("STYR_")}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environment.update({
        "DATABASE_URL": database_url(), "STYR_DEBUG": "0", "STYR_SECRET_KEY": secrets.token_urlsafe(50),
        "STYR_ALLOWED_HOSTS": "127.0.0.1,localhost", "STYR_VAR_DIR": str(var_dir), "STYR_SECURE_COOKIES": "0",
        "STYR_SSL_REDIRECT": "0", "STYR_HSTS_SECONDS": "0", "STYR_DB_CONN_MAX_AGE": "600",
        "STYR_LOG_LEVEL": "WARNING", "STYR_TASKS": "database", **extra,
    })
    return environment


def collected_environment(**extra: str) -> tuple[dict[str, str], Path]:
    """The production environment in a fresh var directory with the static files collected (the manifest
    that STYR_DEBUG=0 needs to name files), and that directory."""
    var_dir = Path(tempfile.mkdtemp(prefix="styr-bench-"))
    environment = production_environment(var_dir, **extra)
    styr("collectstatic", "--noinput", "-v", "0", env=environment)
    return environment, var_dir


def styr(*arguments: str, env: dict[str, str] | None = None) -> str:
    environment = env or {**os.environ, "DATABASE_URL": database_url()}
    completed = subprocess.run([*STYR, *arguments], cwd=ROOT, env=environment, capture_output=True, text=True,
                               check=False)
    if completed.returncode != 0:
        raise SystemExit(f"styr {' '.join(arguments)} failed:\n{completed.stdout}\n{completed.stderr}")
    return completed.stdout


def prepare(size: str) -> None:
    """Create, migrate and fill the bench database unless it holds a municipality already (a SQLite file is
    made by migrating; size "demo" loads the demo instead of generating a municipality)."""
    import dj_database_url

    if not database_url().startswith("sqlite"):
        import psycopg

        config = dj_database_url.parse(database_url())
        server = database_url().rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(server, autocommit=True) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
                admin.execute(f'CREATE DATABASE "{config["NAME"]}"')
    styr("migrate", "--noinput", "-v", "0")
    styr("createcachetable")
    filled = styr("shell", "-v", "0", "-c",
                  "from styr.organisation.models import Municipality; print(Municipality.objects.exists())")
    if filled.strip() == "True":
        return
    commands = styr("help", "--commands").split()
    styr(*(["generate", "--size", size] if "generate" in commands and size != "demo" else ["loaddemo"]))


def plain_bulk_insert(table: str, columns: list[str], rows: list) -> None:
    """The baseline of an import: the rows inserted into the table with no checks, rolled back; executemany
    on SQLite (one prepared statement stepped in C), COPY on PostgreSQL (its fastest path)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        transaction.set_rollback(True)


def cast(managers: int, controllers: int) -> dict:
    """Users and the addresses they use (in a process with Django set up on the bench database)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.urls import reverse

    from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodProgress, ProgressState
    from styr.organisation.models import Membership, OrganisationUnit, Role
    from styr.plans.models import Plan, PlanStatus

    OUTCOME_KINDS = [PeriodKind.INTERIM_1, PeriodKind.INTERIM_2, PeriodKind.ANNUAL_REPORT]
    year = Plan.objects.filter(status=PlanStatus.PUBLISHED).order_by("-year").values_list("year", flat=True)[0]
    plans = list(Plan.objects.filter(year=year, status=PlanStatus.PUBLISHED).select_related("unit__municipality")
                 .order_by("unit__parent_id", "unit_id"))
    committees = [plan for plan in plans if plan.unit.parent_id is None]
    municipality = committees[0].unit.municipality
    # Deadline day: the latest follow-up under way (with progress recorded), else the year's last one.
    periods = FollowUpPeriod.objects.filter(municipality=municipality, year=year).order_by("-as_of")
    period = (periods.filter(progress__isnull=False).first() or periods.filter(kind__in=OUTCOME_KINDS).first()
              or periods.first())
    assert period is not None, "the bench needs a follow-up period"
    closed = set(PeriodProgress.objects.filter(period=period).exclude(state=ProgressState.OPEN)
                 .values_list("plan_id", flat=True))
    leaves = [plan for plan in plans if plan.unit.parent_id is not None and plan.pk not in closed]
    leaves = leaves or [plan for plan in plans if plan.pk not in closed]
    hashed = make_password(PASSWORD)
    names = [MANAGER.format(n) for n in range(1, managers + 1)] + [CONTROLLER.format(n) for n in range(1, controllers + 1)]
    # Kept from run to run (the history refers to them); their password and memberships are made anew.
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create([User(username=name, first_name=name) for name in names if name not in existing])
    User.objects.filter(username__in=names).update(password=hashed, is_active=True)
    Membership.objects.filter(user__username__startswith="bench-").delete()
    by_name = User.objects.in_bulk(names, field_name="username")
    users = [by_name[name] for name in names]
    top = OrganisationUnit.objects.filter(municipality=municipality, parent=None).order_by("pk")
    memberships = [Membership(user=user, unit=leaves[n % len(leaves)].unit, role=Role.REPORTER)
                   for n, user in enumerate(users[:managers])]
    memberships += [Membership(user=user, unit=unit, role=Role.CONTROLLER) for user in users[managers:] for unit in top]
    Membership.objects.bulk_create(memberships)

    def urls(plan: Plan) -> dict:
        keys = (plan.unit.municipality.slug, plan.unit.slug, plan.year)
        goals = list(plan.goals.order_by("order").values_list("slug", flat=True)[:3])
        return {
            "plan": plan.pk, "followup": reverse("followup_edit", args=[*keys, period.slug]),
            "overview": reverse("overview", args=keys), "goals": [reverse("goal", args=[*keys, g]) for g in goals],
            "progress": reverse("followup_progress", args=[*keys, period.slug]),
            "documents": reverse("documents:index", args=keys),
        }

    return {
        "password": PASSWORD, "period": period.pk, "period_slug": period.slug, "year": year,
        "managers": [{"username": user.username, **urls(leaves[n % len(leaves)])} for n, user in enumerate(users[:managers])],
        "controllers": [{"username": user.username, **urls(committees[n % len(committees)])}
                        for n, user in enumerate(users[managers:])],
    }


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


if __name__ == "__main__":  # python bench/world.py MANAGERS CONTROLLERS: the cast as JSON
    setup_django()
    print(json.dumps(cast(int(sys.argv[1]), int(sys.argv[2]))))
