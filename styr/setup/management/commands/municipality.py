"""`styr municipality create --preset huddinge|three-level|empty --name … --slug …`: the setup page's service."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from styr.history.models import ChangeSource
from styr.setup.presets import PRESETS, set_up_municipality


class Command(BaseCommand):
    help = "Set up a municipality from a preset, with its first committee."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a municipality from a preset")
        create.add_argument("--preset", choices=sorted(PRESETS), required=True)
        create.add_argument("--name", required=True, help='e.g. "Exempelby kommun"')
        create.add_argument("--slug", required=True, help="its name in addresses, e.g. exempelby")
        create.add_argument("--kolada-id", required=True, help="the four-digit municipality code")
        create.add_argument("--short-name", help="defaults to the name without ' kommun'")
        create.add_argument("--committee", default="Kommunstyrelsen", help="its first committee")
        create.add_argument("--year", type=int, default=datetime.date.today().year,
                            help="the year the preset's follow-up periods are set up for")
        create.add_argument("--controller", help="the username who becomes the committee's controller")

    def handle(self, *args, **options):
        controller = None
        if options["controller"]:
            controller = get_user_model().objects.filter(username=options["controller"]).first()
            if controller is None:
                raise CommandError(f"No user {options['controller']!r}.")
        name = options["name"]
        try:
            municipality = set_up_municipality(
                user=None, controller=controller, preset=options["preset"], year=options["year"], name=name,
                short_name=options["short_name"] or name.removesuffix(" kommun"), slug=options["slug"],
                kolada_id=options["kolada_id"], committee=options["committee"],
                committee_slug=slugify(options["committee"]), source=ChangeSource.COMMAND)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"{municipality.name} ({municipality.slug}) is set up from the preset {options['preset']}.")
