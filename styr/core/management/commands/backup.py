from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.core.backup import BackupError, backup_database


class Command(BaseCommand):
    help = "Back up the whole database to a file while Styr runs (pg_dump -Fc on PostgreSQL, the online backup on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="The backup file to write.")

    def handle(self, *args, output: Path, **options):
        if output.exists():
            raise CommandError(f"{output} exists; choose a new file name.")
        try:
            backup_database(output)
        except BackupError as error:
            output.unlink(missing_ok=True)
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the database to {output} ({output.stat().st_size} bytes).")
