from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.economy import services
from styr.economy.importing import SCALES, LedgerRefused
from styr.economy.models import AmountKind
from styr.history.models import ChangeSource
from styr.organisation.models import OrganisationUnit


class Command(BaseCommand):
    help = ("Import a ledger export (XLSX or CSV) as a committee's budget or outcome of a year: "
            "all lines or none, replacing the year's amounts of each kind the file holds.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="The municipality's slug, e.g. huddinge.")
        parser.add_argument("--unit", required=True, help="The committee's slug, e.g. socialnamnden.")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--scale", choices=sorted(SCALES), default="kr", help="The file's amounts are in kr, tkr or mnkr.")
        parser.add_argument("--kind", choices=AmountKind.values, default=AmountKind.OUTCOME,
                            help="The kind of lines without a Typ column.")
        parser.add_argument("--reason", default="", help="Why, when a follow-up of the year is decided.")

    def handle(self, *args, file: Path, municipality: str, unit: str, year: int, scale: str, kind: str, reason: str,
               **options):
        committee = OrganisationUnit.objects.filter(municipality__slug=municipality, slug=unit).first()
        if committee is None:
            raise CommandError(f"No unit {unit!r} in {municipality!r}.")
        try:
            with file.open("rb") as handle:
                done = services.import_ledger(user=None, unit=committee, year=year, name=file.name, handle=handle,
                                              scale=scale, kind=kind, reason=reason, source=ChangeSource.COMMAND)
        except OSError as error:
            raise CommandError(str(error)) from None
        except LedgerRefused as refused:
            raise CommandError("Nothing was imported:\n" + "\n".join(refused.errors)) from None
        except services.WriteRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"Imported {done.lines} lines of {file.name} ({done.kinds}) into {committee} {year}.")
