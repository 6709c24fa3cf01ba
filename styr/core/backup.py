"""Backing up and restoring the whole database while Styr runs (see docs/operations.md).

PostgreSQL through its own tools, `pg_dump -Fc` and `pg_restore --clean` (installed with the
client of the server's version); SQLite through its online backup API, which copies a consistent
database even while others write to it (a copy of the file, with its -wal beside it, might not be).
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"


class BackupError(Exception):
    """The backup or restore could not be made; the message says why."""


def backup_database(path: Path, *, using: str = "default") -> None:
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        _run_pg_tool("pg_dump", ["--format=custom", f"--file={path}"], connection.settings_dict)
    else:
        raise BackupError(f"Cannot back up a {connection.vendor} database.")


def restore_database(path: Path, *, using: str = "default") -> None:
    """Replace everything in the database with the backup at `path`, in one transaction."""
    connection = connections[using]
    header = _header(path)
    if connection.vendor == "sqlite":
        if not header.startswith(SQLITE_HEADER):
            raise BackupError(f"{path} is not an SQLite backup.")
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        if not header.startswith(PG_CUSTOM_HEADER):
            raise BackupError(f"{path} is not a PostgreSQL backup made with pg_dump -Fc.")
        connection.close()  # holds no locks the restore would wait for
        _run_pg_tool(
            "pg_restore", ["--clean", "--if-exists", "--single-transaction", "--no-owner",
                           f"--dbname={connection.settings_dict['NAME']}", str(path)],
            connection.settings_dict,
        )
    else:
        raise BackupError(f"Cannot restore a {connection.vendor} database.")


def _header(path: Path) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror}") from None


def _run_pg_tool(tool: str, arguments: list[str], settings_dict: dict) -> None:
    program = shutil.which(tool)
    if program is None:
        raise BackupError(f"{tool} is missing: install the PostgreSQL client of the server's version.")
    environment = {**os.environ, **_libpq_environment(settings_dict)}
    result = subprocess.run([program, *arguments], env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")


def _libpq_environment(settings_dict: dict) -> dict[str, str]:
    """Django's connection settings as the PG* variables the PostgreSQL tools read (no password on the command line)."""
    values = {
        "PGDATABASE": settings_dict["NAME"], "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"), "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"), "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode"),
    }
    return {name: str(value) for name, value in values.items() if value}
