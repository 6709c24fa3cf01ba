"""styr report --organisation SLUG --year YEAR (--period SLUG | --document KIND) [--own DOCUMENT] --format html|pdf|docx
--output PATH"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.documents.formatters import FORMATS
from styr.documents.model import DocumentError
from styr.documents.models import DocumentKind
from styr.documents.services import write_report
from styr.followup.models import PeriodKind


class Command(BaseCommand):
    help = "Write a plan or report of an organisation as HTML, tagged PDF (PDF/UA-1) or Word."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisation", required=True, help="slug of the committee or unit")
        parser.add_argument("--municipality", default="", help="municipality slug, where the organisation slug is not unique")
        parser.add_argument("--year", type=int, required=True)
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--period", default="", help="the follow-up period's slug, e.g. vb or mars")
        which.add_argument("--document", default="", choices=PeriodKind.values,
                           help="the latest period of this kind (a plan also without a plan period)")
        parser.add_argument("--own", default=DocumentKind.REPORT, choices=DocumentKind.values,
                            help="the period's report, or a document decided with it: internkontrollplan (with the "
                                 "plan), kvalitetsberattelse (with the annual report); alone, of the latest such period")
        parser.add_argument("--format", default="pdf", choices=list(FORMATS))
        parser.add_argument("--output", default="", help="file or folder (default: the current folder)")

    def handle(self, *args, **options) -> None:
        if not (options["period"] or options["document"] or options["own"] != DocumentKind.REPORT):
            raise CommandError("Give --period or --document (or --own).")
        output = Path(options["output"] or ".")
        started = time.perf_counter()
        try:
            path = write_report(
                organisation=options["organisation"], municipality=options["municipality"], year=options["year"],
                kind=options["document"], fmt=options["format"], output=output, period=options["period"],
                document=options["own"],
            )
        except DocumentError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{path} ({path.stat().st_size} bytes, {time.perf_counter() - started:.2f} s)")
