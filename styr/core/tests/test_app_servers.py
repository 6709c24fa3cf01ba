"""Several stateless app servers against one database (docs/scaling.md): two real gunicorn processes
with the production settings; a manager signs in and saves on one, and the other serves the same
session and shows the save. Static files come with far-future caching."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
import requests
from django.db import connection

from styr.accounts.hashers import Argon2idHasher
from styr.followup.models import MeasureAnalysis
from styr.testing import PASSWORD, World
from styr.testing.servers import ROOT, gunicorn


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, as the servers' DATABASE_URL."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    return f"postgres://{config['USER']}{password}@{config['HOST']}:{config['PORT'] or 5432}/{config['NAME']}"


def production(var_dir) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("STYR_")}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update({
        "DATABASE_URL": database_url(), "STYR_DEBUG": "0", "STYR_SECRET_KEY": secrets.token_urlsafe(50),
        "STYR_VAR_DIR": str(var_dir), "STYR_SECURE_COOKIES": "0", "STYR_SSL_REDIRECT": "0",
        "STYR_DB_CONN_MAX_AGE": "60", "STYR_WORKERS": "1", "STYR_THREADS": "2", "STYR_CACHE": "database",
    })
    for command in (["collectstatic", "--noinput"], ["createcachetable"]):
        subprocess.run([sys.executable, "-m", "styr.manage", *command, "-v", "0"], env=env, cwd=ROOT, check=True,
                       timeout=300)
    return env


def csrf(page: requests.Response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


@pytest.mark.django_db(transaction=True)
def test_a_save_on_one_app_server_is_read_on_the_other(tmp_path):
    world = World.build()
    hasher = Argon2idHasher()  # the servers' hasher (the tests' own settings hash with MD5, for speed)
    world.alice.password = hasher.encode(PASSWORD, hasher.salt())
    world.alice.save(update_fields=["password"])
    env = production(tmp_path)
    ports = [free_port(), free_port()]
    with ExitStack() as servers, ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda port: servers.enter_context(gunicorn(env, port, tmp_path / f"{port}.log")), ports))
        first, second = (f"http://127.0.0.1:{port}" for port in ports)
        browser = requests.Session()  # one person's cookies, whichever server answers
        sign_in = browser.get(f"{first}/konto/logga-in/", timeout=30)
        signed_in = browser.post(f"{first}/konto/logga-in/", timeout=30, allow_redirects=False, data={
            "username": world.alice.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf(sign_in)})
        assert signed_in.status_code == 302
        path = f"/testby/socialnamnden/2020/uppfoljning/{world.period.slug}/"
        page = browser.get(first + path, timeout=30)
        assert page.status_code == 200
        key = f"measure-{world.measure.pk}"
        saved = browser.post(first + path, timeout=30, allow_redirects=False, data={
            "csrfmiddlewaretoken": csrf(page), "item": key, f"{key}-total": "41,5", f"{key}-analysis": "Sparat på server ett",
            f"{key}-outcome_version": "0", f"{key}-analysis_version": "0"})
        assert saved.status_code == 302, saved.text[:2000]

        # The other server knows the session (kept in the database) and reads the save.
        other = browser.get(second + path, timeout=30)
        assert other.status_code == 200 and "/konto/logga-in/" not in other.url
        assert "Sparat på server ett" in other.text
        assert MeasureAnalysis.objects.get(measure=world.measure, period=world.period).analysis == "Sparat på server ett"

        # Collected static files are served by WhiteNoise under hashed names, cached for years.
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text(encoding="utf-8"))["paths"]
        hashed = next(name for original, name in manifest.items() if original.endswith(".css"))
        static = requests.get(f"{second}/static/{hashed}", timeout=30, headers={"Accept-Encoding": "gzip"})
        assert static.status_code == 200
        assert "max-age=315360000" in static.headers["Cache-Control"] and "immutable" in static.headers["Cache-Control"]
        assert static.headers.get("Content-Encoding") == "gzip"
