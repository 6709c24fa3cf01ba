"""`styr backup` and `styr restore`: what was backed up comes back identical, on SQLite and PostgreSQL."""

import io
import shutil

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from styr.demo.loader import load_demo
from styr.followup.models import MeasureOutcome
from styr.organisation.models import Municipality
from styr.plans.models import Goal, Measure
from styr.testing import make_user

# pg_dump and the online SQLite backup see committed data only, so the test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)


def everything() -> str:
    out = io.StringIO()
    call_command("dumpdata", "--indent=0", stdout=out)
    return out.getvalue()


@pytest.fixture
def tools():
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are missing: apt-get install -y postgresql-client")


def test_a_restore_brings_back_exactly_what_was_backed_up(tmp_path, tools):
    load_demo()
    before = everything()
    backup = tmp_path / "styr.backup"
    call_command("backup", str(backup), stdout=io.StringIO())

    measure = Measure.objects.order_by("pk").first()
    Measure.objects.filter(pk=measure.pk).update(name="Ändrat efter säkerhetskopian")
    Goal.objects.order_by("pk").last().delete()
    MeasureOutcome.objects.all().delete()
    make_user("efter", "Efter")
    assert everything() != before

    call_command("restore", str(backup), "--no-input", stdout=io.StringIO())
    assert everything() == before
    assert Measure.objects.get(pk=measure.pk).name == measure.name
    assert Municipality.objects.get().slug == "huddinge"
    if connection.vendor == "postgresql":  # the history triggers came back with the tables
        events = measure.audit_events.count()
        Measure.objects.filter(pk=measure.pk).update(name="Efter återställningen")
        assert measure.audit_events.count() == events + 1


def test_backup_refuses_to_overwrite_a_file(tmp_path, tools):
    existing = tmp_path / "styr.backup"
    existing.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"an older backup"


def test_restore_asks_first_and_without_a_yes_changes_nothing(tmp_path, tools, monkeypatch):
    backup = tmp_path / "styr.backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    make_user("efter", "Efter")
    monkeypatch.setattr("builtins.input", lambda question: "y")
    with pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore", str(backup))
    assert User.objects.filter(username="efter").exists()


def test_restore_refuses_a_file_that_is_no_backup_and_changes_nothing(tmp_path, tools):
    load_demo()
    before = everything()
    other = tmp_path / "notes.txt"
    other.write_text("not a database")
    with pytest.raises(CommandError, match=r"is not an? (SQLite|PostgreSQL) backup"):
        call_command("restore", str(other), "--no-input")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore", str(tmp_path / "missing"), "--no-input")
    assert everything() == before
