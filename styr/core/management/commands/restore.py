from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.core.backup import BackupError, restore_database


class Command(BaseCommand):
    help = "Replace everything in the database with a backup made by `styr backup`."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup file to restore.")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation.")

    def handle(self, *args, backup: Path, interactive: bool, **options):
        if interactive:
            answer = input(f"Every change made after {backup} was taken will be lost. Type 'yes' to restore: ")
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore_database(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database from {backup}.")
