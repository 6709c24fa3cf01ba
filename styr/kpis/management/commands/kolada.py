"""`styr kolada catalogue|import|sync|compare`: Kolada reference data, values and comparisons."""

import datetime
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.core.formatting import format_number
from styr.kpis import services
from styr.kpis.catalogue import fetch_catalogue, read_directory
from styr.kpis.client import KoladaApiError, KoladaClient, configured_client
from styr.kpis.comparisons import kpi_comparison, values_by_year
from styr.kpis.models import KoladaMunicipality, Kpi
from styr.kpis.parsing import KoladaDataError, parse_records
from styr.organisation.models import Municipality


def make_client(base_url: str | None, replay: str | None) -> KoladaClient:
    return configured_client(base_url=base_url, replay=replay)


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--since: {text!r} is not a date (YYYY-MM-DD)") from None


class Progress:
    """Progress lines on stderr, at most one a second, so long runs show they are alive."""

    def __init__(self, stream, label: str):
        self.stream, self.label, self.last = stream, label, 0.0

    def __call__(self, *parts) -> None:
        now = time.monotonic()
        if now - self.last < 1.0:
            return
        self.last = now
        text = f"{parts[0]}/{parts[1]} values written" if len(parts) == 2 else str(parts[0])
        self.stream.write(f"{self.label}: {text}\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Kolada: load the KPI catalogue, import or sync KPI values, compare a municipality with its county."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")

        catalogue = commands.add_parser("catalogue", help="Load KPIs, municipalities and municipality groups.")
        source = catalogue.add_mutually_exclusive_group(required=True)
        source.add_argument("--from", dest="directory", help="An offline snapshot directory (kpis.csv, …).")
        source.add_argument("--api", action="store_true", help="Fetch the same from the live API.")
        catalogue.add_argument("--base-url", help="Default: settings.KOLADA_BASE_URL or the public v3 API.")
        catalogue.add_argument("--replay", help="Replay recorded responses from this directory instead.")

        importing = commands.add_parser("import", help="Import a saved API response, all or nothing.")
        importing.add_argument("--file", required=True, help="A v3 data envelope, its pages, or JSON lines of rows.")

        sync = commands.add_parser("sync", help="Fetch what the linked measures need and refresh their outcomes.")
        sync.add_argument("--since", help="Only changes since this date (YYYY-MM-DD), deletions included.")
        sync.add_argument("--base-url", help="Default: settings.KOLADA_BASE_URL or the public v3 API.")
        sync.add_argument("--replay", help="Replay recorded responses from this directory instead.")

        compare = commands.add_parser("compare", help="A municipality's value, county average, rank and peers.")
        compare.add_argument("--kpi", required=True)
        compare.add_argument("--municipality", required=True, help="Kolada id, e.g. 0126")
        compare.add_argument("--year", required=True, type=int)
        compare.add_argument("--direction", choices=["higher", "lower"], default="higher",
                             help="Which values are better (default: higher).")
        compare.add_argument("--file", help="Compare from a saved v3 response without importing it "
                                            "(names and similar groups still come from the catalogue).")
        compare.add_argument("--with", dest="peers", default="",
                             help="Comparison municipalities, comma-separated ids (default: the Styr "
                                  "municipality's own list).")

    def handle(self, *args, subcommand: str, **options):
        try:
            getattr(self, f"handle_{subcommand}")(**options)
        except (KoladaDataError, KoladaApiError) as error:
            raise CommandError(str(error)) from None

    def handle_catalogue(self, *, directory, api, base_url, replay, **options):
        if directory:
            catalogue = read_directory(directory)
        else:
            catalogue = fetch_catalogue(make_client(base_url, replay))
        counts = services.load_catalogue(catalogue=catalogue)
        self.stdout.write(
            f"Loaded {counts.kpis} KPIs, {counts.municipalities} municipalities and regions, "
            f"{counts.groups} municipality groups ({counts.memberships} memberships)."
        )

    def handle_import(self, *, file, **options):
        run = services.import_file(path=file, progress=Progress(sys.stderr, "import"))
        self.stdout.write(f"Imported {run.rows_written} values, deleted {run.rows_deleted} from {file}.")

    def handle_sync(self, *, since, base_url, replay, **options):
        since_date = parse_date(since) if since else None
        progress = Progress(sys.stderr, "sync")
        client = make_client(base_url, replay)
        run, changes = services.sync(client=client, since=since_date, progress=progress)
        if run is None:
            self.stdout.write("No measure is linked to a Kolada KPI: nothing to fetch.")
            return
        self.stdout.write(
            f"Fetched {run.rows_written} values ({run.rows_deleted} deleted) in {client.requests_made} requests; "
            f"outcomes: {changes.created} created, {changes.updated} updated, {changes.unchanged} unchanged."
        )

    def handle_compare(self, *, kpi, municipality, year, direction, peers, file, **options):
        kpi_id = kpi.strip().upper()
        by_year = None
        if file:
            try:
                raw = Path(file).read_bytes()
            except OSError as error:
                raise CommandError(f"{file}: cannot be read ({error.strerror})") from None
            by_year = values_by_year(parse_records(raw, label=Path(file).name), kpi_id=kpi_id)
            if not by_year:
                raise CommandError(f"{file} holds no values of {kpi_id}")
        kpi_row = Kpi.objects.filter(id=kpi_id).first() or (Kpi(id=kpi_id, title="") if file else None)
        if kpi_row is None:
            raise CommandError(f"unknown KPI {kpi!r}: load the catalogue or check the id")
        place = KoladaMunicipality.objects.filter(id=municipality).first()
        if file and place is None and len(municipality) == 4 and municipality.isdigit():
            place = KoladaMunicipality(id=municipality, title=municipality, type="K")
        if place is None or not place.is_municipality or place.id.startswith("00"):
            raise CommandError(f"unknown municipality {municipality!r}: expected a Kolada municipality id like 0126")
        if peers:
            peer_ids = [item.strip() for item in peers.split(",") if item.strip()]
        else:
            styr_municipality = Municipality.objects.filter(kolada_id=place.id).first()
            peer_ids = list(
                styr_municipality.comparison_municipalities.order_by("name").values_list("kolada_id", flat=True)
            ) if styr_municipality else []
        unknown = set(peer_ids) - set(KoladaMunicipality.objects.filter(id__in=peer_ids).values_list("id", flat=True))
        if unknown and not file:
            raise CommandError(f"unknown comparison municipalities: {', '.join(sorted(unknown))}")
        comparison = kpi_comparison(
            kpi_id=kpi_row.id, municipality_id=place.id, direction=direction, comparison_ids=peer_ids, years=[year],
            by_year=by_year,
        )
        self.write_comparison(kpi_row, comparison, year, direction)

    def write_comparison(self, kpi, comparison, year, direction):
        out = self.stdout.write
        number = lambda value: format_number(value) if value is not None else "–"  # noqa: E731
        item = comparison.year(year)
        out(f"{kpi.id} {kpi.title}")
        out(f"{year}, {direction} is better")
        if item is None:
            out(f"{comparison.municipality.name} ({comparison.municipality.kolada_id}): no values stored for {year}")
            return
        out(f"{comparison.municipality.name} ({comparison.municipality.kolada_id}): {number(item.total)}")
        county = comparison.county.name if comparison.county else "County"
        out(f"{county}: {number(item.county_average)} (unweighted mean of {item.county_reported} municipalities)")
        out(f"Rank: {item.ranking or '–'}")
        if comparison.comparison_municipalities:
            out("Comparison municipalities:")
            for peer in comparison.comparison_municipalities:
                out(f"  {peer.name} ({peer.kolada_id}): {number(item.comparison_values.get(peer.kolada_id))}")
        if comparison.similar_group:
            out(
                f"{comparison.similar_group.name}: {number(item.similar_average)} "
                f"({item.similar_reported} of {len(comparison.similar_members)} reported)"
            )
