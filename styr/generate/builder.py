"""`generate_municipality`: a realistic municipality of a given size, reproducible from a seed."""

import random

from django.db import transaction

from styr.control.presets import install_control_categories, install_quality_categories
from styr.economy.presets import install_economy_criteria, install_report_rows
from styr.followup.presets import install_presets
from styr.generate.reporting import ReportingBuilder
from styr.generate.shape import Size
from styr.generate.structure import StructureBuilder, World
from styr.organisation.models import Municipality

PASSWORD = "styr-generate"


@transaction.atomic
def generate_municipality(*, size: Size, seed: int = 1, year: int = 2026, slug: str = "storstad",
                          kolada_id: str = "1480", password: str = PASSWORD) -> World:
    """Create the municipality, all or nothing; the same arguments always give the same data."""
    rng = random.Random(seed)
    municipality = Municipality.objects.create(
        name=f"{slug.capitalize()} kommun", short_name=slug.capitalize(), slug=slug, kolada_id=kolada_id,
        vision="En hållbar kommun där alla kan växa", publish_without_login=True)
    install_presets(municipality)
    install_control_categories(municipality)
    install_quality_categories(municipality)
    install_report_rows(municipality)
    install_economy_criteria(municipality)
    world = World(municipality=municipality, year=year)
    StructureBuilder(world, size, rng).build(password=password)
    ReportingBuilder(world, size, rng).build()
    return world
