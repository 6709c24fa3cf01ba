from django.core.management.base import BaseCommand, CommandError

from styr.demo.loader import DEMO_PASSWORD, DEMO_USERS, DemoDataError, load_demo
from styr.organisation.models import Municipality


class Command(BaseCommand):
    help = "Load the demo: Huddinge kommun with Socialnämnden's year 2020 (seed 001)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any municipality exists.")

    def handle(self, *args, if_empty: bool, **options):
        if Municipality.objects.exists():
            if if_empty:
                self.stdout.write("The database already holds data; the demo was not loaded.")
                self.print_accounts()
                return
            if Municipality.objects.filter(slug="huddinge").exists():
                raise CommandError("The demo municipality (huddinge) already exists.")
        try:
            municipality = load_demo()
        except DemoDataError as error:
            raise CommandError(f"The demo data is invalid: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo: {municipality.name}, Socialnämnden 2020."))
        self.print_accounts()

    def print_accounts(self) -> None:
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, first_name, last_name, role in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {first_name} {last_name}, {role.label}")
