"""Production settings: the deploy checks pass and every response carries the security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

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
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "STYR_DEBUG": "0", "STYR_VAR_DIR": str(tmp_path)}
    env.pop("STYR_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "styr.manage", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
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
