"""Production settings: the deploy checks pass, every response carries the security headers, the
environment is read strictly (booleans, numbers, secrets from files) and server errors are logged."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_passes_with_the_documented_production_environment(tmp_path):
    env = {
        **os.environ, "STYR_DEBUG": "0", "STYR_SECRET_KEY": secrets.token_urlsafe(60),
        "STYR_ALLOWED_HOSTS": "styr.huddinge.se", "STYR_VAR_DIR": str(tmp_path),
    }
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the test run's own, not production's
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "styr.manage", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "STYR_DEBUG": "0", "STYR_VAR_DIR": str(tmp_path)}
    env.pop("STYR_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "styr.manage", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "STYR_SECRET_KEY must be set" in result.stderr


def test_security_headers_and_content_security_policy(db):
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def settings_in(tmp_path, code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` after importing styr.settings in a fresh Python, with only the given Styr variables set."""
    environment = {
        name: value for name, value in os.environ.items()
        if not name.startswith(("STYR_", "DATABASE_URL")) and name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update({"STYR_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-c", f"import json\nfrom styr import settings\n{code}"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )


def setting(tmp_path, expression: str, **env: str):
    result = settings_in(tmp_path, f"print(json.dumps({expression}))", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refusal(tmp_path, **env: str) -> str:
    """The last line of the error with which the settings refuse to load."""
    result = settings_in(tmp_path, "", **env)
    assert result.returncode != 0
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(("value", "expected"), [
    ("1", True), ("true", True), ("Yes", True), (" ON ", True), ("0", False), ("false", False), ("NO", False), ("off", False),
])
def test_boolean_variables_accept_the_usual_words(tmp_path, value, expected):
    assert setting(tmp_path, "settings.SECURE_HSTS_PRELOAD", STYR_HSTS_PRELOAD=value) is expected


@pytest.mark.parametrize("value", ["", "2", "ja", "enabled", "truee"])
def test_any_other_boolean_value_stops_the_start_naming_the_variable(tmp_path, value):
    assert refusal(tmp_path, STYR_HSTS_PRELOAD=value) == (
        f"django.core.exceptions.ImproperlyConfigured: STYR_HSTS_PRELOAD must be 1/0, true/false, yes/no or on/off, "
        f"not {value!r}"
    )


@pytest.mark.parametrize(("env", "message"), [
    ({"STYR_EMAIL_PORT": "smtp"}, "STYR_EMAIL_PORT must be a whole number, not 'smtp'"),
    ({"STYR_TASKS": "celery"}, "STYR_TASKS must be one of immediate, database, not 'celery'"),
    ({"STYR_LOG_LEVEL": "loud"}, "STYR_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'loud'"),
    ({"STYR_DB_CONN_MAX_AGE": "forever"}, "STYR_DB_CONN_MAX_AGE must be a whole number, not 'forever'"),
    ({"STYR_DB_CONN_HEALTH_CHECKS": "maybe"}, "STYR_DB_CONN_HEALTH_CHECKS must be 1/0, true/false, yes/no or on/off, not 'maybe'"),
    ({"STYR_SESSION_HOURS": "8h"}, "STYR_SESSION_HOURS must be a whole number, not '8h'"),
    ({"STYR_CACHE": "redis"}, "STYR_CACHE must be one of local, database, not 'redis'"),
    ({"STYR_PASSWORD_HASHER": "md5"}, "STYR_PASSWORD_HASHER must be one of argon2, pbkdf2, not 'md5'"),
])
def test_numbers_and_choices_are_checked_too(tmp_path, env, message):
    assert refusal(tmp_path, **env).endswith(message)


SECRETS = {
    "STYR_SECRET_KEY": "settings.SECRET_KEY",
    "DATABASE_URL": "settings.DATABASES['default']['NAME']",
    "STYR_EMAIL_PASSWORD": "settings.MAILERS['default']['OPTIONS']['password']",
    "STYR_OIDC_CLIENT_SECRET": "settings.STYR_OIDC_CLIENT_SECRET",
    "DATABASE_REPLICA_URL": "settings.DATABASES['replica']['NAME']",
}
SMTP = {"STYR_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}


@pytest.mark.parametrize("name", SECRETS)
def test_every_secret_can_come_from_a_file(tmp_path, name):
    url = name.startswith("DATABASE_")
    value = "postgres://styr:hemligt@db/styr_prod" if url else "hemligt värde med mellanslag "
    secret = tmp_path / "secret"
    secret.write_text(value + "\n", encoding="utf-8")  # as `echo` and most secret stores write it
    expected = "styr_prod" if url else value
    assert setting(tmp_path, SECRETS[name], **SMTP, **{f"{name}_FILE": str(secret)}) == expected
    assert setting(tmp_path, SECRETS[name], **SMTP, **{name: value}) == expected


@pytest.mark.parametrize("name", SECRETS)
def test_a_secret_set_both_ways_or_in_a_missing_file_stops_the_start(tmp_path, name):
    secret = tmp_path / "secret"
    secret.write_text("one", encoding="utf-8")
    assert refusal(tmp_path, **{name: "two", f"{name}_FILE": str(secret)}).endswith(f"Set {name} or {name}_FILE, not both")
    assert f"{name}_FILE: cannot read {tmp_path / 'nowhere'}" in refusal(tmp_path, **{f"{name}_FILE": str(tmp_path / "nowhere")})


def test_production_logs_server_errors_with_their_traceback_to_stderr_and_not_refusals(tmp_path):
    code = """
import django
django.setup()
from django.test import Client, override_settings
from django.urls import path

def broken(request):
    raise ZeroDivisionError("a bug in a view")

urlpatterns = [path("broken/", broken)]
with override_settings(ROOT_URLCONF="__main__", ALLOWED_HOSTS=["testserver"]):
    client = Client(raise_request_exception=False)
    print(client.get("/broken/", secure=True).status_code, client.get("/missing/", secure=True).status_code)
"""
    result = settings_in(tmp_path, code, STYR_DEBUG="0", STYR_SECRET_KEY=secrets.token_urlsafe(60))
    assert result.stdout.split() == ["500", "404"], result.stderr
    assert "ERROR django.request Internal Server Error: /broken/" in result.stderr
    assert "Traceback (most recent call last):" in result.stderr
    assert 'ZeroDivisionError: a bug in a view' in result.stderr
    assert "/missing/" not in result.stderr
