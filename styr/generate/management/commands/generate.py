import time

from django.core.management.base import BaseCommand, CommandError

from styr.followup.models import MeasureOutcome
from styr.generate.builder import PASSWORD, generate_municipality
from styr.generate.shape import SIZES
from styr.organisation.models import Municipality
from styr.plans.models import Activity, Commitment, Measure


class Command(BaseCommand):
    help = "Generate a realistic municipality (units, people, plans, goals, measures, ten years of outcomes, " \
           "follow-ups as of deadline day, risks, economy), reproducible from a seed."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--year", type=int, default=2026, help="The year of the plans (default 2026).")
        parser.add_argument("--slug", default="storstad", help="The municipality's slug (default storstad).")
        parser.add_argument("--kolada-id", default="1480", help="The municipality's Kolada id (default 1480).")
        parser.add_argument("--password", default=PASSWORD, help=f"Every account's password (default {PASSWORD}).")

    def handle(self, *args, size: str, seed: int, year: int, slug: str, kolada_id: str, password: str, **options):
        if Municipality.objects.filter(slug=slug).exists() or Municipality.objects.filter(kolada_id=kolada_id).exists():
            raise CommandError(f"A municipality with the slug {slug} or the Kolada id {kolada_id} exists already.")
        started = time.perf_counter()
        world = generate_municipality(size=SIZES[size], seed=seed, year=year, slug=slug, kolada_id=kolada_id,
                                      password=password)
        units = [unit.pk for unit in world.units]
        counts = {
            "units": len(units),
            "measures": Measure.objects.filter(unit__in=units).count(),
            "outcomes": MeasureOutcome.objects.filter(measure__unit__in=units).count(),
            "commitments and activities": Commitment.objects.filter(plan__unit__in=units).count()
            + Activity.objects.filter(plan__unit__in=units).count(),
        }
        self.stdout.write(self.style.SUCCESS(
            f"Generated {world.municipality.name} ({size}, seed {seed}, {year}) in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{count:,} {name}" for name, count in counts.items())))
        example = next(unit.slug for unit in world.units if unit.parent_id is not None)
        self.stdout.write(
            f"Accounts (password {password}): {slug}-strateg (controller of every committee), "
            f"{slug}-controller-<committee slug>, {slug}-politiker-<committee slug> (reader), {slug}-chef-<unit slug> "
            f"(reporter of each unit below a committee), e.g. {slug}-chef-{example}")
